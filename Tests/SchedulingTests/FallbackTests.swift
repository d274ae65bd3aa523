import Testing
@testable import Scheduling

/// The fallback order: the lowest allowed tier first, the next tier up within
/// the latency budget, then the degraded request, then (if allowed) beyond
/// the budget, else unschedulable. Residency is never relaxed.
@Suite("Fallback")
struct FallbackTests {
    func place(
        _ fixture: Fixture, _ spec: WorkloadRequest, configuration: SchedulerConfiguration = .edgeAware
    ) throws -> (Scheduler, Placement?, PlacementExplanation) {
        var scheduler = try Scheduler(cluster: fixture.cluster, configuration: configuration.explaining(.allNodes))
        let id = try scheduler.submit(spec, at: .zero)
        let record = try #require(scheduler.takeExplanations().first)
        return (scheduler, scheduler.placement(of: WorkloadReplicaID(workload: id, index: 0)), record)
    }

    /// The (tiers, mode, latency enforced) of each step, in order.
    func path(_ record: PlacementExplanation) -> [String] {
        record.steps.map { "\($0.tiers.tiers.map(\.description).joined(separator: "+"))/\($0.mode)\($0.latencyEnforced ? "" : "/beyondBudget")" }
    }

    @Test("the lowest allowed tier is tried first")
    func lowestTierFirst() throws {
        let f = Fixture()
        let (scheduler, placement, record) = try place(f, Fixture.camera(f.camera0))
        #expect(placement?.tier == .device)
        #expect(placement?.fallback == false)
        #expect(path(record) == ["device/normal"])
        #expect(scheduler.counters.placements == 1)
        #expect(scheduler.counters.fallbackPlacements == 0)
    }

    @Test("full devices send the replica to the next tier up")
    func nextTierUp() throws {
        let f = Fixture.filled([Fixture.s0device0, Fixture.s0device1])
        let (scheduler, placement, record) = try place(f, Fixture.camera(f.camera0))
        #expect(placement?.node == Fixture.s0edge)
        #expect(placement?.fallback == true)
        #expect(path(record) == ["device/normal", "storeEdge/normal"])
        #expect(record.steps[0].feasible == 0)
        #expect(scheduler.counters.fallbackPlacements == 1)
        #expect(scheduler.counters.degradedPlacements == 0)
    }

    @Test("the next tier up only within the latency budget: regional at 12 ms, not another store at 24 ms")
    func nextTierWithinBudget() throws {
        let f = Fixture.filled([Fixture.s0device0, Fixture.s0device1, Fixture.s0edge])
        let (_, placement, record) = try place(f, Fixture.camera(f.camera0, budget: .milliseconds(20), residency: .region))
        #expect(placement?.node == Fixture.aggregator)
        #expect(path(record) == ["device/normal", "storeEdge/normal", "regional/normal"])
        #expect(record.rejection(of: Fixture.s1edge, step: 1) == .latencyOverBudget(latency: .milliseconds(24), budget: .milliseconds(20)))
    }

    @Test("a higher tier within budget comes before the degraded request")
    func higherTierBeforeDegraded() throws {
        let f = Fixture.filled([Fixture.s0device0, Fixture.s0device1, Fixture.s0edge])
        let (scheduler, placement, _) = try place(f, Fixture.camera(f.camera0, budget: .milliseconds(15), residency: .anywhere, degradedCPU: 100))
        #expect(placement?.node == Fixture.aggregator)
        #expect(placement?.mode == .normal)
        #expect(scheduler.counters.degradedPlacements == 0)
    }

    @Test("when no tier fits the normal request, the degraded one is tried from the lowest tier again")
    func degraded() throws {
        let f = Fixture { id, node in
            switch id {
            case Fixture.s0device0, Fixture.s0device1: node.allocated = Resources(milliCPU: 2_500, memoryMiB: 0)
            case Fixture.s0edge: node.allocated = Resources(milliCPU: 14_000, memoryMiB: 0)
            default: break
            }
        }
        let (scheduler, placement, record) = try place(f, Fixture.camera(f.camera0, cpu: 3_000, degradedCPU: 1_000))
        #expect(placement?.tier == .device)
        #expect(placement?.mode == .degraded)
        #expect(path(record) == ["device/normal", "storeEdge/normal", "regional/normal", "cloud/normal", "device/degraded"])
        #expect(scheduler.counters.degradedPlacements == 1)
        #expect(scheduler.counters.fallbackPlacements == 1)
        // The degraded request is what the node now carries.
        #expect(scheduler.cluster.nodes[placement!.node.rawValue].allocated.milliCPU == 3_500)
    }

