import Foundation
import Scenario
import SimNetwork
import Testing
@testable import Workloads

/// For every shipped scenario and arm: the nodes and circuits the simulation
/// instantiates, derived from the scenario alone (the topology's counts, the
/// servers behind each node, the arm, the cloud fleet), are exactly what the
/// bill prices, for the hours they exist; and every GPU the bill contains
/// was a simulated server. Each scenario runs as shipped (one server per
/// node) and with more servers behind each store node and aggregator.
@Suite("Shipped scenarios: the bill prices what is simulated")
struct ShippedBillTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Scenarios")

    /// Servers behind each store node and each aggregator, set over the scenario's own.
    static let moreServers = ["deployment.store.servers=2", "deployment.region.servers=3"]

    /// (file, arm, overrides): every arm of every retail scenario as shipped, and
    /// with ``moreServers`` (but the reference chain, the slowest, whose
    /// topology adds nothing the others lack).
    static var cases: [(String, Arm, [String])] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        // The retail scenarios: the key-value and probe worlds run no retail deployment to bill.
        return names.filter { $0.hasSuffix(".yaml") && $0 != "bad-example.yaml" }.sorted().filter { name in
            (try? ScenarioLoader.load(path: folder.appendingPathComponent(name).path))?.workload.kind == .retail
        }.flatMap { name in
            let variants = name == "retail-chain.yaml" ? [[]] : [[], moreServers]
            return variants.flatMap { sets in ((try? load(name).arms) ?? []).map { (name, $0, sets) } }
        }
    }

    /// The scenario, shortened to 40 simulated seconds (10 s of warm-up) without faults, with `sets` applied.
    static func load(_ name: String, _ sets: [String] = []) throws -> Scenario {
        let sets = ["duration=40s", "warmup=10s", "faults=[]"] + sets
        let overrides = try sets.map { (text: String) throws(ScenarioErrors) in try ScenarioOverride(parsing: text) }
        return try ScenarioLoader.load(path: folder.appendingPathComponent(name).path, overrides: overrides)
    }

    @Test("every shipped retail scenario is covered, every arm of it, and with more servers per node")
    func covered() {
        #expect(Set(Self.cases.map(\.0)) == ["clock-skew.yaml", "edge-failover.yaml", "retail-chain.yaml", "smoke.yaml",
                                                "store-partition.yaml", "uplink-outage.yaml"])
        #expect(Self.cases.filter(\.2.isEmpty).count >= 10)
        #expect(Set(Self.cases.filter { !$0.2.isEmpty }.map(\.0)).count == 5)
    }

    @Test("the bill prices exactly the simulated nodes, servers and circuits, and only simulated GPUs", arguments: cases)
    func billMatchesSimulation(file: String, arm: Arm, sets: [String]) throws {
        let s = try Self.load(file, sets)
        let t = s.topology, d = s.deployment
        let hours = s.costs.hoursPerMonth
        let stores = t.regions * t.storesPerRegion
        if !sets.isEmpty { #expect(d.store.servers == 2 && d.region.servers == 3) }

        // What the scenario says the simulation runs: each store node and
        // each aggregator is the servers behind it.
        let storeServers = stores * t.serversPerStore * d.store.servers, regionServers = t.regions * d.region.servers
        var expected: [String: (count: Int, unit: String, quantity: Decimal)] = [
            "cameras": (stores * t.camerasPerStore, "camera_month", Decimal(stores * t.camerasPerStore)),
            "regional_nodes": (regionServers, "node_hour", Decimal(regionServers) * hours),
            "regional_sites": (t.regions, "site_month", Decimal(t.regions)),
            "cloud_services": (t.cloudNodes, "node_hour", Decimal(t.cloudNodes) * hours),
        ]
        if arm.isEdge {
            expected["store_servers"] = (storeServers, "node_hour", Decimal(storeServers) * hours)
            expected["store_sites"] = (stores, "site_month", Decimal(stores))
        }
        // Circuits: one per server uplink to its region, one per region uplink,
        // one per pair of cloud nodes; the shipped scenarios add no extra links.
        #expect(t.extraLinks.isEmpty, "extend the derivation to extra links")
        let storeUp = d.circuit(bitsPerSecond: t.storeRegion.bandwidth), regionUp = d.circuit(bitsPerSecond: t.regionCloud.bandwidth)
        expected["store_uplinks"] = (stores * t.serversPerStore * storeUp.count, "circuit_month",
                                     Decimal(stores * t.serversPerStore * storeUp.count))
        expected["regional_uplinks"] = (t.regions * regionUp.count, "circuit_month", Decimal(t.regions * regionUp.count))
        // A cloud fleet exists where a cloud node runs inference: cloud-only, or any arm the scheduler places.
        let hasFleet = arm == .cloudOnly || s.scheduling != nil || arm.needsScheduler

        var world = try RetailWorld(scenario: s, arm: arm, seed: s.seed)
        let r = world.run()
        let nodeComponents = Set(r.costItems.filter { $0.unit != "GB" && $0.component != "cloud_gpus" }.map(\.component))
        #expect(nodeComponents == Set(expected.keys), "\(file) \(arm): priced \(nodeComponents.sorted())")
        for (component, want) in expected {
            let items = r.costItems.filter { $0.component == component }
            #expect(items.reduce(Decimal(0)) { $0 + ($1.count ?? 0) } == Decimal(want.count), "\(file) \(arm) \(component) count")
            #expect(items.allSatisfy { $0.unit == want.unit }, "\(file) \(arm) \(component) unit")
            #expect(items.reduce(Decimal(0)) { $0 + $1.quantity } == want.quantity, "\(file) \(arm) \(component) quantity")
        }
        // A server at its tier's price.
        #expect(r.costItems.filter { $0.component == "store_servers" }
            .allSatisfy { $0.unitPriceUSD == d.store.pricePerHour && $0.priceKey == "deployment.store.price" })
        #expect(r.costItems.filter { $0.component == "regional_nodes" }
            .allSatisfy { $0.unitPriceUSD == d.region.pricePerHour && $0.priceKey == "deployment.region.price" })
        // The circuit step each link is priced at is the one its bandwidth needs.
        #expect(r.costItems.filter { $0.component == "store_uplinks" }.allSatisfy { $0.unitPriceUSD == storeUp.step.usdPerMonth })
        #expect(r.costItems.filter { $0.component == "regional_uplinks" }.allSatisfy { $0.unitPriceUSD == regionUp.step.usdPerMonth })

        // The simulated nodes, counted in the topology the world ran.
        func simulated(_ tier: Tier) -> Int { world.topology.nodes.filter { $0.tier == tier }.count }
        #expect(simulated(.device) == expected["cameras"]!.count)
        #expect(simulated(.region) == t.regions && simulated(.cloud) == t.cloudNodes)
        #expect(simulated(.store) == stores * t.serversPerStore)
        // The servers behind each node, as the simulation ran them: its
        // inference pool, and the node the scheduler placed on.
        for node in world.topology.nodes {
            let servers: NodeServers
            switch node.tier {
            case .store: servers = d.store
            case .region: servers = d.region
            default: continue
            }
            if let pool = world.pools[Int(node.id.index)] {
                #expect(pool.slots == servers.servers * servers.slotsPerServer, "\(file) \(arm) \(node.name) slots")
            }
            if let placement = world.placement {
                let clusterNode = placement.scheduler.cluster.nodes[Int(placement.clusterNode[Int(node.id.index)])]
                #expect(clusterNode.capacity.milliCPU == Int64(servers.servers * servers.millicores), "\(file) \(arm) \(node.name) cpu")
                #expect(clusterNode.capacity == servers.capacity && clusterNode.name == node.name)
            }
        }
        let storePools = world.topology.nodes.filter { $0.tier == .store && world.pools[Int($0.id.index)] != nil }.count
        if storePools > 0 {
            #expect(value(r, "provisioned_store") == Double(storePools * d.store.servers), "\(file) \(arm) provisioned_store")
        }

        // GPUs: billed only where a fleet was simulated, for exactly its GPU-hours.
        let gpus = r.costItems.filter { $0.component == "cloud_gpus" }
        #expect(world.fleets.isEmpty == !hasFleet, "\(file) \(arm): fleet simulated \(!world.fleets.isEmpty), expected \(hasFleet)")
        #expect(r.fleetChanges.count == world.fleets.count)
        guard hasFleet else {
            #expect(gpus.isEmpty, "\(file) \(arm) bills GPUs no simulated fleet had")
            return
        }
        let billed = try #require(gpus.first)
        #expect(gpus.count == 1 && billed.unit == "gpu_hour" && billed.unitPriceUSD == d.cloudGPUPerHour)
        // The integral of every fleet's size over the measured window, scaled to the month.
        let from = s.warmup.nanoseconds, end = s.duration.nanoseconds
        var integral = Int64(0), largest = 0
        for changes in r.fleetChanges {
            var size = 0, at = Int64(0)
            for c in changes.sorted(by: { $0.at < $1.at }) {
                let t = min(max(c.at, from), end)
                integral += Int64(size) * (t - max(at, from))
                at = t
                size += c.delta
                largest = max(largest, size)
            }
            integral += Int64(size) * (end - max(at, from))
            #expect(size >= 0)
        }
        let gpuHours = Decimal(integral) * hours / Decimal(end - from)
        #expect(abs(billed.quantity - gpuHours) < Decimal(string: "1e-20")!, "\(file) \(arm): billed \(billed.quantity), simulated \(gpuHours)")
        // No more GPUs at any time than the simulation held, and no fewer than the fleet's minimum.
        let average = try #require(billed.count)
        #expect(average <= Decimal(largest) * Decimal(max(1, t.cloudNodes)))
        if d.fleet == .fixed {
            #expect(average == Decimal(d.gpus * r.fleetChanges.count))
        } else {
            #expect(average >= Decimal(d.minGPUs) - Decimal(string: "0.001")! && largest <= d.maxGPUs)
        }
        let provisioned = try #require(value(r, "provisioned_cloud"))
        #expect(abs(provisioned - NSDecimalNumber(decimal: average).doubleValue) < 0.001)
    }
}
