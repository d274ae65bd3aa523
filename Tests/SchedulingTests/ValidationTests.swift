import Testing
@testable import Scheduling

/// Bad input is refused before anything is scheduled, naming the field.
@Suite("Validation")
struct ValidationTests {
    static let configurationCases: [(String, @Sendable (inout SchedulerConfiguration) -> Void, String)] = [
        ("weight above 100", { $0.weights.latency = 101 }, "weights.latency"),
        ("negative weight", { $0.weights.cost = -1 }, "weights.cost"),
        ("every weight zero", { $0.weights = ScoreWeights() }, "weights"),
        ("no fitsResources", { $0.filters = [.nodeHealthy, .affinity] }, "filters"),
        ("no nodeHealthy", { $0.filters = [.fitsResources] }, "filters"),
        ("duplicate filter", { $0.filters = [.nodeHealthy, .fitsResources, .affinity, .affinity] }, "filters"),
        ("zero heartbeat timeout", { $0.heartbeatTimeout = .zero }, "heartbeatTimeout"),
    ]

    @Test("an invalid configuration names its field", arguments: configurationCases)
    func configuration(name: String, mutate: @Sendable (inout SchedulerConfiguration) -> Void, field: String) {
        var configuration = SchedulerConfiguration.edgeAware
        mutate(&configuration)
        #expect(throws: SchedulingError.self) { try configuration.validate() }
        do {
            try configuration.validate()
        } catch {
            #expect(error.field == field, "\(name)")
            #expect(error.description.hasPrefix(field + ": "))
        }
        #expect(throws: SchedulingError.self) { try Scheduler(cluster: Fixture().cluster, configuration: configuration) }
    }

    @Test("a missing required filter is named in the error")
    func requiredFilter() {
        var configuration = SchedulerConfiguration.edgeAware
        configuration.filters = [.nodeHealthy, .affinity]
        #expect(throws: SchedulingError(field: "filters", kind: .requiredFilterDisabled(.fitsResources))) { try configuration.validate() }
    }

    @Test("the presets are valid", arguments: [SchedulerConfiguration.edgeAware, .cloudOnly, .leastAllocated, .random])
    func presets(configuration: SchedulerConfiguration) throws {
        try configuration.validate()
    }

    static let specCases: [(String, @Sendable (Fixture) -> WorkloadRequest, String)] = [
        ("no replicas", { var s = Fixture.camera($0.camera0); s.replicas = 0; return s }, "workload.replicas"),
        ("negative request", { var s = Fixture.camera($0.camera0); s.resources.milliCPU = -1; return s }, "workload.resources"),
        ("unknown source", { _ in Fixture.camera(SourceID(99)) }, "workload.source"),
        ("budget without source", { _ in WorkloadRequest(name: "x", resources: .zero, maxLatency: .milliseconds(5)) }, "workload.source"),
        ("residency without source", { _ in WorkloadRequest(name: "x", resources: .zero, residency: .store) }, "workload.source"),
        ("zero budget", { Fixture.camera($0.camera0, budget: .zero) }, "workload.maxLatency"),
        ("no tier", { Fixture.camera($0.camera0, tiers: []) }, "workload.allowedTiers"),
        ("unknown dataset", { var s = Fixture.camera($0.camera0); s.dataset = DatasetID(3); return s }, "workload.dataset"),
        ("degraded larger", { Fixture.camera($0.camera0, cpu: 500, degradedCPU: 600) }, "workload.degraded.resources"),
    ]

    @Test("an invalid workload spec names its field and places nothing", arguments: specCases)
    func workloadSpec(name: String, make: @Sendable (Fixture) -> WorkloadRequest, field: String) throws {
        let f = Fixture()
        var s = try Scheduler(cluster: f.cluster)
        do {
            try s.submit(make(f), at: .zero)
            Issue.record("\(name) was accepted")
        } catch {
            #expect(error.field == field, "\(name)")
        }
        #expect(s.workloadCount == 0)
        #expect(s.takeOutputs().isEmpty)
    }

    @Test("a batch with one bad spec submits nothing, naming its index")
    func batch() throws {
        let f = Fixture()
        var s = try Scheduler(cluster: f.cluster)
        var bad = Fixture.camera(f.camera0)
        bad.replicas = 2_000
        #expect(throws: SchedulingError(field: "workloads[1].replicas", kind: .outOfRange(value: 2_000, allowed: 1...1024))) {
            try s.submit(contentsOf: [Fixture.camera(f.camera0), bad], at: .zero)
        }
        #expect(s.workloadCount == 0)
        #expect(s.counters.placements == 0)
    }

    static let nodeCases: [(String, ClusterNode, String)] = [
        ("device without store", ClusterNode(name: "x", tier: .device, location: .region(0), capacity: .zero), "nodes[1].location.store"),
        ("store edge without region", ClusterNode(name: "x", tier: .storeEdge, location: ClusterNode.Location(store: 0, region: nil), capacity: .zero), "nodes[1].location.region"),
        ("regional in a store", ClusterNode(name: "x", tier: .regional, location: .store(0, region: 0), capacity: .zero), "nodes[1].location.store"),
        ("cloud in a region", ClusterNode(name: "x", tier: .cloud, location: .region(0), capacity: .zero), "nodes[1].location"),
        ("store in two regions", ClusterNode(name: "x", tier: .device, location: .store(0, region: 1), capacity: .zero), "nodes[1].location.region"),
        ("allocation over capacity", ClusterNode(name: "x", tier: .cloud, location: .cloud, capacity: Resources(milliCPU: 1, memoryMiB: 1), allocated: Resources(milliCPU: 2, memoryMiB: 1)), "nodes[1].allocated"),
        ("negative capacity", ClusterNode(name: "x", tier: .cloud, location: .cloud, capacity: Resources(milliCPU: -1, memoryMiB: 1)), "nodes[1].capacity"),
        ("negative store", ClusterNode(name: "x", tier: .device, location: .store(-1, region: 0), capacity: .zero), "nodes[1].location.store"),
    ]

    @Test("an invalid node names its field and is not added", arguments: nodeCases)
    func node(name: String, node: ClusterNode, field: String) {
        var cluster = ClusterSnapshot()
        try! cluster.addNode(ClusterNode(name: "first", tier: .device, location: .store(0, region: 0), capacity: .zero))
        do {
            try cluster.addNode(node)
            Issue.record("\(name) was accepted")
        } catch {
            #expect(error.field == field, "\(name)")
        }
        #expect(cluster.nodes.count == 1)
    }

    @Test("sources and datasets are checked too")
    func sourcesAndDatasets() throws {
        var cluster = ClusterSnapshot()
        try cluster.addNode(ClusterNode(name: "d", tier: .device, location: .store(0, region: 0), capacity: .zero))
        #expect(throws: SchedulingError.self) { try cluster.addSource(DataSource(name: "s", store: 0, region: 2)) }
        #expect(throws: SchedulingError(field: "datasets[0].nodes", kind: .unknownIdentifier(5))) {
            try cluster.addDataset(Dataset(name: "x", nodes: [ClusterNodeID(5)]))
        }
        #expect(throws: SchedulingError(field: "datasets[0].nodes", kind: .empty)) {
            try cluster.addDataset(Dataset(name: "x", nodes: []))
        }
        #expect(throws: SchedulingError(field: "datasets[0].nodes", kind: .duplicate("node 0"))) {
            try cluster.addDataset(Dataset(name: "x", nodes: [ClusterNodeID(0), ClusterNodeID(0)]))
        }
        #expect(cluster.sources.isEmpty && cluster.datasets.isEmpty)
    }
}
