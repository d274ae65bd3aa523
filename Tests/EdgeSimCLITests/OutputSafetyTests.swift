import Foundation
import Testing

/// Every file under `folder`, by relative path, hidden ones included.
func allFiles(_ folder: URL) throws -> [String: Data] {
    var found: [String: Data] = [:]
    let fm = FileManager.default
    guard let walker = fm.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [:] }
    let prefix = folder.standardizedFileURL.path + "/"
    for case let url as URL in walker {
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: url.path, isDirectory: &isDir), !isDir.boolValue {
            found[String(url.standardizedFileURL.path.dropFirst(prefix.count))] = try Data(contentsOf: url)
        }
    }
    return found
}

@Suite("Outputs never destroy what EdgeSim did not write", .serialized)
struct OutputSafetyTests {
    let smoke = repositoryRoot.appendingPathComponent("Scenarios/smoke.yaml").path

    @Test("--out . in a folder with a foreign file: exit 2, the file intact")
    func currentFolder() throws {
        let base = temporaryFolder("out-dot")
        defer { try? FileManager.default.removeItem(at: base) }
        let notes = base.appendingPathComponent("notes.txt")
        try Data("mine\n".utf8).write(to: notes)
        for command in [["run", smoke], ["sweep", smoke, "--set", "seed=1,2"],
                        ["capacity", smoke, "--vary", "topology.cameras_per_store", "--from", "1", "--to", "2",
                         "--until", "update_latency_p99 > 1s"]] {
            let r = try EdgeSimProcess.run(command + ["--out", ".", "--quiet"], in: base)
            #expect(r.status == 2, "\(command[0]): \(r.stdout)\(r.stderr)")
            #expect(r.stderr.contains(base.lastPathComponent) && r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: base.path) == ["notes.txt"])
            #expect(try Data(contentsOf: notes) == Data("mine\n".utf8))
        }
        // Nor with --force: the current folder is never replaced.
        let forced = try EdgeSimProcess.run(["run", smoke, "--out", ".", "--force", "--quiet"], in: base)
        #expect(forced.status == 2 && forced.stderr.contains("current folder"), "\(forced.stderr)")
        #expect(try Data(contentsOf: notes) == Data("mine\n".utf8))
    }

