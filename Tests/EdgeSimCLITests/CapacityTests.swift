import EdgeSim
import Foundation
import Scenario
import Testing

@Suite("Capacity condition and bisection")
struct CapacitySearchTests {
    @Test("conditions read metric, comparison and a number or a duration in seconds")
    func parsing() throws {
        let c = try CapacityCondition(parsing: "update_latency_p99 > 2s")
        #expect(c.metric == "update_latency_p99" && c.comparison == .greater && c.threshold == 2)
        #expect(abs(try CapacityCondition(parsing: "update_latency_p99>=150ms").threshold - 0.15) < 1e-12)
        let f = try CapacityCondition(parsing: "sla_met_fraction < 0.99")
        #expect(f.comparison == .less && f.threshold == 0.99)
        #expect(try CapacityCondition(parsing: "wan_bytes <= 1e9").comparison == .lessOrEqual)
        #expect(c.description == "update_latency_p99 > 2s")
        for bad in ["update_latency_p99 2s", "> 2s", "update_latency_p99 >", "update_latency_p99 > fast", "p99 => 2s", "a b > 1"] {
            #expect(throws: SweepError.self, "\(bad)") { try CapacityCondition(parsing: bad) }
        }
    }

    @Test("a condition may compare two arms: METRIC[ARM] OP METRIC[ARM]")
    func armComparisonParsing() throws {
        let c = try CapacityCondition(parsing: "total_cost_usd_month[edge_hybrid] < total_cost_usd_month[cloud_only]")
        #expect(c.metric == "total_cost_usd_month" && c.arm == .edgeHybrid && c.comparison == .less)
        #expect(c.reference == CapacityCondition.Operand(metric: "total_cost_usd_month", arm: .cloudOnly))
        #expect(c.threshold.isNaN && c.thresholdUnit == nil)
        #expect(c.description == "total_cost_usd_month[edge_hybrid] < total_cost_usd_month[cloud_only]")
        // Both arms run, in the runner's order, whatever --arm says; --arm is not read.
        #expect(c.arms(default: .cloudOnly) == [.edgeHybrid, .cloudOnly])
        #expect(!c.readsDefaultArm)
        // Spaces are optional; a metric without brackets on the left is --arm's.
        let mixed = try CapacityCondition(parsing: "update_latency_p99>=update_latency_p99[ edge_hybrid ]")
        #expect(mixed.arm == nil && mixed.reference?.arm == .edgeHybrid && mixed.comparison == .greaterOrEqual)
        #expect(mixed.readsDefaultArm && mixed.arms(default: .cloudOnly) == [.edgeHybrid, .cloudOnly])
        #expect(mixed.arms(default: .edgeHybrid) == [.edgeHybrid])
        // A bracketed metric against a threshold reads that arm alone.
        let one = try CapacityCondition(parsing: "sla_met_fraction[edge_hybrid] < 99%")
        #expect(one.arm == .edgeHybrid && one.threshold == 0.99 && one.reference == nil)
        #expect(one.arms(default: .cloudOnly) == [.edgeHybrid] && !one.readsDefaultArm)
        for bad in ["total_cost_usd_month[edge] < total_cost_usd_month[cloud_only]",
                    "total_cost_usd_month[edge_hybrid < total_cost_usd_month[cloud_only]",
                    "total_cost_usd_month[edge_hybrid] < total_cost_usd_month",
                    "total_cost_usd_month[edge_hybrid] < [cloud_only]",
                    "total_cost_usd_month[edge_hybrid] < total cost[cloud_only]"] {
            #expect(throws: SweepError.self, "\(bad)") { try CapacityCondition(parsing: bad) }
        }
    }

