import EdgeSim
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

@Suite("edgesim check: tolerances and directions")
struct RegressionCheckTests {
    let check = RegressionCheck()

    @Test("a latency may fall freely but rise only within the tolerance")
    func lowerIsBetter() {
        #expect(check.judge(arm: "a", metric: "update_latency_p99", unit: "s", baseline: 0.100, current: 0.104).verdict == .within)
        #expect(check.judge(arm: "a", metric: "update_latency_p99", unit: "s", baseline: 0.100, current: 0.106).verdict == .regressed)
        #expect(check.judge(arm: "a", metric: "update_latency_p99", unit: "s", baseline: 0.100, current: 0.050).verdict == .improved)
        #expect(check.judge(arm: "a", metric: "total_cost_usd_month", unit: "usd", baseline: 100, current: 106).verdict == .regressed)
        // A larger fleet is paid for.
        #expect(check.judge(arm: "a", metric: "provisioned_cloud", unit: "count", baseline: 100, current: 110).verdict == .regressed)
        #expect(check.judge(arm: "a", metric: "provisioned_cloud", unit: "count", baseline: 100, current: 90).verdict == .improved)
    }

    @Test("SLA and availability may only rise")
    func higherIsBetter() {
        #expect(check.judge(arm: "a", metric: "sla_met_fraction", unit: "fraction", baseline: 0.99, current: 0.93).verdict == .regressed)
        #expect(check.judge(arm: "a", metric: "availability", unit: "fraction", baseline: 0.90, current: 0.99).verdict == .improved)
        #expect(check.judge(arm: "a", metric: "availability", unit: "fraction", baseline: 0.90, current: 0.89).verdict == .within)
    }

    @Test("workload volumes must stay put both ways; events are informational")
    func stableAndInformational() {
        #expect(check.judge(arm: "a", metric: "frames_captured", unit: "count", baseline: 1000, current: 900).verdict == .regressed)
        #expect(check.judge(arm: "a", metric: "frames_captured", unit: "count", baseline: 1000, current: 1100).verdict == .regressed)
        #expect(check.judge(arm: "a", metric: "frames_captured", unit: "count", baseline: 1000, current: 1000).verdict == .unchanged)
        #expect(check.judge(arm: "a", metric: "events_handled", unit: "count", baseline: 1000, current: 9000).verdict == .within)
    }

    @Test("absolute and relative tolerances", arguments: [
        ("5%", "s", 0.2, 0.01),
        ("2ms", "s", 0.2, 0.002),
        ("1MB", "bytes", 5e9, 1e6),
        ("$10", "usd", 1e6, 10),
        ("0.5", "count", 100, 0.5),
    ])
    func tolerances(text: String, unit: String, baseline: Double, allowed: Double) throws {
        let t = try Tolerance(parsing: text, unit: unit)
        #expect(abs(t.allowance(from: baseline) - allowed) < 1e-12)
    }

    @Test("a per-metric override replaces the default")
    func override() throws {
        var c = RegressionCheck()
        c.overrides["update_latency_max"] = try Tolerance(parsing: "2ms", unit: "s")
        #expect(c.judge(arm: "a", metric: "update_latency_max", unit: "s", baseline: 0.100, current: 0.1025).verdict == .regressed)
        #expect(c.judge(arm: "a", metric: "update_latency_max", unit: "s", baseline: 0.100, current: 0.1015).verdict == .within)
    }

    @Test("malformed tolerances are refused")
    func badTolerance() {
        #expect(throws: CheckError.self) { try Tolerance(parsing: "fast", unit: "s") }
        #expect(throws: CheckError.self) { try Tolerance(parsing: "-5%", unit: "s") }
    }

    @Test("NaN to a number is a regression; NaN to NaN is unchanged")
    func nan() {
        #expect(check.judge(arm: "a", metric: "stockout_detection_time_p99", unit: "s", baseline: .nan, current: .nan).verdict == .unchanged)
        #expect(check.judge(arm: "a", metric: "stockout_detection_time_p99", unit: "s", baseline: .nan, current: 3).verdict == .regressed)
    }
}

@Suite("edgesim check: the command", .serialized)
struct CheckCommandTests {
    let smoke = repositoryRoot.appendingPathComponent("Scenarios/smoke.yaml")
    let baseline = repositoryRoot.appendingPathComponent("Results/smoke").path

