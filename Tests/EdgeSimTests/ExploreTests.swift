import EdgeSim
import Foundation
import Scenario
import SimKernel
import Testing

/// The fault campaign: schedules are deterministic and valid, reproducers
/// reproduce, and a known bug is found and shrunk (the negative control).
@Suite("Explore")
struct ExploreTests {
    /// A small replicated store group with dashboards correcting what the
    /// stores write: concurrent writers on every key, three simulated minutes.
    static func yaml(policy: String) -> String {
        """
        name: explore-control
        duration: 3m
        warmup: 30s
        seed: 3
        timeseries_bucket: 1m
        topology:
          regions: 1
          stores_per_region: 3
          cameras_per_store: 1
          links:
            device_store: {latency: 2ms, bandwidth: 1Gbps}
            store_region: {latency: 10ms, bandwidth: 100Mbps}
            region_cloud: {latency: 35ms, bandwidth: 10Gbps}
        workload:
          skus_per_store: 8
          purchases_per_sku: 120/h
          restock_delay: 1m
        replication:
          n: 3
          r: 2
          w: 2
          policy: \(policy)
          read_rate: 1
          correction_rate: 2
          anti_entropy_period: 10s

        """
    }

    static func explorer(policy: String) throws -> Explorer {
        let text = yaml(policy: policy)
        let scenario = try ScenarioLoader.parse(yaml: text, file: "control.yaml")
        return try Explorer(scenario: scenario, text: text, maxFaults: 4)
    }

    @Test("a seed's schedule is the same every time, inside the fault phase, and differs between seeds")
    func deterministicSchedules() throws {
        let e = try Self.explorer(policy: "siblings")
        for seed in UInt64(1)...50 {
            let (kinds, faults) = e.generator.schedule(seed: seed)
            #expect(e.generator.schedule(seed: seed).faults == faults)
            #expect(!kinds.isEmpty && !faults.isEmpty && faults.count <= 4)
            for f in faults {
                #expect(kinds.contains(f.kindName))
                #expect(f.at >= e.generator.phaseStart && f.end <= e.generator.phaseEnd && f.length >= .seconds(1))
            }
        }
        #expect(e.generator.schedule(seed: 1).faults != e.generator.schedule(seed: 2).faults)
        // Over many seeds, every kind comes up.
        let kinds = Set((UInt64(1)...50).flatMap { e.generator.schedule(seed: $0).faults.map(\.kindName) })
        #expect(kinds == Set(ExploredFaultKind.allCases))
    }

    @Test("a reproducer is a valid scenario holding exactly the schedule, its seed and one arm")
    func reproducerRoundTrip() throws {
        let e = try Self.explorer(policy: "siblings")
        for seed in UInt64(1)...20 {
            let faults = e.generator.schedule(seed: seed).faults
            let text = try e.reproducer(of: faults, seed: seed, comment: "seed \(seed)")
            let back = try ScenarioLoader.parse(yaml: text, file: "repro.yaml")
            let specs = faults.flatMap(\.specs).sorted { $0.at < $1.at }
            #expect(back.faults.map(\.kind) == specs.map(\.kind))
            #expect(back.faults.map(\.at) == specs.map(\.at))
            #expect(back.faults.map(\.duration) == specs.map(\.duration))
            #expect(back.seed == e.masterSeed(of: seed))
            #expect(back.arms == [.edgeHybrid] && back.repetitions == 1)
        }
    }

    @Test("negative control: lww under clock faults loses acknowledged writes; a short campaign finds it and shrinks it to at most two faults")
    func negativeControl() throws {
        var e = try Self.explorer(policy: "lww")
        e.requireNoLoss = true
        e.shrinkBudget = 12
        // Seeds whose schedules include a clock fault.
        let seeds = (UInt64(1)...40).filter { s in e.generator.schedule(seed: s).faults.contains { $0.kindName == .clock } }.prefix(2)
        let outcomes = try e.explore(seeds: Array(seeds), jobs: 2)
        let failing = try #require(outcomes.first { !$0.verdict.passed }, "no seed caught lww under skew")
        #expect(failing.verdict.failures == ["lost_acknowledged_writes"])
        let shrunk = try #require(failing.shrunk)
        #expect(shrunk.count <= 2, "shrunk to \(shrunk.count) faults")
        #expect(shrunk.count <= failing.faults.count)
        #expect(failing.shrunkVerdict?.passed == false)
        // The reproducer reproduces: the same loss, run from the file alone as `edgesim run` runs it.
        let text = try e.reproducer(of: shrunk, seed: failing.seed, comment: "")
        let runs = try ExperimentRunner(scenario: try ScenarioLoader.parse(yaml: text, file: "repro.yaml")).runAll()
        let lost = runs.first?.result.metrics.first { $0.name == "lost_acknowledged_writes" }?.value.doubleValue
        #expect(runs.count == 1)
        #expect(lost.map(Int.init) == failing.shrunkVerdict?.lostAcknowledgedWrites)
    }
}
