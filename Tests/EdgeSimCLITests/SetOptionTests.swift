import Foundation
import Testing

@Suite("edgesim run --set", .serialized)
struct SetOptionTests {
    let smoke = repositoryRoot.appendingPathComponent("Scenarios/smoke.yaml").path

    /// The mean of `metric` for `arm` in a summary.csv.
    func mean(_ summary: String, arm: String, metric: String) -> Double? {
        for line in summary.split(separator: "\n") {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            if f.count > 5, f[1] == arm, f[2] == metric { return Double(f[5]) }
        }
        return nil
    }

    @Test("overrides change the run, and run.json lists them in order")
    func overridesApply() throws {
        let base = temporaryFolder("set")
        defer { try? FileManager.default.removeItem(at: base) }
        let out = base.appendingPathComponent("out")
        let run = try EdgeSimProcess.run(["run", smoke, "--out", out.path, "--quiet", "--set", "topology.stores_per_region=2",
                                          "--set", "faults=[]", "--set", "workload.upload_interval=30s"])
        #expect(run.status == 0, "\(run.stderr)")
        let summary = String(decoding: try Data(contentsOf: out.appendingPathComponent("summary.csv")), as: UTF8.self)
        // 2 regions x 2 stores x 4 cameras, one frame every 10 s for the 9 minutes after the warm-up.
        #expect(mean(summary, arm: "cloud_only", metric: "frames_captured") == 864)
        let info = String(decoding: try Data(contentsOf: out.appendingPathComponent("run.json")), as: UTF8.self)
        #expect(info.contains(#""overrides": ["topology.stores_per_region=2", "faults=[]", "workload.upload_interval=30s"]"#), "\(info)")
    }

    @Test("a bad override is reported against --set, exit status 2, nothing written")
    func badOverride() throws {
        let base = temporaryFolder("set-bad")
        defer { try? FileManager.default.removeItem(at: base) }
        let out = base.appendingPathComponent("out")
        let run = try EdgeSimProcess.run(["run", smoke, "--out", out.path, "--quiet", "--set", "topology.stores_per_regoin=2",
                                          "--set", "workload.upload_interval=fast"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--set topology.stores_per_regoin: unknown key; did you mean `stores_per_region`?"), "\(run.stderr)")
        #expect(run.stderr.contains("--set workload.upload_interval:"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