    @Test("an arm comparison reads each side from its own arm's means")
    func armComparisonEvaluation() throws {
        let c = try CapacityCondition(parsing: "total_cost_usd_month[edge_hybrid] < total_cost_usd_month[cloud_only]")
        func means(edge: Double, cloud: Double) -> (String, Arm) -> Double? {
            { metric, arm in metric == "total_cost_usd_month" ? (arm == .edgeHybrid ? edge : arm == .cloudOnly ? cloud : nil) : nil }
        }
        let cheaper = try #require(c.evaluate(defaultArm: .cloudOnly, mean: means(edge: 20_467, cloud: 21_567)))
        #expect(cheaper == CapacityCondition.Evaluation(value: 20_467, reference: 21_567, holds: true))
        let dearer = try #require(c.evaluate(defaultArm: .cloudOnly, mean: means(edge: 20_467, cloud: 18_939)))
        #expect(dearer.value == 20_467 && dearer.reference == 18_939 && !dearer.holds)
        // The default arm does not enter a condition whose metrics name their arms.
        #expect(c.evaluate(defaultArm: .edgeHybrid, mean: means(edge: 1, cloud: 2))?.holds == true)
        #expect(!c.holds(.nan, 1) && !c.holds(1, .nan))
        // A side the results lack: no evaluation.
        #expect(c.evaluate(defaultArm: .cloudOnly) { _, arm in arm == .edgeHybrid ? 1 : nil } == nil)
        // A threshold condition still compares with its threshold.
        let plain = try CapacityCondition(parsing: "update_latency_p99 > 1s")
        #expect(plain.evaluate(defaultArm: .cloudOnly) { _, arm in arm == .cloudOnly ? 1.5 : 0 }
                == CapacityCondition.Evaluation(value: 1.5, reference: nil, holds: true))
    }

    @Test("an arm comparison is checked against each arm's metrics, and both sides must share a unit")
    func armComparisonCheck() throws {
        let edge: [(name: String, unit: String)] = [("total_cost_usd_month", "usd"), ("deltas_sent", "count"),
                                                    ("update_latency_p99", "s")]
        let cloud: [(name: String, unit: String)] = [("total_cost_usd_month", "usd"), ("update_latency_p99", "s")]
        let metrics = { (arm: Arm) in arm == .edgeHybrid ? edge : cloud }
        let ok = try CapacityCondition(parsing: "total_cost_usd_month[edge_hybrid] < total_cost_usd_month[cloud_only]")
        #expect(try ok.check(against: metrics, defaultArm: .cloudOnly) == "usd")
        // deltas_sent is an edge metric: cloud_only's results have none.
        let missing = try CapacityCondition(parsing: "deltas_sent[edge_hybrid] > deltas_sent[cloud_only]")
        #expect(throws: SweepError.self) { try missing.check(against: metrics, defaultArm: .cloudOnly) }
        #expect((try? missing.check(against: metrics, defaultArm: .cloudOnly)) == nil)
        do {
            try missing.check(against: metrics, defaultArm: .cloudOnly)
        } catch {
            #expect(error.message.contains("no metric deltas_sent in cloud_only"), "\(error.message)")
        }
        let units = try CapacityCondition(parsing: "update_latency_p99[edge_hybrid] > total_cost_usd_month[cloud_only]")
        do {
            try units.check(against: metrics, defaultArm: .cloudOnly)
            Issue.record("seconds compared with dollars")
        } catch {
            #expect(error.message.contains("is in seconds, but total_cost_usd_month is in dollars"), "\(error.message)")
        }
    }

    @Test("comparisons hold as written, and never for NaN")
    func holds() throws {
        let gt = try CapacityCondition(parsing: "m > 2"), ge = try CapacityCondition(parsing: "m >= 2")
        let lt = try CapacityCondition(parsing: "m < 2"), le = try CapacityCondition(parsing: "m <= 2")
        #expect(!gt.holds(2) && gt.holds(2.5) && ge.holds(2) && !ge.holds(1.9))
        #expect(!lt.holds(2) && lt.holds(1) && le.holds(2) && !le.holds(2.1))
        #expect(!gt.holds(.nan) && !lt.holds(.nan))
    }

    @Test("bisection finds the last value before the condition holds, in 2 + ceil(log2(range)) evaluations",
          arguments: [25, 26, 50, 82, 83, 123, 124])
    func findsKnee(knee: Int) throws {
        let search = try CapacitySearch(from: 25, to: 125)
        var calls: [Int] = []
        // A fake system whose metric crosses the threshold after `knee`.
        let (outcome, steps) = search.run { v in
            calls.append(v)
            return CapacitySearch.Step(value: v, metric: v <= knee ? 0.1 : 3, holds: v > knee)
        }
        #expect(outcome == .knee(lastBelow: knee, firstAbove: knee + 1))
        // floor(log2(100)) = 6 and ceil = 7 halvings, after the two ends.
        #expect(steps.count >= 8 && steps.count <= 9)
        #expect(search.maximumSteps == 9)
        #expect(calls == steps.map(\.value))
        #expect(Array(calls.prefix(2)) == [25, 125])
        #expect(Set(calls).count == calls.count, "a value evaluated twice")
    }

    @Test("it stops once the interval is at most the resolution wide")
    func resolution() throws {
        let search = try CapacitySearch(from: 0, to: 1000, resolution: 10)
        let (outcome, steps) = search.run { v in CapacitySearch.Step(value: v, metric: Double(v), holds: v > 437) }
        guard case .knee(let below, let above) = outcome else {
            Issue.record("no knee: \(outcome)")
            return
        }
        #expect(below <= 437 && above > 437 && above - below <= 10)
        #expect(steps.count <= search.maximumSteps)
        #expect(search.maximumSteps == 9)
    }

    @Test("a condition that holds at --from, or never up to --to, stops after one or two evaluations")
    func edges() throws {
        let search = try CapacitySearch(from: 10, to: 20)
        let start = search.run { v in CapacitySearch.Step(value: v, metric: 9, holds: true) }
        #expect(start.outcome == .holdsAtStart && start.steps.map(\.value) == [10])
        let never = search.run { v in CapacitySearch.Step(value: v, metric: 0, holds: false) }
        #expect(never.outcome == .neverHolds && never.steps.map(\.value) == [10, 20])
        // Neighbours: nothing to bisect.
        let tight = try CapacitySearch(from: 10, to: 11).run { v in CapacitySearch.Step(value: v, metric: 0, holds: v == 11) }
        #expect(tight.outcome == .knee(lastBelow: 10, firstAbove: 11) && tight.steps.count == 2)
        #expect(throws: SweepError.self) { try CapacitySearch(from: 5, to: 5) }
        #expect(throws: SweepError.self) { try CapacitySearch(from: 1, to: 5, resolution: 0) }
    }
}

