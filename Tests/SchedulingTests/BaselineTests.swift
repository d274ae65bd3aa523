import EdgeBase
import Testing
@testable import Scheduling

/// The baseline schedulers behave as named, through the same interface.
@Suite("Baselines")
struct BaselineTests {
    /// A camera kept in its store, a camera kept in its region, and a service with no source.
    static func mixedWorkloads(_ f: Fixture) -> [WorkloadRequest] {
        [
            Fixture.camera(f.camera0, residency: .store, name: "store camera"),
            Fixture.camera(f.camera1, residency: .region, name: "region camera"),
            WorkloadRequest(name: "inventory", resources: Resources(milliCPU: 2_000, memoryMiB: 4_096), replicas: 2),
        ]
    }

    @Test("cloud-only puts everything in the cloud and counts what that breaks")
    func cloudOnly() throws {
        let f = Fixture()
        var s = try Scheduler(cluster: f.cluster, configuration: .cloudOnly)
        let ids = try s.submit(contentsOf: Self.mixedWorkloads(f), at: .zero)
        for id in ids {
            for index in 0..<s.spec(of: id).replicas {
                #expect(s.placement(of: WorkloadReplicaID(workload: id, index: index))?.node == Fixture.cloud)
            }
        }
        // Without the affinity filter the baseline does not spread replicas: both inventory replicas share the node.
        #expect(s.counters.placements == 4)
        #expect(s.counters.unschedulable == 0)
        #expect(s.counters.sovereigntyViolatingPlacements == 2)
        #expect(s.counters.slaViolatingPlacements == 2)  // 45 ms against 30 ms budgets
    }

    @Test("cloud-only never falls back to the edge when the cloud is full")
    func cloudOnlyFull() throws {
        let f = Fixture.filled([Fixture.cloud])
        var s = try Scheduler(cluster: f.cluster, configuration: SchedulerConfiguration.cloudOnly.explaining())
        try s.submit(Fixture.camera(f.camera0), at: .zero)
        #expect(s.counters.unschedulable == 1)
        let record = try #require(s.takeExplanations().first)
        #expect(record.rejection(of: Fixture.s0device0) == .tierOutsideStep(.device))
        #expect(record.rejection(of: Fixture.cloud) == .insufficientCPU(requested: 1_000, free: 0))
    }

    @Test("least-allocated takes the emptiest node, whatever the latency")
    func leastAllocated() throws {
        let (cluster, camera) = ScoringTests.threeServers()
        var s = try Scheduler(cluster: cluster, configuration: .leastAllocated)
        let id = try s.submit(Fixture.camera(camera, budget: nil), at: .zero)
        // B: 91 free after placing; A (the nearest) 61, C 76.
        #expect(s.placement(of: WorkloadReplicaID(workload: id, index: 0))?.node == ScoringTests.b)
    }

    @Test("least-allocated ignores residency unless its affinity filter is enabled")
    func leastAllocatedResidency() throws {
        let f = Fixture()
        var plain = try Scheduler(cluster: f.cluster, configuration: .leastAllocated)
        let id = try plain.submit(Fixture.camera(f.camera0), at: .zero)
        // The aggregator and the cloud both end 99% free; the tie goes to the lower tier.
        #expect(plain.placement(of: WorkloadReplicaID(workload: id, index: 0))?.node == Fixture.aggregator)
        #expect(plain.counters.sovereigntyViolatingPlacements == 1)

        var configuration = SchedulerConfiguration.leastAllocated
        configuration.filters.append(.affinity)
        var careful = try Scheduler(cluster: f.cluster, configuration: configuration)
        let other = try careful.submit(Fixture.camera(f.camera0), at: .zero)
        #expect(careful.placement(of: WorkloadReplicaID(workload: other, index: 0))?.node == Fixture.s0edge)
        #expect(careful.counters.sovereigntyViolatingPlacements == 0)
    }

    /// The nodes the random scheduler picks for `count` small workloads.
    static func randomPicks(seed: UInt64, count: Int = 200, explanations: SchedulerConfiguration.ExplanationLevel = .off) throws -> [ClusterNodeID] {
        let f = Fixture { id, node in if id == Fixture.s1edge { node.health = .cordoned } }
        var s = try Scheduler(cluster: f.cluster, configuration: SchedulerConfiguration.random.explaining(explanations), randomSource: splitMix(seed: seed))
        let spec = WorkloadRequest(name: "tiny", resources: Resources(milliCPU: 10, memoryMiB: 10))
        let ids = try s.submit(contentsOf: Array(repeating: spec, count: count), at: .zero)
        return ids.compactMap { s.placement(of: WorkloadReplicaID(workload: $0, index: 0))?.node }
    }

    @Test("random is reproducible with the same seed", arguments: [UInt64(1), 42, 2026])
    func randomReproducible(seed: UInt64) throws {
        let first = try Self.randomPicks(seed: seed)
        #expect(first.count == 200)
        #expect(try Self.randomPicks(seed: seed) == first)
        #expect(try Self.randomPicks(seed: seed, explanations: .allNodes) == first)
        #expect(try Self.randomPicks(seed: seed, explanations: .candidates) == first)
    }

    @Test("random differs with another seed")
    func randomSeedMatters() throws {
        #expect(try Self.randomPicks(seed: 1) != Self.randomPicks(seed: 2))
    }

    @Test("random picks only feasible nodes, and all of them over many draws")
    func randomFeasible() throws {
        let picks = try Self.randomPicks(seed: 7)
        #expect(!picks.contains(Fixture.s1edge))  // cordoned
        #expect(Set(picks).count == Fixture.nodeCount - 1)
    }

    @Test("the random scheduler refuses to start without a random source")
    func randomNeedsSource() {
        #expect(throws: SchedulingError(field: "kind", kind: .inconsistent("the random scheduler needs a random source"))) {
            try Scheduler(cluster: Fixture().cluster, configuration: .random)
        }
    }
}
