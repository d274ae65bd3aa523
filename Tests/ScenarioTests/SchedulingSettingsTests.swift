import Scenario
import SimKernel
import Testing

@Suite("Scheduling settings")
struct SchedulingSettingsTests {
    @Test("an absent section is scheduling disabled, every default in place")
    func defaults() throws {
        let s = try SchedulingSettings(raw: [:])
        #expect(s == SchedulingSettings())
        #expect(!s.enabled)
        #expect(s.scheduler == .edgeAware && s.rebalance == .moveBack)
        #expect((s.weightLatency, s.weightLeastAllocated, s.weightCost, s.weightReliability) == (3, 2, 1, 1))
        #expect(s.latencyBudget == .milliseconds(30))
        #expect(s.heartbeatTimeout == .seconds(6))
    }

    @Test("every key is read")
    func everyKey() throws {
        let s = try SchedulingSettings(raw: [
            "scheduler": "least_allocated", "weights.latency": "0", "weights.least_allocated": "7",
            "weights.cost": "0", "weights.reliability": "4", "latency_budget": "25ms",
            "heartbeat_interval": "500ms", "missed_heartbeats": "4", "rebalance": "stay", "camera_cpu": "750",
            "inventory_cpu": "250", "store_server_cpu": "8000", "region_cpu": "32000", "cloud_cpu": "99000",
        ])
        #expect(s.enabled && s.scheduler == .leastAllocated && s.rebalance == .stay)
        #expect((s.weightLatency, s.weightLeastAllocated, s.weightCost, s.weightReliability) == (0, 7, 0, 4))
        #expect(s.latencyBudget == .milliseconds(25) && s.heartbeatInterval == .milliseconds(500))
        #expect(s.heartbeatTimeout == .seconds(2))
        #expect((s.cameraMillicores, s.inventoryMillicores) == (750, 250))
        #expect((s.storeServerMillicores, s.regionMillicores, s.cloudMillicores) == (8_000, 32_000, 99_000))
        #expect(SchedulingSettings.keys.count == 14)
    }

    @Test("every problem is reported by its key path")
    func problems() {
        let error = #expect(throws: SchedulingSettingsError.self) {
            try SchedulingSettings(raw: [
                "scheduler": "greedy", "weights.latency": "0", "weights.least_allocated": "0", "weights.cost": "0",
                "weights.reliability": "0", "rebalance": "back", "latency_budget": "0s", "plugins": "x",
                "camera_cpu": "-3",
            ])
        }
        #expect(error?.issues.map(\.keyPath) == [
            "scheduling.camera_cpu", "scheduling.latency_budget", "scheduling.plugins", "scheduling.rebalance",
            "scheduling.scheduler", "scheduling.weights",
        ])
        #expect(error?.description.contains("scheduling.rebalance: \"back\" is not a rebalance policy") == true)
    }

    @Test("the loader reports each scheduling issue at its own line")
    func located() {
        let found = issues(base + "scheduling:\n  scheduler: edge_aware\n  rebalance: later\n  weights:\n    cost: 101\n")
        #expect(found.map(\.keyPath) == ["scheduling.rebalance", "scheduling.weights.cost"])
        #expect(found.map(\.line) == [13, 15])
        #expect(found.first?.kind == .outOfRange)
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
        let i = issue(base + "faults:\n  - {at: 1m, duration: 1m, kind: crash, node: store-0/server-1}\n")
        #expect(i?.message.contains("servers_per_store: 1") == true)
    }
}
