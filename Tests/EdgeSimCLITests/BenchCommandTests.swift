import EdgeSim
import Foundation
import Testing

@Suite("edgesim bench phold")
struct BenchCommandTests {
    @Test("two processes with the same seed print the same events, sim_time and checksum")
    func determinismAcrossProcesses() throws {
        let args = ["bench", "phold", "--events", "200000", "--seed", "7"]
        let first = try EdgeSimProcess.run(args)
        let second = try EdgeSimProcess.run(args)
        #expect(first.status == 0 && second.status == 0, "\(first.stderr)\(second.stderr)")
        let a = EdgeSimProcess.fields(first.stdout), b = EdgeSimProcess.fields(second.stdout)
        #expect(a["engine"] == "edgesim")
        #expect(a["events"] == "200000")
        for key in ["events", "sim_time", "checksum"] {
            #expect(a[key] != nil && a[key] == b[key], "field \(key): \(a[key] ?? "-") vs \(b[key] ?? "-")")
        }
        for key in ["wall_s", "events_per_s"] { #expect(a[key] != nil, "missing \(key)") }
    }

    @Test("another seed gives another trajectory")
    func seedMatters() throws {
        var p = Phold.Parameters()
        p.events = 20_000
        let one = Phold(p).run()
        p.seed = 2
        let two = Phold(p).run()
        #expect(one.events == 20_000 && two.events == 20_000)
        #expect(one.checksum != two.checksum)
        #expect(one.simTime != two.simTime)
    }

    @Test("simulated time advances at the model's rate")
    func simulatedTimeIsPlausible() {
        // Each LP's events arrive every lookahead + mean seconds on average, so
        // N events take about N * (lookahead + mean) / (lps * population) seconds.
        var p = Phold.Parameters()
        p.events = 400_000
        let outcome = Phold(p).run()
        let expected = Double(p.events) * (p.lookahead + p.mean) / Double(p.lps * p.population)
        #expect(abs(outcome.simTime.seconds - expected) / expected < 0.02, "\(outcome.simTime.seconds) vs \(expected)")
    }

    @Test("bad flags are refused with a message and a usage exit status")
    func badFlags() throws {
        let result = try EdgeSimProcess.run(["bench", "phold", "--lps", "0"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--lps must be at least 1"))
    }

    @Test("--version and --help answer")
    func versionAndHelp() throws {
        let version = try EdgeSimProcess.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.hasPrefix(EdgeSimVersion.current + " (commit "), "\(version.stdout)")
        let help = try EdgeSimProcess.run(["bench", "phold", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--lookahead"))
        #expect(help.stdout.contains("checksum"))
    }
}
