import EdgeSim
import Foundation
import Testing

/// The shipped replication scenarios, run as a user runs them, checked
/// against what their issue asks of them.
@Suite("Shipped replication scenarios", .serialized)
struct ReplicationScenarioTests {
    /// edge_hybrid value of each metric in comparison.csv.
    static func edgeValues(_ folder: URL) throws -> [String: Double] {
        let text = try String(contentsOf: folder.appendingPathComponent("comparison.csv"), encoding: .utf8)
        var values: [String: Double] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            values[String(f[1])] = Double(f[3])
        }
        return values
    }

    /// Runs `scenario` (a file under Scenarios/, or a path) with `edge_hybrid` values back.
    static func run(_ scenario: String, _ name: String) throws -> [String: Double] {
        let out = temporaryFolder(name)
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try EdgeSimProcess.run(["run", scenario, "--out", out.path, "--quiet"])
        try #require(result.status == 0, "\(result.stderr)")
        return try edgeValues(out)
    }

    @Test("store-partition.yaml: siblings lose nothing, every hint is delivered, reads are stale only until convergence")
    func storePartition() throws {
        let v = try Self.run(repositoryRoot.appendingPathComponent("Scenarios/store-partition.yaml").path, "sp")
        #expect(v["lost_acknowledged_writes"] == 0)
        let stored = try #require(v["hints_stored"])
        #expect(stored > 0)
        #expect(v["hints_delivered"] == stored)
        #expect(v["hint_backlog_end"] == 0)
        let convergence = try #require(v["convergence_time_after_heal"])
        #expect(convergence.isFinite && convergence > 0 && convergence < 600, "\(convergence)")
        #expect((v["stale_reads_during_faults"] ?? 0) > 0)
        #expect(v["stale_reads_after_convergence"] == 0)
        #expect(v["divergent_keys_at_end"] == 0)
    }

    @Test("clock-skew.yaml: lww loses acknowledged writes; siblings loses none and reports conflicts")
    func clockSkew() throws {
        let shipped = repositoryRoot.appendingPathComponent("Scenarios/clock-skew.yaml")
        let text = try String(contentsOf: shipped, encoding: .utf8)
        #expect(text.contains("  policy: lww\n"))
        let folder = temporaryFolder("cs-yaml")
        defer { try? FileManager.default.removeItem(at: folder) }
        let siblingsFile = folder.appendingPathComponent("clock-skew.yaml")
        try Data(text.replacingOccurrences(of: "  policy: lww\n", with: "  policy: siblings\n").utf8)
            .write(to: siblingsFile)
        let lww = try Self.run(shipped.path, "cs-lww")
        let siblings = try Self.run(siblingsFile.path, "cs-siblings")
        #expect((lww["lost_acknowledged_writes"] ?? 0) > 0)
        #expect(siblings["lost_acknowledged_writes"] == 0)
        #expect((siblings["conflicts_detected"] ?? 0) > 0)
    }
}
