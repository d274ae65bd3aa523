import Foundation
import SimKernel
import Testing
@testable import Scenario

/// Every reproducer of a crash found by mutating the shipped scenarios: each
/// is one `--set` on a shipped file that validation used to accept and the
/// run then trapped or aborted on. Each must now give a located error (the
/// key, through the override) or an estimate within the default budget.
@Suite("Feasibility: no accepted input traps")
struct FeasibilityTests {
    /// The shipped file's text.
    static func shipped(_ name: String) throws -> String {
        try String(contentsOf: scenariosFolder.appendingPathComponent(name), encoding: .utf8)
    }

    /// What validation and the default budget say of `file` with `sets` applied:
    /// the issues (validation's, or else the budget's); empty when it may run.
    static func verdict(_ file: String, _ sets: [String]) throws -> [ScenarioIssue] {
        let overrides = try sets.map { try ScenarioOverride(parsing: $0) }
        do {
            let scenario = try ScenarioLoader.parse(yaml: try shipped(file), file: file, overrides: overrides)
            return RunBudget().issues(RunEstimate(scenario), file: file, overrides: overrides)
        } catch let errors as ScenarioErrors {
            return errors.issues
        }
    }

    struct Reproducer: Sendable, CustomTestStringConvertible {
        var file: String
        var sets: [String]
        /// The key path the error must name.
        var key: String
        /// Words the message must hold.
        var says: String
        var testDescription: String { String(sets.joined(separator: " ").prefix(120)) }
    }

    static let reproducers: [Reproducer] = [
        Reproducer(file: "smoke.yaml", sets: ["timeseries_bucket=1us"], key: "timeseries_bucket", says: "memory"),
        Reproducer(file: "smoke.yaml", sets: ["timeseries_bucket=1ns"], key: "timeseries_bucket", says: "estimated"),
        Reproducer(file: "smoke.yaml", sets: ["duration=106751d"], key: "duration", says: "longest duration"),
        Reproducer(file: "smoke.yaml", sets: ["duration=9223372036854775807ns", "timeseries_bucket=1d"],
                   key: "duration", says: "longest duration"),
        Reproducer(file: "smoke.yaml",
                   sets: ["duration=106751d", "faults=[{at: 106750d, duration: 106750d, kind: crash, node: store-0}]"],
                   key: "duration", says: "longest duration"),
        Reproducer(file: "smoke.yaml", sets: ["topology.links.store_region.latency={distribution: lognormal, median: 10ms, sigma: 50}"],
                   key: "topology.links.store_region.latency.sigma", says: "largest acceptable sigma is 3.76"),
        Reproducer(file: "smoke.yaml", sets: ["topology.links.store_region.latency={distribution: pareto, shape: 0.01, scale: 1ms}"],
                   key: "topology.links.store_region.latency.shape", says: "smallest acceptable shape"),
        Reproducer(file: "smoke.yaml", sets: ["workload.frame_size={distribution: pareto, shape: 0.01, scale: 100KB}"],
                   key: "workload.frame_size.shape", says: "smallest acceptable shape is 3.00"),
        Reproducer(file: "smoke.yaml", sets: ["workload.frame_size={distribution: lognormal, median: 150KB, sigma: 50}"],
                   key: "workload.frame_size.sigma", says: "largest acceptable sigma"),
        Reproducer(file: "smoke.yaml", sets: ["workload.frame_size=1PB"], key: "workload.frame_size", says: "largest size"),
        Reproducer(file: "smoke.yaml", sets: ["workload.detection_size=1PB"], key: "workload.detection_size", says: "at most"),
        Reproducer(file: "smoke.yaml", sets: ["workload.skus_per_store=1000000000"], key: "workload.skus_per_store", says: "memory"),
        Reproducer(file: "store-partition.yaml", sets: ["replication.read_rate=1000000"], key: "replication.read_rate", says: "events"),
        Reproducer(file: "store-partition.yaml", sets: ["replication.read_rate=1e9"], key: "replication.read_rate", says: "events"),
        Reproducer(file: "store-partition.yaml", sets: ["replication.heartbeat_interval=1ns"],
                   key: "replication.heartbeat_interval", says: "events"),
        Reproducer(file: "store-partition.yaml", sets: ["replication.anti_entropy_period=1ns"],
                   key: "replication.anti_entropy_period", says: "events"),
        Reproducer(file: "clock-skew.yaml", sets: ["duration=1000d"], key: "", says: "events"),
        Reproducer(file: "smoke.yaml", sets: ["workload.frame_interval=1ns"], key: "workload.frame_interval", says: "events"),
        Reproducer(file: "smoke.yaml", sets: ["workload.purchases_per_sku=1e9/s"], key: "workload.purchases_per_sku", says: "events"),
        Reproducer(file: "smoke.yaml", sets: ["name=" + String(repeating: "a", count: 100_000)], key: "name", says: "at most 100"),
        Reproducer(file: "smoke.yaml", sets: ["name=" + String(repeating: "a", count: 241)], key: "name", says: "at most 100"),
    ]

