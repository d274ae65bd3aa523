import Foundation
import Metrics
import Scenario
import SimKernel
import SimNetwork
import Testing
@testable import Workloads

/// The small chain with two servers per store, a scheduler whose servers
/// take four cameras each, and optionally one server crashed from 3 to 6 minutes.
func scheduledScenario(crash: Bool, rebalance: String = "move_back") -> Scenario {
    var s = smallScenario(faults: crash
        ? [FaultSpec(at: .minutes(3), duration: .minutes(3), kind: .crash("store-0/server-1"))] : [])
    s.topology.serversPerStore = 2
    s.deployment.store.millicores = 4_000
    var scheduling = SchedulingSection()
    scheduling.latencyBudget = .milliseconds(20)
    scheduling.cameraMillicores = 1_000
    scheduling.inventoryMillicores = 500
    scheduling.configuration.rebalance = rebalance == "move_back" ? .moveBack : .stay
    s.scheduling = scheduling
    return s
}

@Suite("Simulated scheduling")
struct SimulatedSchedulingTests {
    @Test("every camera and inventory service is placed once at the start; no failure, no reschedule")
    func placedAtStart() throws {
        let s = scheduledScenario(crash: false)
        var world = try RetailWorld(scenario: s, arm: .edgeHybrid, seed: 3)
        let r = world.run()
        // 6 stores x 4 cameras + 6 inventory services.
        #expect(value(r, "placements") == 30)
        #expect(value(r, "reschedules") == 0 && value(r, "unschedulable") == 0)
        #expect(value(r, "nodes_declared_failed") == 0)
        #expect(value(r, "sla_violating_placements") == 0)
        #expect(try #require(value(r, "cpu_allocated_store")) > 0)
        // The inference pools' own busy fraction is a different metric, with its own name.
        #expect(r.metrics.filter { $0.name == "utilization_store" }.count == 1)
        #expect(Set(r.metrics.map(\.name)).count == r.metrics.count, "a metric name appears twice")
        // Frames stay in their stores: the WAN carries heartbeats, deltas and alerts only.
        #expect(try #require(value(r, "wan_bytes")) < 1_000_000)
        #expect(try #require(value(r, "bytes_store_lan")) > 0)
    }

    @Test("a crashed server is declared failed by missed heartbeats and its workloads move within the budget")
    func failover() throws {
        let s = scheduledScenario(crash: true)
        var world = try RetailWorld(scenario: s, arm: .edgeHybrid, seed: 3)
        let r = world.run()
        let moved = try #require(value(r, "reschedules"))
        #expect(moved > 0)
        #expect(value(r, "moves_back") == moved)
        #expect(value(r, "nodes_declared_failed") == 1)
        #expect(value(r, "sla_violating_placements") == 0)
        // Detected after 3 missed 2 s heartbeats, on a 2 s check: 6 to 8 s.
        let p50 = try #require(value(r, "reschedule_time_p50"))
        #expect(p50 >= 6 && p50 <= 8.1, "\(p50)")
        // Some cameras went to the regional aggregator: their frames crossed the uplink during the outage only.
        let wan = r.timeseries.filter { $0.metric == "wan_bytes" }.map { ($0.t, $0.value.doubleValue) }
        let during = wan.filter { $0.0 > 240 && $0.0 <= 360 }.map(\.1).reduce(0, +)
        let after = wan.filter { $0.0 > 420 }.map(\.1).reduce(0, +)
        #expect(during > 10 * after, "during \(during), after \(after)")
    }

    @Test("under stay, displaced workloads do not move back")
    func stay() throws {
        var world = try RetailWorld(scenario: scheduledScenario(crash: true, rebalance: "stay"), arm: .edgeHybrid,
                                    seed: 3)
        let r = world.run()
        #expect(try #require(value(r, "reschedules")) > 0)
        #expect(value(r, "moves_back") == 0)
    }

    @Test("the least-allocated and random baselines run on the same workload, deterministically")
    func baselines() throws {
        let s = scheduledScenario(crash: true)
        for arm in [Arm.leastAllocated, .random] {
            var a = try RetailWorld(scenario: s, arm: arm, seed: 3)
            var b = try RetailWorld(scenario: s, arm: arm, seed: 3)
            let x = a.run(), y = b.run()
            #expect(x.metrics.map(\.value.text) == y.metrics.map(\.value.text))
            #expect(value(x, "placements") ?? 0 >= 30)
            #expect(value(x, "frames_captured") == value(y, "frames_captured"))
        }
    }

    @Test("explanations: one JSON line per decision, with verdicts, scores and the path taken")
    func explanations() throws {
        var world = try RetailWorld(scenario: scheduledScenario(crash: true), arm: .edgeHybrid, seed: 3, explain: true)
        let r = world.run()
        #expect(r.placementLines.count >= 30)
        #expect(r.placementNodes.count == 6 * 2 + 2 + 1)
        for line in r.placementLines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["arm"] as? String == "edge_hybrid")
            let decision = try #require(object["decision"] as? [String: Any])
            #expect(decision["outcome"] != nil && decision["trigger"] != nil && decision["replica"] != nil)
            let steps = try #require(decision["steps"] as? [[String: Any]])
            #expect(!steps.isEmpty)
        }
        #expect(r.placementLines.contains { $0.contains("\"trigger\":\"failover\"") })
        #expect(r.placementLines.contains { $0.contains("\"filter\":\"nodeHealthy\"") })
        #expect(r.placementLines.contains { $0.contains("\"weighted\":") })
    }
}