    @Test("--out an existing file: exit 2, the file intact; a folder of someone else's: exit 2 unless --force")
    func regularFileAndForeignFolder() throws {
        let base = temporaryFolder("out-file")
        defer { try? FileManager.default.removeItem(at: base) }
        let readme = base.appendingPathComponent("README.md")
        try Data("# mine\n".utf8).write(to: readme)
        let r = try EdgeSimProcess.run(["run", smoke, "--out", readme.path, "--quiet"])
        #expect(r.status == 2 && r.stderr.contains("README.md"), "\(r.stderr)")
        #expect(try Data(contentsOf: readme) == Data("# mine\n".utf8))

        let folder = base.appendingPathComponent("theirs")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("x\n".utf8).write(to: folder.appendingPathComponent("data.csv"))
        let refused = try EdgeSimProcess.run(["run", smoke, "--out", folder.path, "--quiet"])
        #expect(refused.status == 2 && refused.stderr.contains("theirs") && refused.stderr.contains("--force"), "\(refused.stderr)")
        #expect(try Data(contentsOf: folder.appendingPathComponent("data.csv")) == Data("x\n".utf8))
        let forced = try EdgeSimProcess.run(["run", smoke, "--out", folder.path, "--quiet", "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("data.csv").path))
        // Now EdgeSim's: replaced without --force.
        let again = try EdgeSimProcess.run(["run", smoke, "--out", folder.path, "--quiet"])
        #expect(again.status == 0, "\(again.stderr)")
    }

    @Test("--force on a folder holding .git is refused, and so is a folder holding Package.swift")
    func forceOnRepository() throws {
        let base = temporaryFolder("out-git")
        defer { try? FileManager.default.removeItem(at: base) }
        for entry in [".git", "Package.swift"] {
            let repo = base.appendingPathComponent("repo\(entry)")
            try FileManager.default.createDirectory(at: repo.appendingPathComponent(entry == ".git" ? ".git" : "Sources"),
                                                    withIntermediateDirectories: true)
            if entry == "Package.swift" { try Data("// swift-tools-version:6.0\n".utf8).write(to: repo.appendingPathComponent(entry)) }
            let before = try allFiles(repo)
            let r = try EdgeSimProcess.run(["run", smoke, "--out", repo.path, "--force", "--quiet"])
            #expect(r.status == 2 && r.stderr.contains(entry), "\(r.stderr)")
            #expect(try allFiles(repo) == before)
            #expect(FileManager.default.fileExists(atPath: repo.appendingPathComponent(entry).path))
        }
    }

    @Test("SIGKILL halfway through a run leaves the previous results byte-identical; the next run leaves no temporary")
    func killedRun() throws {
        let base = temporaryFolder("out-kill")
        defer { try? FileManager.default.removeItem(at: base) }
        let out = base.appendingPathComponent("smoke")
        let first = try EdgeSimProcess.run(["run", smoke, "--out", out.path, "--quiet"])
        #expect(first.status == 0, "\(first.stderr)")
        let before = try allFiles(out)
        #expect(before.count == 8)   // metrics, summary, comparison, timeseries, costs and breakeven CSVs, run.json, scenario.yaml

        // Several simulated hours of smoke: seconds of work, killed midway.
        let process = Process()
        process.executableURL = EdgeSimProcess.executable
        process.arguments = ["run", smoke, "--out", out.path, "--quiet", "--jobs", "1", "--set", "duration=8h", "--seed", "9"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 1.0)
        #expect(process.isRunning, "the long run ended within a second; lengthen it so the kill lands midway")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(try allFiles(out) == before, "the previous results changed")

        // A writer killed between staging and rename leaves a temporary; plant one.
        let stale = base.appendingPathComponent(".smoke.edgesim-tmp-\(process.processIdentifier)")
        try FileManager.default.createDirectory(at: stale, withIntermediateDirectories: true)
        try Data("half\n".utf8).write(to: stale.appendingPathComponent("metrics.csv"))
        let next = try EdgeSimProcess.run(["run", smoke, "--out", out.path, "--quiet"])
        #expect(next.status == 0, "\(next.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: base.path) == ["smoke"])
    }

    @Test("two runs writing to one --out at once leave a whole folder of one of them")
    func concurrentRuns() throws {
        let base = temporaryFolder("out-race")
        defer { try? FileManager.default.removeItem(at: base) }
        // What each writes alone.
        var references: [[String: Data]] = []
        for seed in ["3", "4"] {
            let alone = base.appendingPathComponent("alone-\(seed)")
            #expect(try EdgeSimProcess.run(["run", smoke, "--out", alone.path, "--quiet", "--seed", seed]).status == 0)
            references.append(try allFiles(alone).filter { $0.key != "run.json" })
        }
        #expect(references[0] != references[1])
        let out = base.appendingPathComponent("shared")
        for _ in 0..<3 {
            let processes = try ["3", "4"].map { seed in
                let p = Process()
                p.executableURL = EdgeSimProcess.executable
                p.arguments = ["run", smoke, "--out", out.path, "--quiet", "--seed", seed, "--jobs", "1"]
                p.standardOutput = FileHandle.nullDevice
                p.standardError = FileHandle.nullDevice
                try p.run()
                return p
            }
            for p in processes { p.waitUntilExit() }
            #expect(processes.allSatisfy { $0.terminationStatus == 0 })
            let written = try allFiles(out)
            let csv = written.filter { $0.key != "run.json" }
            #expect(csv == references[0] || csv == references[1], "a mix of two runs: \(written.keys.sorted())")
            let seed = csv == references[0] ? "3" : "4"
            let json = String(decoding: written["run.json"] ?? Data(), as: UTF8.self)
            #expect(json.contains("\"seed\": \(seed)"), "run.json of the other run: \(json)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: base.path).sorted() == ["alone-3", "alone-4", "shared"])
    }

    @Test("without --out, results go under Results/runs/, which git ignores")
    func defaultOutput() throws {
        let base = temporaryFolder("out-default")
        defer { try? FileManager.default.removeItem(at: base) }
        let r = try EdgeSimProcess.run(["run", smoke], in: base)
        #expect(r.status == 0, "\(r.stderr)")
        // The line names every file written, the bill's included.
        #expect(r.stdout.contains("wrote Results/runs/smoke/ (metrics.csv, summary.csv, comparison.csv, timeseries.csv, run.json, scenario.yaml, costs.csv, breakeven.csv)"),
                "\(r.stdout)")
        #expect(FileManager.default.fileExists(atPath: base.appendingPathComponent("Results/runs/smoke/summary.csv").path))
        let ignore = try String(contentsOf: repositoryRoot.appendingPathComponent(".gitignore"), encoding: .utf8)
        #expect(ignore.split(separator: "\n").contains("/Results/runs/"))
    }
}
