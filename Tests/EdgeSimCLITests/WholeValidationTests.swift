import Foundation
import Testing

@Suite("Validation is whole")
struct WholeValidationTests {
    static let scenario = """
        name: whole
        duration: 5m
        topology:
          regions: 1
          stores_per_region: 4
          cameras_per_store: 1
          links:
            device_store: {latency: 2ms, bandwidth: 1Gbps}
            store_region: {latency: 10ms, bandwidth: 100 furlongs}
            region_cloud: {latency: 35ms, bandwidth: 10Gbps}
        replication:
          n: 3
          r: 4
          quorum: 2
        scheduling:
          plugins: [latency]
        faults:
          - {at: 1m, kind: clock, node: device-0-0, offset: 50ms}

        """

    @Test("a bad bandwidth, an unknown replication key, r > n and an unknown scheduling key: four located errors, exit 2")
    func fourErrorsAtOnce() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("whole-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.scenario.write(to: dir.appendingPathComponent("whole.yaml"), atomically: true, encoding: .utf8)

        let result = try EdgeSimProcess.run(["run", "whole.yaml", "--out", "out", "--quiet"], in: dir)
        #expect(result.status == 2)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("whole.yaml:9: topology.links.store_region.bandwidth: ") }, "\(result.stderr)")
        #expect(lines.contains("whole.yaml:13: replication.r: r = 4 exceeds n = 3"), "\(result.stderr)")
        #expect(lines.contains { $0.hasPrefix("whole.yaml:14: replication.quorum: unknown key") }, "\(result.stderr)")
        #expect(lines.contains { $0.hasPrefix("whole.yaml:16: scheduling.plugins: unknown key") }, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
    }

    @Test("a clock fault on a node whose clock nothing reads is a warning naming the fault; the run goes ahead")
    func clockFaultWithoutEffect() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("warn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let yaml = Self.scenario
            .replacingOccurrences(of: "100 furlongs", with: "100Mbps")
            .replacingOccurrences(of: "replication:\n  n: 3\n  r: 4\n  quorum: 2\nscheduling:\n  plugins: [latency]\n", with: "")
            .replacingOccurrences(of: "duration: 5m", with: "duration: 2m")
        try yaml.write(to: dir.appendingPathComponent("warn.yaml"), atomically: true, encoding: .utf8)
        let result = try EdgeSimProcess.run(["run", "warn.yaml", "--out", "out", "--quiet"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("warn.yaml:12: faults[0]: warning: the clock fault on device-0-0 has no effect"),
                "\(result.stderr)")
    }
}