    @Test("the unchanged smoke scenario passes against the committed baseline")
    func unchanged() throws {
        let base = temporaryFolder("check-same")
        defer { try? FileManager.default.removeItem(at: base) }
        let out = base.appendingPathComponent("out").path
        #expect(try EdgeSimProcess.run(["run", smoke.path, "--out", out, "--quiet"]).status == 0)
        let result = try EdgeSimProcess.run(["check", out, "--baseline", baseline])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("0 regressed"))
    }

    @Test("a slower link makes check exit 1, name update_latency, and write JUnit that counts the failures")
    func slowerLink() throws {
        let base = temporaryFolder("check-slow")
        defer { try? FileManager.default.removeItem(at: base) }
        let yaml = try String(contentsOf: smoke, encoding: .utf8).replacingOccurrences(of: "      latency: 35ms", with: "      latency: 80ms")
        #expect(yaml.contains("latency: 80ms"))
        let scenario = base.appendingPathComponent("smoke-slow.yaml")
        try yaml.write(to: scenario, atomically: true, encoding: .utf8)
        let out = base.appendingPathComponent("out").path
        #expect(try EdgeSimProcess.run(["run", scenario.path, "--out", out, "--quiet"]).status == 0)
        let junit = base.appendingPathComponent("check.xml")
        let result = try EdgeSimProcess.run(["check", out, "--baseline", baseline, "--junit", junit.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("update_latency_p99") && result.stderr.contains("regression: update_latency"))

        let parser = XMLParser(contentsOf: junit)!
        let counter = FailureCounter()
        parser.delegate = counter
        #expect(parser.parse(), "the JUnit file parses as XML")
        #expect(counter.testcases > 0)
        #expect(counter.failures > 0 && counter.failures == counter.declaredFailures)
    }

    @Test("unusable input exits 2")
    func unusable() throws {
        let missing = try EdgeSimProcess.run(["check", "/nonexistent", "--baseline", baseline])
        #expect(missing.status == 2)
        let badTolerance = try EdgeSimProcess.run(["check", baseline, "--baseline", baseline, "--tolerance", "update_latency_p99=fast"])
        #expect(badTolerance.status == 2)
        let other = repositoryRoot.appendingPathComponent("Results/retail-chain").path
        let mismatch = try EdgeSimProcess.run(["check", other, "--baseline", baseline])
        #expect(mismatch.status == 2)
        #expect(mismatch.stderr.contains("scenario"))
    }
}

@Suite("edgesim check: the gate cannot be fooled", .serialized)
struct CheckGateTests {
    let smoke = repositoryRoot.appendingPathComponent("Scenarios/smoke.yaml")
    let baseline = repositoryRoot.appendingPathComponent("Results/smoke").path