@Suite("edgesim capacity", .serialized)
struct CapacityCommandTests {
    let smoke = repositoryRoot.appendingPathComponent("Scenarios/smoke.yaml").path
    /// The smoke scenario with a slow store uplink, so that cameras per store
    /// saturate it in the cloud-only arm, short and with one replication.
    let shared = ["--set", "faults=[]", "--set", "topology.links.store_region.bandwidth=10Mbps", "--set", "duration=4m",
                  "--set", "repetitions=1"]

    func capacityCSV(_ folder: URL) throws -> [(value: Int, metric: String, holds: Bool)] {
        let text = String(decoding: try Data(contentsOf: folder.appendingPathComponent("capacity.csv")), as: UTF8.self)
        #expect(text.hasPrefix("value,metric,unit,metric_value,holds\n"))
        return text.split(separator: "\n").dropFirst().map { line in
            // value,metric,unit,metric_value,holds
            let f = line.split(separator: ",")
            #expect(f[1] == "update_latency_p99" && f[2] == "s")
            return (Int(f[0])!, String(f[3]), f[4] == "true")
        }
    }

    @Test("finds the knee, writes the curve, and agrees with a plain sweep at the knee and one past it")
    func kneeAgreesWithSweep() throws {
        let base = temporaryFolder("capacity")
        defer { try? FileManager.default.removeItem(at: base) }
        let out = base.appendingPathComponent("cap"), sweepOut = base.appendingPathComponent("sweep")
        let r = try EdgeSimProcess.run(["capacity", smoke, "--vary", "topology.cameras_per_store", "--from", "40", "--to", "100",
                                        "--until", "update_latency_p99 > 1s", "--out", out.path] + shared)
        #expect(r.status == 0, "\(r.stderr)")
        let line = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("knee: ") })
        let knee = try #require(Int(line.split(separator: " ")[3]))
        let curve = try capacityCSV(out)
        #expect(curve.map(\.value) == curve.map(\.value).sorted())
        #expect(curve.count == 8)  // 2 + ceil(log2(60))
        #expect(curve.first { $0.value == knee }?.holds == false)
        #expect(curve.first { $0.value == knee + 1 }?.holds == true)
        #expect(curve.allSatisfy { $0.holds == ($0.value > knee) })
        #expect(FileManager.default.fileExists(atPath: out.path + "/runs/topology.cameras_per_store=\(knee)/summary.csv"))
        let json = String(decoding: try Data(contentsOf: out.appendingPathComponent("capacity.json")), as: UTF8.self)
        #expect(json.contains("\"knee\": \(knee)"), "\(json)")

        let s = try EdgeSimProcess.run(["sweep", smoke, "--set", "topology.cameras_per_store=\(knee),\(knee + 1)", "--arms", "cloud_only",
                                        "--quiet", "--out", sweepOut.path] + shared)
        #expect(s.status == 0, "\(s.stderr)")
        let sweep = String(decoding: try Data(contentsOf: sweepOut.appendingPathComponent("sweep.csv")), as: UTF8.self)
        for v in [knee, knee + 1] {
            // Every --set is a column of sweep.csv, the fixed ones too.
            let row = try #require(sweep.split(separator: "\n").first { $0.hasPrefix("\(v),[],10Mbps,4m,1,cloud_only,update_latency_p99,") })
            #expect(String(row.split(separator: ",")[8]) == curve.first { $0.value == v }?.metric)
        }
    }

    @Test("exit status 1 when the condition holds at --from, 3 when it never holds, 2 for a bad condition")
    func exitStatuses() throws {
        let base = temporaryFolder("capacity-edges")
        defer { try? FileManager.default.removeItem(at: base) }
        let args = ["capacity", smoke, "--vary", "topology.cameras_per_store", "--out", base.appendingPathComponent("o").path] + shared
        let start = try EdgeSimProcess.run(args + ["--from", "150", "--to", "200", "--until", "update_latency_p99 > 1s"])
        #expect(start.status == 1, "\(start.stdout)\(start.stderr)")
        #expect(start.stdout.contains("holds already at topology.cameras_per_store = 150"))
        let never = try EdgeSimProcess.run(args + ["--from", "1", "--to", "10", "--until", "update_latency_p99 > 1s"])
        #expect(never.status == 3, "\(never.stdout)\(never.stderr)")
        let bad = try EdgeSimProcess.run(args + ["--from", "1", "--to", "10", "--until", "update_latency_p99 >> 1s"])
        #expect(bad.status != 0 && bad.stderr.contains("--until"), "\(bad.stderr)")
        let unknown = try EdgeSimProcess.run(args + ["--from", "1", "--to", "10", "--until", "update_latency_p98 > 1s"])
        #expect(unknown.status == 2 && unknown.stderr.contains("no metric update_latency_p98"), "\(unknown.stderr)")
    }

    @Test("both ends of the range are estimated before anything runs: an end beyond the budget is exit 2, named, nothing run")
    func rangeBeyondBudget() throws {
        let base = temporaryFolder("capacity-budget")
        defer { try? FileManager.default.removeItem(at: base) }
        let args = ["capacity", smoke, "--vary", "topology.cameras_per_store", "--until", "update_latency_p99 > 1s",
                    "--out", base.appendingPathComponent("o").path, "--max-events", "100000"] + shared
        let high = try EdgeSimProcess.run(args + ["--from", "4", "--to", "200"])
        #expect(high.status == 2, "\(high.stdout)\(high.stderr)")
        #expect(high.stderr.hasPrefix("the search range reaches beyond the budget; nothing was run:\ntopology.cameras_per_store=200 (--to):\n"),
                "\(high.stderr)")
        #expect(high.stderr.contains("beyond the budget of 100000 (--max-events): camera frames"), "\(high.stderr)")
        #expect(!high.stderr.contains("(--from)"), "\(high.stderr)")
        #expect(high.stdout.isEmpty, "an evaluation ran: \(high.stdout)")
        // Both ends beyond it: both named.
        let both = try EdgeSimProcess.run(args + ["--from", "150", "--to", "200"])
        #expect(both.status == 2)
        #expect(both.stderr.contains("topology.cameras_per_store=150 (--from)") && both.stderr.contains("(--to)"), "\(both.stderr)")
        #expect(both.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: base.appendingPathComponent("o").path))
    }

    @Test("--until is checked before the first evaluation: a did-you-mean, units as in scenario files")
    func untilCheckedFirst() throws {
        let base = temporaryFolder("capacity-until")
        defer { try? FileManager.default.removeItem(at: base) }
        let args = ["capacity", smoke, "--vary", "topology.cameras_per_store", "--from", "1", "--to", "3",
                    "--out", base.appendingPathComponent("o").path] + shared
        let typo = try EdgeSimProcess.run(args + ["--until", "update_latncy_p99 > 1s"])
        #expect(typo.status == 2 && typo.stderr.contains("did you mean update_latency_p99?"), "\(typo.stderr)")
        #expect(!typo.stdout.contains("topology.cameras_per_store="), "an evaluation ran: \(typo.stdout)")
        let wrongUnit = try EdgeSimProcess.run(args + ["--until", "update_latency_p99 > 5%"])
        #expect(wrongUnit.status == 2 && wrongUnit.stderr.contains("seconds"), "\(wrongUnit.stderr)")
        #expect(!wrongUnit.stdout.contains("topology.cameras_per_store="))
        let percent = try EdgeSimProcess.run(args + ["--until", "sla_met_fraction < 99.5%"])
        #expect(percent.status == 3, "\(percent.stdout)\(percent.stderr)")
        #expect(percent.stdout.contains("sla_met_fraction = 100%"), "the metric printed in its unit: \(percent.stdout)")
        let dollars = try EdgeSimProcess.run(args + ["--until", "total_cost_usd_month > $1000000"])
        #expect(dollars.status == 3, "\(dollars.stdout)\(dollars.stderr)")
        // With the scenario's faults (timed past a short probe): availability is known before running.
        // It counts only the cut store, which cloud-only loses whole, so it never rises above 50%.
        let faults = ["capacity", smoke, "--vary", "topology.cameras_per_store", "--from", "1", "--to", "2", "--set", "repetitions=1",
                      "--out", base.appendingPathComponent("f").path, "--until", "availability > 50%"]
        let withFaults = try EdgeSimProcess.run(faults)
        #expect(withFaults.status == 3, "\(withFaults.stdout)\(withFaults.stderr)")
    }

    @Test("an arm comparison runs both arms: edge-hybrid turns cheaper past two fixed cloud GPUs, and the report draws both")
    func armComparison() throws {
        let base = temporaryFolder("capacity-arms")
        defer { try? FileManager.default.removeItem(at: base) }
        let out = base.appendingPathComponent("cap")
        let until = "total_cost_usd_month[edge_hybrid] < total_cost_usd_month[cloud_only]"
        // Each fixed GPU adds $876 a month to cloud-only alone; edge-hybrid costs about $1,530 more at one GPU.
        let args = ["capacity", smoke, "--vary", "deployment.cloud.gpus", "--from", "1", "--to", "8", "--until", until,
                    "--set", "deployment.cloud.fleet=fixed", "--out", out.path] + shared
        let r = try EdgeSimProcess.run(args)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("until \(until) (edge_hybrid, cloud_only)"), "\(r.stdout)")
        #expect(r.stdout.contains("knee: deployment.cloud.gpus = 2 "), "\(r.stdout)")
        let text = String(decoding: try Data(contentsOf: out.appendingPathComponent("capacity.csv")), as: UTF8.self)
        let lines = text.split(separator: "\n")
        #expect(lines.first == "value,metric,unit,metric_value,holds,reference,reference_value")
        var previousCloud = 0.0
        for line in lines.dropFirst() {
            let f = line.split(separator: ",")
            #expect(f[1] == "total_cost_usd_month[edge_hybrid]" && f[2] == "usd" && f[5] == "total_cost_usd_month[cloud_only]")
            let edge = try #require(Double(f[3])), cloud = try #require(Double(f[6]))
            #expect((f[4] == "true") == (edge < cloud), "\(line)")
            #expect(cloud > previousCloud, "cloud-only's bill grows with its GPUs: \(line)")
            previousCloud = cloud
        }
        // Each evaluation's folder holds both arms' results, as run writes them.
        let run = out.appendingPathComponent("runs/deployment.cloud.gpus=2")
        let summary = String(decoding: try Data(contentsOf: run.appendingPathComponent("summary.csv")), as: UTF8.self)
        #expect(summary.contains(",edge_hybrid,total_cost_usd_month,") && summary.contains(",cloud_only,total_cost_usd_month,"))
        #expect(FileManager.default.fileExists(atPath: run.appendingPathComponent("scenario.yaml").path))
        let json = String(decoding: try Data(contentsOf: out.appendingPathComponent("capacity.json")), as: UTF8.self)
        #expect(json.contains("\"arms\": [\"edge_hybrid\", \"cloud_only\"]"), "\(json)")
        // --arm is refused when no metric of the condition reads it.
        let unused = try EdgeSimProcess.run(args + ["--arm", "edge_hybrid"])
        #expect(unused.status != 0 && unused.stderr.contains("--arm edge_hybrid is not used"), "\(unused.stderr)")
        guard gnuplotInstalled else { return }
        let report = try runEdgeSim(["report", out.path])
        #expect(report.status == 0, "\(report.stderr)")
        let params = try String(contentsOf: out.appendingPathComponent("figures/data/capacity-curve-params.gp"), encoding: .utf8)
        #expect(params.contains("has_reference = 1") && params.contains("reference = \"total_cost_usd_month[cloud_only]\""))
        let page = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(page.contains("<th>total_cost_usd_month[cloud_only]</th>"), "\(page)")
    }

    @Test("edgesim report draws a capacity folder's curve with the threshold and the knee",
          .enabled(if: gnuplotInstalled, "gnuplot is not installed (scripts/setup.sh installs gnuplot-nox)"))
    func report() throws {
        let base = temporaryFolder("capacity-report")
        defer { try? FileManager.default.removeItem(at: base) }
        let out = base.appendingPathComponent("cap")
        let r = try EdgeSimProcess.run(["capacity", smoke, "--vary", "topology.cameras_per_store", "--from", "40", "--to", "100",
                                        "--resolution", "20", "--until", "update_latency_p99 > 1s", "--out", out.path] + shared)
        #expect(r.status == 0, "\(r.stderr)")
        let report = try runEdgeSim(["report", out.path])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("figures/capacity-curve.png").path))
        let params = try String(contentsOf: out.appendingPathComponent("figures/data/capacity-curve-params.gp"), encoding: .utf8)
        #expect(params.contains("threshold = 1") && params.contains("has_knee = 1"), "\(params)")
        let page = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(page.contains("The knee is at") && page.contains("figures/capacity-curve.png"))
    }
}