    @Test("with the degraded fallback off, the same replica is unschedulable")
    func degradedOff() throws {
        let f = Fixture.filled([Fixture.s0device0, Fixture.s0device1, Fixture.s0edge])
        var configuration = SchedulerConfiguration.edgeAware
        configuration.fallback = .none
        let (scheduler, placement, _) = try place(f, Fixture.camera(f.camera0, degradedCPU: 100), configuration: configuration)
        #expect(placement == nil)
        #expect(scheduler.counters.unschedulable == 1)
    }

    @Test("nothing fits, even degraded: unschedulable, reported and queued")
    func unschedulable() throws {
        let f = Fixture.filled([Fixture.s0device0, Fixture.s0device1, Fixture.s0edge])
        var (scheduler, placement, record) = try place(f, Fixture.camera(f.camera0, degradedCPU: 100))
        #expect(placement == nil)
        #expect(record.outcome == .unschedulable)
        let replica = WorkloadReplicaID(workload: WorkloadID(0), index: 0)
        #expect(scheduler.takeOutputs() == [.unschedulable(replica, displacedFrom: nil)])
        #expect(scheduler.pendingReplicas == [replica])
        #expect(scheduler.counters.unschedulable == 1)
        #expect(scheduler.counters.placements == 0)
    }

    @Test("residency holds even when it leaves the replica unschedulable, beyond-budget fallback included")
    func sovereigntyOverAvailability() throws {
        let f = Fixture.filled([Fixture.s0device0, Fixture.s0device1, Fixture.s0edge])
        var configuration = SchedulerConfiguration.edgeAware
        configuration.fallback = .init(degradedMode: true, beyondLatencyBudget: true)
        // The aggregator (12 ms) and the cloud (45 ms) are within budget and empty, but outside the store.
        let (scheduler, placement, record) = try place(f, Fixture.camera(f.camera0, budget: .milliseconds(50), residency: .store, degradedCPU: 100), configuration: configuration)
        #expect(placement == nil)
        #expect(scheduler.counters.sovereigntyViolatingPlacements == 0)
        // Four rungs with the normal request, four degraded, then one pooled step each beyond budget.
        #expect(path(record).suffix(2) == ["device+storeEdge+regional+cloud/normal/beyondBudget", "device+storeEdge+regional+cloud/degraded/beyondBudget"])
        #expect(record.steps.count == 10)
        for step in record.steps.indices {
            for outside in [Fixture.s1device0, Fixture.s1edge, Fixture.aggregator, Fixture.cloud] {
                if case .feasible? = record.verdict(of: outside, step: step) {
                    Issue.record("node \(outside) outside the store was feasible in step \(step)")
                }
            }
        }
        #expect(record.rejection(of: Fixture.aggregator, step: 2) == .outsideResidency(.store))
    }

    @Test("beyond the latency budget only when the policy allows it, and counted")
    func beyondBudget() throws {
        let f = Fixture.filled([Fixture.s0device0, Fixture.s0device1])
        let spec = Fixture.camera(f.camera0, budget: .milliseconds(3), residency: .anywhere)
        let (strict, refused, _) = try place(f, spec)
        #expect(refused == nil)
        #expect(strict.counters.slaViolatingPlacements == 0)

        var configuration = SchedulerConfiguration.edgeAware
        configuration.fallback.beyondLatencyBudget = true
        let (lenient, placement, record) = try place(f, spec, configuration: configuration)
        // One pooled step over every tier: the latency score prefers the store
        // server at 4 ms over store 1's device (26 ms), a lower tier.
        #expect(placement?.node == Fixture.s0edge)
        #expect(placement?.withinLatencyBudget == false)
        #expect(placement?.latency == .milliseconds(4))
        #expect(lenient.counters.slaViolatingPlacements == 1)
        #expect(path(record).last == "device+storeEdge+regional+cloud/normal/beyondBudget")
    }
}