    @Test("a one-arm run against the two-arm baseline exits 1 naming the missing arm; --allow-missing warns")
    func missingArm() throws {
        let base = temporaryFolder("check-arm")
        defer { try? FileManager.default.removeItem(at: base) }
        let out = base.appendingPathComponent("one").path
        #expect(try EdgeSimProcess.run(["run", smoke.path, "--out", out, "--quiet", "--arms", "edge_hybrid"]).status == 0)
        let junit = base.appendingPathComponent("check.xml")
        let r = try EdgeSimProcess.run(["check", out, "--baseline", baseline, "--junit", junit.path])
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("missing from the results: arm cloud_only") && r.stderr.contains("missing: arm cloud_only"),
                "\(r.stdout)\(r.stderr)")
        let xml = try String(contentsOf: junit, encoding: .utf8)
        #expect(xml.contains("name=\"arm cloud_only\"") && xml.contains("<failure"))
        let allowed = try EdgeSimProcess.run(["check", out, "--baseline", baseline, "--allow-missing"])
        #expect(allowed.status == 0 && allowed.stdout.contains("missing from the results (allowed): arm cloud_only"),
                "\(allowed.stdout)\(allowed.stderr)")
    }

    @Test("a missing metric of a feature switched off, and a missing sweep point, are named")
    func missingMetricAndPoint() throws {
        let base = temporaryFolder("check-metric")
        defer { try? FileManager.default.removeItem(at: base) }
        // A baseline with faults has availability; a run without faults does not.
        let out = base.appendingPathComponent("nofaults").path
        #expect(try EdgeSimProcess.run(["run", smoke.path, "--out", out, "--quiet", "--set", "faults=[]"]).status == 0)
        let r = try EdgeSimProcess.run(["check", out, "--baseline", baseline])
        #expect(r.status == 1 && r.stdout.contains("missing from the results: metric availability (edge_hybrid, cloud_only)"),
                "\(r.stdout)\(r.stderr)")
        let sweep = ["sweep", smoke.path, "--quiet", "--repetitions", "1"]
        let three = base.appendingPathComponent("three").path, two = base.appendingPathComponent("two").path
        #expect(try EdgeSimProcess.run(sweep + ["--set", "seed=1,2,3", "--out", three]).status == 0)
        #expect(try EdgeSimProcess.run(sweep + ["--set", "seed=1,2", "--out", two]).status == 0)
        let s = try EdgeSimProcess.run(["check", two, "--baseline", three])
        #expect(s.status == 1 && s.stdout.contains("missing from the results: point seed=3"), "\(s.stdout)\(s.stderr)")
        #expect(try EdgeSimProcess.run(["check", three, "--baseline", three]).status == 0)
    }

    @Test("another seed with 10 repetitions against a baseline of 10 passes; the JUnit file names Welch's test")
    func anotherSeedPasses() throws {
        let base = temporaryFolder("check-seed")
        defer { try? FileManager.default.removeItem(at: base) }
        let a = base.appendingPathComponent("a").path, b = base.appendingPathComponent("b").path
        #expect(try EdgeSimProcess.run(["run", smoke.path, "--out", a, "--quiet", "--repetitions", "10"]).status == 0)
        #expect(try EdgeSimProcess.run(["run", smoke.path, "--out", b, "--quiet", "--repetitions", "10", "--seed", "8"]).status == 0)
        let junit = base.appendingPathComponent("check.xml")
        let r = try EdgeSimProcess.run(["check", b, "--baseline", a, "--junit", junit.path])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("by Welch's t-test at 95%"))
        let xml = try String(contentsOf: junit, encoding: .utf8)
        #expect(xml.contains("<property name=\"test\" value=\"welch-t\"/>") && xml.contains("p_value"))
        // The same change judged by tolerance alone (one repetition a side) fails.
        let a1 = base.appendingPathComponent("a1").path, b1 = base.appendingPathComponent("b1").path
        #expect(try EdgeSimProcess.run(["run", smoke.path, "--out", a1, "--quiet", "--repetitions", "1"]).status == 0)
        #expect(try EdgeSimProcess.run(["run", smoke.path, "--out", b1, "--quiet", "--repetitions", "1", "--seed", "8"]).status == 0)
        let single = try EdgeSimProcess.run(["check", b1, "--baseline", a1, "--junit", junit.path])
        #expect(single.status == 1, "\(single.stdout)")
        #expect(try String(contentsOf: junit, encoding: .utf8).contains("<property name=\"test\" value=\"tolerance\"/>"))
    }

    @Test("the smoke scenario with the store-region latency tripled exits 1 naming update_latency")
    func tripledLatency() throws {
        let base = temporaryFolder("check-tripled")
        defer { try? FileManager.default.removeItem(at: base) }
        let yaml = try String(contentsOf: smoke, encoding: .utf8)
            .replacingOccurrences(of: "latency: {distribution: lognormal, median: 10ms, sigma: 0.2}",
                                  with: "latency: {distribution: lognormal, median: 30ms, sigma: 0.2}")
        #expect(yaml.contains("median: 30ms"))
        let scenario = base.appendingPathComponent("smoke.yaml")
        try yaml.write(to: scenario, atomically: true, encoding: .utf8)
        let out = base.appendingPathComponent("out").path
        #expect(try EdgeSimProcess.run(["run", scenario.path, "--out", out, "--quiet"]).status == 0)
        let r = try EdgeSimProcess.run(["check", out, "--baseline", baseline])
        #expect(r.status == 1, "\(r.stdout)")
        #expect(r.stderr.contains("regression: update_latency"), "\(r.stderr)")
    }

    @Test("--bless copies the run into the baseline atomically, after printing what changed; never over a foreign folder")
    func bless() throws {
        let base = temporaryFolder("check-bless")
        defer { try? FileManager.default.removeItem(at: base) }
        let old = base.appendingPathComponent("old").path, new = base.appendingPathComponent("new").path
        let kept = base.appendingPathComponent("baseline")
        #expect(try EdgeSimProcess.run(["run", smoke.path, "--out", old, "--quiet", "--repetitions", "1"]).status == 0)
        #expect(try EdgeSimProcess.run(["run", smoke.path, "--out", new, "--quiet", "--repetitions", "1", "--seed", "8"]).status == 0)
        let first = try EdgeSimProcess.run(["check", old, "--baseline", kept.path, "--bless"])
        #expect(first.status == 0 && first.stdout.contains("blessed"), "\(first.stdout)\(first.stderr)")
        let blessed = try EdgeSimProcess.run(["check", new, "--baseline", kept.path, "--bless"])
        #expect(blessed.status == 0, "\(blessed.stdout)\(blessed.stderr)")
        #expect(blessed.stdout.contains("regressed") && blessed.stdout.contains("blessed"))
        #expect(try allFiles(kept) == allFiles(URL(fileURLWithPath: new)))
        #expect(try EdgeSimProcess.run(["check", new, "--baseline", kept.path]).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: base.path).sorted() == ["baseline", "new", "old"])

        let foreign = base.appendingPathComponent("foreign")
        try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
        try Data("mine\n".utf8).write(to: foreign.appendingPathComponent("summary.csv"))
        let refused = try EdgeSimProcess.run(["check", new, "--baseline", foreign.path, "--bless"])
        #expect(refused.status == 2, "\(refused.stdout)\(refused.stderr)")
        #expect(try Data(contentsOf: foreign.appendingPathComponent("summary.csv")) == Data("mine\n".utf8))
    }
}

/// Counts test cases and failures in a JUnit document.
final class FailureCounter: NSObject, XMLParserDelegate {
    var testcases = 0
    var failures = 0
    var declaredFailures = -1

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch name {
        case "testcase": testcases += 1
        case "failure": failures += 1
        case "testsuites": declaredFailures = Int(attributes["failures"] ?? "") ?? -1
        default: break
        }
    }
}
