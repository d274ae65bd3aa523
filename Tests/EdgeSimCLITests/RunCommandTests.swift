import EdgeSim
import Foundation
import Testing

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

func temporaryFolder(_ name: String) -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("edgesim-\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func contents(_ folder: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
        files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
    }
    return files
}

@Suite("edgesim run", .serialized)
struct RunCommandTests {
    let smoke = repositoryRoot.appendingPathComponent("Scenarios/smoke.yaml").path

    @Test("the smoke scenario run twice, in two processes, writes byte-identical CSV")
    func determinism() throws {
        let base = temporaryFolder("determinism")
        defer { try? FileManager.default.removeItem(at: base) }
        let a = base.appendingPathComponent("a"), b = base.appendingPathComponent("b")
        let first = try EdgeSimProcess.run(["run", smoke, "--out", a.path, "--quiet"])
        let second = try EdgeSimProcess.run(["run", smoke, "--out", b.path, "--quiet", "--jobs", "1"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(second.status == 0, "\(second.stderr)")
        let fa = try contents(a), fb = try contents(b)
        #expect(fa.keys.sorted() == ["breakeven.csv", "comparison.csv", "costs.csv", "metrics.csv", "run.json", "scenario.yaml",
                                     "summary.csv", "timeseries.csv"])
        // The scenario file as read, so that the folder alone says what ran.
        #expect(fa["scenario.yaml"] == (try Data(contentsOf: URL(fileURLWithPath: smoke))))
        for name in ["metrics.csv", "summary.csv", "comparison.csv", "timeseries.csv", "costs.csv", "breakeven.csv"] {
            #expect(fa[name] != nil && fa[name] == fb[name], "\(name) differs between runs")
        }
        let metrics = String(decoding: fa["metrics.csv"]!, as: UTF8.self)
        #expect(metrics.hasPrefix("scenario,arm,repetition,seed,metric,unit,value\n"))
        #expect(metrics.contains(",edge_hybrid,") && metrics.contains(",cloud_only,"))
    }

    @Test("a bad scenario gives located errors, exit status 2, and leaves results untouched")
    func badScenario() throws {
        let base = temporaryFolder("bad")
        defer { try? FileManager.default.removeItem(at: base) }
        let results = base.appendingPathComponent("results")
        try FileManager.default.createDirectory(at: results, withIntermediateDirectories: true)
        let marker = results.appendingPathComponent("metrics.csv")
        try Data("previous results\n".utf8).write(to: marker)
        let bad = repositoryRoot.appendingPathComponent("Scenarios/bad-example.yaml").path
        let result = try EdgeSimProcess.run(["run", bad, "--out", results.path, "--quiet"])
        #expect(result.status == 2)
        let lines = result.stderr.split(separator: "\n").filter { $0.contains("bad-example.yaml:") }
        #expect(lines.count == 3, "\(result.stderr)")
        #expect(try contents(results) == ["metrics.csv": Data("previous results\n".utf8)])
    }

    @Test("a missing scenario file is a clear error with exit status 2")
    func missingFile() throws {
        let result = try EdgeSimProcess.run(["run", "/nonexistent/scenario.yaml", "--quiet"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("scenario.yaml"))
    }
}
