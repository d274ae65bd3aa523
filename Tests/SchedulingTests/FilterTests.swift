import Testing
@testable import Scheduling

/// Each filter rejects exactly what it must, with the right reason; the
/// verdicts are read from explanation records listing every node.
@Suite("Filters")
struct FilterTests {
    /// Places `spec` on a fresh pooled scheduler (one step over all tiers)
    /// and returns its explanation record.
    func explain(_ fixture: Fixture, _ spec: WorkloadRequest, _ configure: (inout SchedulerConfiguration) -> Void = { _ in }) throws -> (Scheduler, PlacementExplanation) {
        var configuration = SchedulerConfiguration(tierSearch: .pooled, fallback: .none, explanations: .allNodes)
        configure(&configuration)
        var scheduler = try Scheduler(cluster: fixture.cluster, configuration: configuration)
        try scheduler.submit(spec, at: .zero)
        let records = scheduler.takeExplanations()
        try #require(records.count == 1)
        return (scheduler, records[0])
    }

    @Test("tierAllowed rejects tiers the workload does not allow")
    func tierAllowed() throws {
        let f = Fixture()
        let (_, record) = try explain(f, Fixture.camera(f.camera0, tiers: .storeEdge))
        #expect(record.rejection(of: Fixture.s0device0) == .tierNotAllowed(.device))
        #expect(record.rejection(of: Fixture.s0device1) == .tierNotAllowed(.device))
        #expect(record.rejection(of: Fixture.cloud) == .tierNotAllowed(.cloud))
        #expect(record.chosen == Fixture.s0edge)
    }

    @Test("nodeHealthy rejects cordoned and failed nodes")
    func nodeHealthy() throws {
        let f = Fixture { id, node in
            if id == Fixture.s0device0 { node.health = .cordoned }
            if id == Fixture.s0device1 { node.health = .failed }
        }
        let (_, record) = try explain(f, Fixture.camera(f.camera0))
        #expect(record.rejection(of: Fixture.s0device0) == .nodeCordoned)
        #expect(record.rejection(of: Fixture.s0device1) == .nodeFailed)
        #expect(record.rejection(of: Fixture.s0device0)?.filter == .nodeHealthy)
        #expect(record.chosen == Fixture.s0edge)
    }

    @Test("affinity keeps a store-resident workload in its store")
    func storeResidency() throws {
        let f = Fixture()
        let (_, record) = try explain(f, Fixture.camera(f.camera0, budget: nil, residency: .store))
        for outside in [Fixture.s1device0, Fixture.s1edge, Fixture.aggregator, Fixture.cloud] {
            #expect(record.rejection(of: outside) == .outsideResidency(.store))
        }
        for inside in [Fixture.s0device0, Fixture.s0device1, Fixture.s0edge] {
            #expect(record.rejection(of: inside) == nil)
        }
    }

    @Test("affinity keeps a region-resident workload in its region")
    func regionResidency() throws {
        let f = Fixture()
        let (_, record) = try explain(f, Fixture.camera(f.camera0, budget: nil, residency: .region))
        #expect(record.rejection(of: Fixture.cloud) == .outsideResidency(.region))
        #expect(record.rejection(of: Fixture.aggregator) == nil)
        #expect(record.rejection(of: Fixture.s1edge) == nil)
    }

    @Test("affinity admits only the holders of the workload's dataset")
    func dataset() throws {
        var f = Fixture()
        let planogram = try f.cluster.addDataset(Dataset(name: "planogram", nodes: [Fixture.aggregator, Fixture.s1edge]))
        var spec = Fixture.camera(f.camera0, budget: nil, residency: .anywhere)
        spec.dataset = planogram
        let (_, record) = try explain(f, spec)
        #expect(record.rejection(of: Fixture.s0edge) == .datasetAbsent(planogram))
        #expect(record.rejection(of: Fixture.cloud) == .datasetAbsent(planogram))
        let feasible = record.steps[0].nodes.filter { if case .feasible = $0.verdict { true } else { false } }.map(\.node)
        #expect(feasible == [Fixture.s1edge, Fixture.aggregator])
    }

    @Test("affinity spreads replicas of one workload over distinct nodes")
    func replicaSpread() throws {
        let f = Fixture()
        var scheduler = try Scheduler(
            cluster: f.cluster, configuration: SchedulerConfiguration(tierSearch: .pooled, fallback: .none, explanations: .allNodes)
        )
        // Store 0 has three nodes; the fourth replica has nowhere to go.
        let id = try scheduler.submit(Fixture.camera(f.camera0, replicas: 4), at: .zero)
        let nodes = (0..<3).compactMap { scheduler.placement(of: WorkloadReplicaID(workload: id, index: $0))?.node }
        #expect(nodes.sorted() == [Fixture.s0device0, Fixture.s0device1, Fixture.s0edge])
        #expect(scheduler.placement(of: WorkloadReplicaID(workload: id, index: 3)) == nil)
        let records = scheduler.takeExplanations()
        try #require(records.count == 4)
        for (j, node) in nodes.enumerated() {
            #expect(records[3].rejection(of: node) == .replicaAlreadyOnNode(j))
        }
        #expect(records[3].outcome == .unschedulable)
    }