    @Test("each reproducer gives a located error", arguments: reproducers)
    func refused(_ r: Reproducer) throws {
        let found = try Self.verdict(r.file, r.sets)
        #expect(!found.isEmpty, "accepted: \(r.sets)")
        if !r.key.isEmpty {
            #expect(found.contains { $0.keyPath == r.key }, "\(ScenarioErrors(issues: found))")
        }
        #expect(found.contains { $0.message.contains(r.says) }, "\(ScenarioErrors(issues: found))")
        // A problem of an overridden key is reported against the override.
        #expect(found.allSatisfy { $0.file == ScenarioOverride.origin || $0.file == r.file })
    }

    @Test("every shipped scenario fits the default budget, with room to spare")
    func shippedFit() throws {
        for name in ["smoke.yaml", "store-partition.yaml", "clock-skew.yaml", "edge-failover.yaml", "retail-chain.yaml"] {
            let scenario = try ScenarioLoader.parse(yaml: try Self.shipped(name), file: name)
            let estimate = RunEstimate(scenario)
            #expect(RunBudget().issues(estimate, file: name).isEmpty, "\(name)")
            #expect(estimate.events < 1e9 && estimate.bytesPerRun < 1e9, "\(name): \(estimate.events) events")
        }
    }

    @Test("a budget raised on the command line lets a refused run through")
    func raisedBudget() throws {
        let scenario = try ScenarioLoader.parse(yaml: try Self.shipped("smoke.yaml"), file: "smoke.yaml",
                                                overrides: [try ScenarioOverride(parsing: "duration=3000d")])
        var budget = RunBudget()
        #expect(!budget.issues(RunEstimate(scenario), file: "smoke.yaml").isEmpty)
        budget.maxEvents = 1e13
        budget.maxBytesPerRun = 1e13
        #expect(budget.issues(RunEstimate(scenario), file: "smoke.yaml").isEmpty)
    }

    @Test("a fault whose end overflows is refused at its duration, not trapped on")
    func faultEndOverflow() throws {
        // Each value within the limit, the sum beyond the run.
        let found = issues(base + "faults: [{at: 5m, duration: 36500d, kind: crash, node: store-0}]\n")
        #expect(found.contains { $0.keyPath == "faults[0].duration" && $0.kind == .faultTiming })
    }

    @Test("the far tail of each family is checked against its bound", arguments: [
        "{distribution: exponential, mean: 2000d}", "{distribution: gamma, shape: 2, scale: 5000d}",
        "{distribution: weibull, scale: 1s, shape: 0.05}", "{distribution: normal, mean: 1s, stddev: 36000d}"
    ])
    func families(_ latency: String) throws {
        let yaml = base.replacingOccurrences(of: "store_region: {latency: 10ms", with: "store_region: {latency: \(latency)")
        let found = issues(yaml)
        #expect(found.contains { $0.kind == .invalidDistribution && $0.message.contains("acceptable") })
        // The advised bound passes.
        let d = try #require(found.first { $0.kind == .invalidDistribution })
        #expect(d.keyPath.hasPrefix("topology.links.store_region.latency"))
    }

    @Test("the advised bound is accepted and its tail fits")
    func advisedBoundFits() throws {
        let d = try Distribution.lognormal(median: 0.01, sigma: 50)
        let advice = try #require(d.tailAdvice(limit: SimDuration.longest.seconds))
        let fixed = try Distribution.lognormal(median: 0.01, sigma: advice.bound * 0.999)
        #expect(fixed.farTail <= SimDuration.longest.seconds)
        #expect(fixed.tailAdvice(limit: SimDuration.longest.seconds) == nil)
    }
}
