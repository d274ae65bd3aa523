import Foundation
import Testing

@Suite("edgesim sweep and merge", .serialized)
struct SweepCommandTests {
    let smoke = repositoryRoot.appendingPathComponent("Scenarios/smoke.yaml").path
    /// The smoke scenario over two keys: 3 x 2 points, 2 repetitions each.
    var sweep: [String] {
        ["sweep", smoke, "--set", "workload.upload_interval=30s,1m,2m",
         "--set", "topology.links.store_region.bandwidth=50Mbps,100Mbps", "--quiet"]
    }

    func read(_ url: URL) throws -> Data { try Data(contentsOf: url) }

    /// The files under `folder` by relative path, run.json files left out
    /// (they alone record wall time and worker count).
    func deterministicFiles(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])!
        for case let url as URL in enumerator where url.lastPathComponent != "run.json" {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            files[String(url.path.dropFirst(folder.path.count + 1))] = try read(url)
        }
        return files
    }

    @Test("the 3 x 2 smoke sweep writes the same bytes with 1 worker, with 2, and as 3 merged shards run in separate processes")
    func determinism() throws {
        let base = temporaryFolder("sweep")
        defer { try? FileManager.default.removeItem(at: base) }
        let one = base.appendingPathComponent("one"), two = base.appendingPathComponent("two")
        let merged = base.appendingPathComponent("merged")
        let a = try EdgeSimProcess.run(sweep + ["--jobs", "1", "--out", one.path])
        let b = try EdgeSimProcess.run(sweep + ["--jobs", "2", "--out", two.path])
        #expect(a.status == 0, "\(a.stderr)")
        #expect(b.status == 0, "\(b.stderr)")
        var shards: [String] = []
        for k in 1...3 {
            let folder = base.appendingPathComponent("shard-\(k)").path
            let r = try EdgeSimProcess.run(sweep + ["--shard", "\(k)/3", "--jobs", "1", "--out", folder])
            #expect(r.status == 0, "\(r.stderr)")
            shards.append(folder)
        }
        let m = try EdgeSimProcess.run(["merge"] + shards.reversed() + ["--out", merged.path])
        #expect(m.status == 0, "\(m.stderr)")

        let csv = try read(one.appendingPathComponent("sweep.csv"))
        #expect(try read(two.appendingPathComponent("sweep.csv")) == csv)
        #expect(try read(merged.appendingPathComponent("sweep.csv")) == csv)
        let reference = try deterministicFiles(one)
        #expect(try deterministicFiles(two) == reference)
        #expect(try deterministicFiles(merged) == reference)

        let text = String(decoding: csv, as: UTF8.self)
        let lines = text.split(separator: "\n")
        #expect(lines[0] == "workload.upload_interval,topology.links.store_region.bandwidth,arm,metric,n,mean,stddev,ci95_low,ci95_high")
        #expect(lines[1].hasPrefix("30s,50Mbps,edge_hybrid,update_latency_mean,2,"))
        // Every point contributes the rows of its summary, both arms.
        let summary = try read(one.appendingPathComponent("points/0-workload.upload_interval=30s,topology.links.store_region.bandwidth=50Mbps/summary.csv"))
        let perPoint = String(decoding: summary, as: UTF8.self).split(separator: "\n").count - 1
        #expect(lines.count - 1 == 6 * perPoint)
        #expect(text.contains("\n2m,100Mbps,cloud_only,update_latency_p99,2,"))
        // A shard holds only its points.
        let shard2 = try FileManager.default.contentsOfDirectory(atPath: shards[1] + "/points").sorted()
        #expect(shard2.map { $0.prefix(2) } == ["1-", "4-"])
    }

    @Test("a sweep killed after some points and run again with --resume writes the bytes of an uninterrupted sweep")
    func resume() throws {
        let base = temporaryFolder("sweep-resume")
        defer { try? FileManager.default.removeItem(at: base) }
        let whole = base.appendingPathComponent("whole"), resumed = base.appendingPathComponent("resumed")
        // Eight points, one run each at a time: long enough to kill halfway.
        let args = ["sweep", smoke, "--set", "seed=1,2,3,4,5,6,7,8", "--set", "duration=30m", "--arms", "cloud_only",
                    "--repetitions", "1", "--jobs", "1", "--quiet"]
        let first = try EdgeSimProcess.run(args + ["--out", whole.path])
        try #require(first.status == 0, "\(first.stderr)")

        let process = Process()
        process.executableURL = EdgeSimProcess.executable
        process.arguments = args + ["--out", resumed.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Kill it once some points, not all, are written beside the destination.
        let points = base.appendingPathComponent(".resumed.edgesim-partial/points")
        func written() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: points.path)) ?? []).filter { !$0.hasPrefix(".") }
        }
        let deadline = Date().addingTimeInterval(120)
        while written().count < 3 && process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let kept = written().count
        try #require(kept >= 3 && kept < 8, "the kill did not land midway (\(kept) of 8 points written)")
        #expect(!FileManager.default.fileExists(atPath: resumed.path), "an unfinished sweep has no results folder")

        let again = try EdgeSimProcess.run(args.filter { $0 != "--quiet" } + ["--out", resumed.path, "--resume"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("\(kept) of them kept from the interrupted sweep"), "\(again.stdout)")
        #expect(try deterministicFiles(resumed) == deterministicFiles(whole))
        #expect(try FileManager.default.contentsOfDirectory(atPath: base.path).sorted() == ["resumed", "whole"])

        // A partial sweep of another manifest is refused under --resume, and discarded without it.
        let other = base.appendingPathComponent("other")
        let stale = base.appendingPathComponent(".other.edgesim-partial")
        try FileManager.default.createDirectory(at: stale, withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: stale.appendingPathComponent("sweep.json"))
        let refused = try EdgeSimProcess.run(args + ["--out", other.path, "--resume"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("is of another sweep"), "\(refused.stderr)")
        let fresh = try EdgeSimProcess.run(args + ["--out", other.path])
        #expect(fresh.status == 0, "\(fresh.stderr)")
        #expect(try deterministicFiles(other) == deterministicFiles(whole))
    }

    @Test("merge refuses a shard given twice, a missing shard and shards of another sweep, with exit status 2")
    func mergeRefusals() throws {
        let base = temporaryFolder("merge")
        defer { try? FileManager.default.removeItem(at: base) }
        let small = ["sweep", smoke, "--set", "workload.upload_interval=1m,2m", "--repetitions", "1", "--arms", "cloud_only",
                     "--quiet", "--set", "duration=3m", "--set", "faults=[]"]
        func shard(_ k: Int, _ extra: [String] = [], name: String? = nil) throws -> String {
            let folder = base.appendingPathComponent(name ?? "s\(k)").path
            let r = try EdgeSimProcess.run(small + extra + ["--shard", "\(k)/2", "--out", folder])
            #expect(r.status == 0, "\(r.stderr)")
            return folder
        }
        let s1 = try shard(1), s2 = try shard(2)
        let other = try shard(2, ["--seed", "99"], name: "other")
        let out = base.appendingPathComponent("out").path

        let twice = try EdgeSimProcess.run(["merge", s1, s1, "--out", out])
        #expect(twice.status == 2)
        #expect(twice.stderr.contains("shard 1/2 is given twice"), "\(twice.stderr)")

        let missing = try EdgeSimProcess.run(["merge", s1, "--out", out])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("shard 2/2 missing"), "\(missing.stderr)")

        let mixed = try EdgeSimProcess.run(["merge", s1, other, "--out", out])
        #expect(mixed.status == 2)
        #expect(mixed.stderr.contains("different sweep") && mixed.stderr.contains("seed 99, not 7"), "\(mixed.stderr)")

        let notSweep = try EdgeSimProcess.run(["merge", s1, base.path, "--out", out])
        #expect(notSweep.status == 2)
        #expect(notSweep.stderr.contains("no sweep.json"), "\(notSweep.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))

        let good = try EdgeSimProcess.run(["merge", s2, s1, "--out", out])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(FileManager.default.fileExists(atPath: out + "/sweep.csv"))
    }

    @Test("a point that does not validate is reported with its values, exit status 2, nothing written")
    func invalidPoint() throws {
        let base = temporaryFolder("sweep-bad")
        defer { try? FileManager.default.removeItem(at: base) }
        let out = base.appendingPathComponent("out")
        let r = try EdgeSimProcess.run(["sweep", smoke, "--set", "topology.stores_per_region=3,0", "--quiet", "--out", out.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("point 1 (topology.stores_per_region=0)"), "\(r.stderr)")
        #expect(r.stderr.contains("--set topology.stores_per_region: must be at least 1"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test("every point is estimated before any runs: those beyond the budget are reported with their estimates, exit 2, nothing written")
    func pointsBeyondBudget() throws {
        let base = temporaryFolder("sweep-budget")
        defer { try? FileManager.default.removeItem(at: base) }
        let out = base.appendingPathComponent("out")
        // Point 0 (8 minutes, about 39 000 events) fits and would run first;
        // point 1 (10 minutes, about 49 000) does not. Both are cheap, so a
        // sweep that checked too late would run them and fail here, not hang.
        let r = try EdgeSimProcess.run(["sweep", smoke, "--set", "duration=8m,10m", "--max-events", "45000", "--quiet",
                                        "--out", out.path])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("1 of 2 points beyond the budget; nothing was run:\npoint 1 (duration=10m):\n"), "\(r.stderr)")
        #expect(r.stderr.contains("the run is estimated at 49236 events over 4 runs, beyond the budget of 45000 (--max-events): camera frames"),
                "\(r.stderr)")
        #expect(!r.stderr.contains("point 0"), "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: base.path).isEmpty, "a point ran or a folder was left")
        // A varied key that drives the estimate is reported against its --set; memory is checked too.
        let low = try EdgeSimProcess.run(["sweep", smoke, "--set", "workload.frame_interval=5s,10s", "--max-memory", "1KiB",
                                          "--quiet", "--out", out.path])
        #expect(low.status == 2)
        #expect(low.stderr.contains("point 0 (workload.frame_interval=5s)") && low.stderr.contains("point 1 (workload.frame_interval=10s)"),
                "\(low.stderr)")
        #expect(low.stderr.contains("beyond the budget of 1.0 KiB (--max-memory)"), "\(low.stderr)")
        let frames = try EdgeSimProcess.run(["sweep", smoke, "--set", "workload.frame_interval=5s,10s", "--max-events", "60000",
                                             "--quiet", "--out", out.path])
        #expect(frames.status == 2)
        #expect(frames.stderr.contains("point 0 (workload.frame_interval=5s):\n--set workload.frame_interval: the run is estimated at"),
                "\(frames.stderr)")
        #expect(!frames.stderr.contains("point 1"), "\(frames.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: base.path).isEmpty)
    }
}
