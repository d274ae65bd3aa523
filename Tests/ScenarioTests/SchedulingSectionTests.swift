import EdgeBase
import Scenario
import Scheduling
import SimKernel
import Testing

@Suite("The scheduling section")
struct SchedulingSectionTests {
    static func yaml(_ lines: String...) -> String {
        base + "scheduling:\n" + lines.map { "  " + $0 + "\n" }.joined()
    }

    @Test("an absent section is no scheduler; an empty one, every default")
    func defaults() throws {
        #expect(try scenario(base).scheduling == nil)
        let s = try #require(try scenario(base + "scheduling: {}\n").scheduling)
        #expect(s == SchedulingSection())
        #expect(s.configuration.kind == .edgeAware && s.configuration.rebalance == .moveBack)
        #expect(s.configuration.weights == .edgeAware)
        #expect(s.latencyBudget == .milliseconds(30))
        #expect(s.configuration.heartbeatTimeout == .seconds(6))
    }

    @Test("every key is read into the library's configuration")
    func everyKey() throws {
        let s = try #require(try scenario(Self.yaml(
            "scheduler: least_allocated", "weights: {latency: 0, least_allocated: 7, cost: 0, reliability: 4}",
            "latency_budget: 25ms", "heartbeat_interval: 500ms", "missed_heartbeats: 4", "rebalance: stay",
            "camera_cpu: 750", "inventory_cpu: 250")).scheduling)
        #expect(s.configuration.kind == .leastAllocated && s.configuration.rebalance == .stay)
        #expect(s.configuration.weights == ScoreWeights(latency: 0, leastAllocated: 7, cost: 0, reliability: 4))
        #expect(s.latencyBudget == .milliseconds(25) && s.heartbeatInterval == .milliseconds(500))
        #expect(s.configuration.heartbeatTimeout == .seconds(2))
        #expect((s.cameraMillicores, s.inventoryMillicores) == (750, 250))
        let edge = try #require(try scenario(Self.yaml("weights: {cost: 5}")).scheduling)
        #expect(edge.configuration.weights == ScoreWeights(latency: 3, leastAllocated: 2, cost: 5, reliability: 1))
    }

    @Test("every problem is reported at its own line")
    func problems() {
        let found = issues(Self.yaml(
            "scheduler: greedy", "weights: {latency: 0, least_allocated: 0, cost: 0, reliability: 0}",
            "rebalance: back", "latency_budget: 0s", "plugins: x", "camera_cpu: -3"))
        #expect(found.map(\.keyPath) == [
            "scheduling.scheduler", "scheduling.weights", "scheduling.rebalance", "scheduling.latency_budget",
            "scheduling.plugins", "scheduling.camera_cpu",
        ])
        #expect(found.first { $0.keyPath == "scheduling.rebalance" }?.message
                == "\"back\" is not a rebalance policy; expected one of: move_back, stay")
    }

    @Test("the loader reports each scheduling issue at its own line")
    func located() {
        let found = issues(base + "scheduling:\n  scheduler: edge_aware\n  rebalance: later\n  weights:\n    cost: 101\n")
        #expect(found.map(\.keyPath) == ["scheduling.rebalance", "scheduling.weights.cost"])
        #expect(found.map(\.line) == [13, 15])
        #expect(found.map(\.kind) == [.wrongType, .outOfRange])
    }

    @Test("store servers beyond the first are named and checked")
    func servers() throws {
        let s = try scenario(base.replacingOccurrences(of: "cameras_per_store: 4",
                                                       with: "cameras_per_store: 4\n  servers_per_store: 3"))
        #expect(s.topology.serversPerStore == 3)
        #expect(s.topology.hasNode(named: "store-0/server-2"))
        #expect(!s.topology.hasNode(named: "store-0/server-3"))
        #expect(!s.topology.hasNode(named: "store-0/server-0"))
        #expect(s.topology.tier(ofNode: "store-1/server-1") == .store)
        #expect(s.topology.areLinked("store-1/server-1", "store-1"))
        #expect(TopologySpec.serverName(store: 4, index: 0) == "store-4")
        let built = try s.topology.build()
        #expect(built.nodes.count == s.topology.nodeCount)
        #expect(built.node(named: "store-5/server-2") != nil)
        let i = issue(base + "faults:\n  - {at: 1m, duration: 1m, kind: crash, node: store-0/server-1}\n")
        #expect(i?.message.contains("servers_per_store: 1") == true)
    }
}
