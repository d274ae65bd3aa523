import Foundation
import Scenario
import Scheduling
import SimNetwork
import Testing
@testable import Workloads

/// The small chain, two simulated minutes, with `store` servers behind each
/// store node and `region` behind each aggregator; with the scheduler's
/// defaults when `scheduled`.
private func serversScenario(store: Int, region: Int, scheduled: Bool) -> Scenario {
    var s = smallScenario()
    s.duration = .minutes(2)
    s.warmup = .seconds(30)
    s.deployment.store.servers = store
    s.deployment.region.servers = region
    if scheduled { s.scheduling = SchedulingSection() }
    return s
}

@Suite("The deployment's servers: simulated, placed on and priced alike")
struct DeploymentServersTests {
    @Test("two servers per store node, three per aggregator: their slots pooled, their CPU offered, each server priced",
          arguments: [false, true])
    func serversPerNode(scheduled: Bool) throws {
        let s = serversScenario(store: 2, region: 3, scheduled: scheduled)
        var world = try RetailWorld(scenario: s, arm: .edgeHybrid, seed: 5)
        let r = world.run()
        let stores = s.topology.regions * s.topology.storesPerRegion, regions = s.topology.regions
        let hours = s.costs.hoursPerMonth

        // The pools: servers × slots per server (8), at every store node; at the aggregators when scheduled.
        for node in world.topology.nodes {
            let slots = world.pools[Int(node.id.index)]?.slots
            switch node.tier {
            case .store: #expect(slots == 16, "\(node.name)")
            case .region: #expect(slots == (scheduled ? 768 : nil), "\(node.name)")
            default: break
            }
        }
        #expect(value(r, "provisioned_store") == Double(2 * stores))

        // The bill: two store server-hours per store node, three regional ones per aggregator.
        let storeItem = try #require(r.costItems.first { $0.component == "store_servers" })
        #expect(storeItem.count == Decimal(2 * stores) && storeItem.quantity == Decimal(2 * stores) * hours)
        #expect(storeItem.unitPriceUSD == Decimal(string: "0.35")! && storeItem.priceKey == "deployment.store.price")
        let regionItem = try #require(r.costItems.first { $0.component == "regional_nodes" })
        #expect(regionItem.count == Decimal(3 * regions) && regionItem.quantity == Decimal(3 * regions) * hours)
        #expect(regionItem.unitPriceUSD == Decimal(string: "2.50")! && regionItem.priceKey == "deployment.region.price")

        // The scheduler's nodes: servers × one server's CPU, memory and price.
        guard scheduled else {
            #expect(world.placement == nil)
            return
        }
        let placement = try #require(world.placement)
        let nodes = placement.scheduler.cluster.nodes
        #expect(nodes.filter { $0.tier == .storeEdge }.count == stores && nodes.filter { $0.tier == .regional }.count == regions)
        for node in nodes {
            switch node.tier {
            case .storeEdge:
                #expect(node.capacity == Resources(milliCPU: 32_000, memoryMiB: 64_000) && node.costPerHour == MicroDollars(700_000))
            case .regional:
                #expect(node.capacity == Resources(milliCPU: 192_000, memoryMiB: 384_000) && node.costPerHour == MicroDollars(7_500_000))
            case .cloud:
                #expect(node.capacity == Resources(milliCPU: 10_000_000, memoryMiB: 20_000_000) && node.costPerHour == MicroDollars(1_200_000))
            default:
                Issue.record("\(node.name) should not be a node of the cluster")
            }
        }
    }

    @Test("with one server per node, the pools, capacities and bill are those of the defaults")
    func oneServerPerNode() throws {
        var world = try RetailWorld(scenario: serversScenario(store: 1, region: 1, scheduled: true), arm: .edgeHybrid, seed: 5)
        let r = world.run()
        #expect(world.topology.nodes.filter { $0.tier == .store }.allSatisfy { world.pools[Int($0.id.index)]?.slots == 8 })
        #expect(r.costItems.first { $0.component == "store_servers" }?.count == 6)
        let store = try #require(world.placement?.scheduler.cluster.nodes.first { $0.tier == .storeEdge })
        #expect(store.capacity == Resources(milliCPU: 16_000, memoryMiB: 32_000))
    }
}