    @Test("withinLatency rejects nodes beyond the budget, naming latency and budget")
    func withinLatency() throws {
        let f = Fixture()
        let (_, record) = try explain(f, Fixture.camera(f.camera0, budget: .milliseconds(3), residency: .anywhere))
        #expect(record.rejection(of: Fixture.s0edge) == .latencyOverBudget(latency: .milliseconds(4), budget: .milliseconds(3)))
        #expect(record.rejection(of: Fixture.aggregator) == .latencyOverBudget(latency: .milliseconds(12), budget: .milliseconds(3)))
        #expect(record.rejection(of: Fixture.s0device1) == nil)  // 2 ms + 1 ms offset: exactly the budget
        #expect(record.rejection(of: Fixture.s0device0) == nil)
    }

    @Test("a measured latency overrides the rule for that source and node only")
    func measuredLatency() throws {
        var f = Fixture()
        f.cluster.setMeasuredLatency(from: f.camera0, to: Fixture.s0device0, .milliseconds(9))
        f.cluster.setMeasuredLatency(fromStore: 0, to: Fixture.s0edge, .milliseconds(1))
        #expect(f.cluster.latency(from: f.camera0, to: Fixture.s0device0) == .milliseconds(9))
        #expect(f.cluster.latency(from: f.camera0, to: Fixture.s0edge) == .milliseconds(1))
        #expect(f.cluster.latency(from: f.camera1, to: Fixture.s0device0) == .milliseconds(26))
        let (_, record) = try explain(f, Fixture.camera(f.camera0, budget: .milliseconds(5)))
        #expect(record.rejection(of: Fixture.s0device0) == .latencyOverBudget(latency: .milliseconds(9), budget: .milliseconds(5)))
        #expect(record.rejection(of: Fixture.s0edge) == nil)
    }

    @Test("withinLatency compares to the nanosecond: half a millisecond over the budget is over")
    func latencyBudgetExact() throws {
        var f = Fixture()
        f.cluster.setMeasuredLatency(from: f.camera0, to: Fixture.s0device0, .nanoseconds(3_500_000))
        f.cluster.setMeasuredLatency(from: f.camera0, to: Fixture.s0device1, .nanoseconds(3_000_000))
        let (_, record) = try explain(f, Fixture.camera(f.camera0, budget: .milliseconds(3), residency: .anywhere))
        #expect(record.rejection(of: Fixture.s0device0)
                == .latencyOverBudget(latency: .nanoseconds(3_500_000), budget: .milliseconds(3)))
        #expect(record.rejection(of: Fixture.s0device1) == nil)  // exactly the budget
    }

    @Test("fitsResources names the first resource short", arguments: [
        (Resources(milliCPU: 5_000, memoryMiB: 1_024), FilterReason.insufficientCPU(requested: 5_000, free: 4_000)),
        (Resources(milliCPU: 1_000, memoryMiB: 5_000), FilterReason.insufficientMemory(requested: 5_000, free: 4_096)),
        (Resources(milliCPU: 1_000, memoryMiB: 1_024, gpus: 2), FilterReason.insufficientGPU(requested: 2, free: 1)),
    ])
    func fitsResources(request: Resources, expected: FilterReason) throws {
        let f = Fixture()
        var spec = Fixture.camera(f.camera0, residency: .anywhere)
        spec.resources = request
        let (_, record) = try explain(f, spec)
        #expect(record.rejection(of: Fixture.s0device0) == expected)
        #expect(record.rejection(of: Fixture.s0device0)?.filter == .fitsResources)
    }

    @Test("filters run in the documented order: the first failing one is reported")
    func order() throws {
        // s1/edge is outside the store (affinity), too far (latency) and too small (resources):
        // affinity comes first. The cloud is also of a disallowed tier: tierAllowed comes first.
        let f = Fixture()
        var spec = Fixture.camera(f.camera0, budget: .milliseconds(3), tiers: [.device, .storeEdge])
        spec.resources = Resources(milliCPU: 50_000, memoryMiB: 1_024)
        let (_, record) = try explain(f, spec)
        #expect(record.rejection(of: Fixture.s1edge) == .outsideResidency(.store))
        #expect(record.rejection(of: Fixture.cloud) == .tierNotAllowed(.cloud))
        #expect(record.rejection(of: Fixture.s0edge) == .latencyOverBudget(latency: .milliseconds(4), budget: .milliseconds(3)))
        #expect(record.rejection(of: Fixture.s0device0) == .insufficientCPU(requested: 50_000, free: 4_000))
    }

    @Test("a disabled filter no longer rejects")
    func disabledFilter() throws {
        let f = Fixture()
        let (_, record) = try explain(f, Fixture.camera(f.camera0, budget: .milliseconds(3), residency: .anywhere)) {
            $0.filters = [.nodeHealthy, .fitsResources, .affinity, .tierAllowed]
        }
        #expect(record.rejection(of: Fixture.cloud) == nil)
        #expect(record.steps[0].feasible == Fixture.nodeCount)
    }
}
