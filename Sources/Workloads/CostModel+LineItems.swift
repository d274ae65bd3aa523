import Foundation
import Scenario
import SimNetwork

/// What one arm's simulation instantiated, as the bill needs it.
struct BilledDeployment {
    /// Cloud GPU-nanoseconds provisioned during the measured window, over all cloud nodes.
    var gpuNanoseconds: Int64
    /// Whether any cloud node ran an inference pool (a fleet to bill).
    var hasCloudFleet: Bool
}

extension CostModel {
    /// The itemised monthly bill of one arm.
    ///
    /// Nodes and circuits are those `topology` instantiates: every camera;
    /// the store servers and store sites in edge arms (in cloud-only the store
    /// node only forwards: it is the uplink's router, priced with the
    /// circuit); every regional aggregator and its site, and every cloud
    /// node's inventory service, in every arm (cloud-only routes through
    /// them too); every store uplink, regional uplink and store-to-store link
    /// (in-store LAN links are not circuits); the cloud GPUs for the hours the
    /// simulated fleet held them. A store node or an aggregator is priced as
    /// the servers `deployment` puts behind it (`deployment.store.servers`,
    /// `deployment.region.servers`), the servers whose slots the simulation
    /// pooled there and whose CPU the scheduler placed on. Traffic is billed per boundary and
    /// direction as the measured bytes extrapolated to the month.
    func lineItems(arm: Arm, topology: Topology, deployment: DeploymentSection, billed: BilledDeployment,
                   traffic: [BoundaryTraffic]) -> [CostLineItem] {
        let hours = spec.hoursPerMonth
        var items: [CostLineItem] = []
        func count(_ tier: Tier) -> Int { topology.nodes.reduce(0) { $0 + ($1.tier == tier ? 1 : 0) } }
        func node(_ component: String, _ tier: Tier, _ n: Int, perHour: Decimal, key: String) {
            items.append(CostLineItem(component: component, tier: "\(tier)", count: Decimal(n), unit: "node_hour",
                                      unitPriceUSD: perHour, quantity: Decimal(n) * hours, priceKey: key))
        }
        /// Every node of a server tier, priced server by server.
        func servers(_ component: String, _ tier: Tier, _ servers: NodeServers, key: String) {
            node(component, tier, count(tier) * servers.servers, perHour: servers.pricePerHour, key: key)
        }
        func monthly(_ component: String, _ tier: Tier, _ n: Int, unit: String, perMonth: Decimal, key: String) {
            items.append(CostLineItem(component: component, tier: "\(tier)", count: Decimal(n), unit: unit,
                                      unitPriceUSD: perMonth, quantity: Decimal(n), priceKey: key))
        }

        monthly("cameras", .device, count(.device), unit: "camera_month", perMonth: deployment.cameraPerMonth,
                key: "deployment.camera")
        if arm.isEdge {
            servers("store_servers", .store, deployment.store, key: "deployment.store.price")
            let sites = Set(topology.nodes.compactMap { $0.tier == .store ? $0.store : nil }).count
            monthly("store_sites", .store, sites, unit: "site_month", perMonth: spec.storeSitePerMonth, key: "costs.store_site")
        }
        servers("regional_nodes", .region, deployment.region, key: "deployment.region.price")
        monthly("regional_sites", .region, count(.region), unit: "site_month", perMonth: spec.regionSitePerMonth,
                key: "costs.region_site")

        // Circuits, grouped by kind and price step, in step order.
        var circuits: [String: [Int: Int]] = [:]
        for c in topology.connections {
            let a = topology[c.a], b = topology[c.b]
            let kind: String
            if a.tier == .store && b.tier == .store {
                if a.store != nil && a.store == b.store { continue }   // in-store LAN
                kind = "store_peer_links"
            } else if Set([a.tier, b.tier]) == [.store, .region] {
                kind = "store_uplinks"
            } else if Set([a.tier, b.tier]) == [.region, .cloud] {
                kind = "regional_uplinks"
            } else if a.tier == .device || b.tier == .device {
                continue   // camera to store: in-store Ethernet
            } else {
                kind = "other_links"
            }
            let (n, step) = deployment.circuit(bitsPerSecond: max(c.forwardSpec.bandwidth, c.reverseSpec.bandwidth))
            let index = deployment.circuits.firstIndex(of: step)!
            circuits[kind, default: [:]][index, default: 0] += n
        }
        for kind in ["store_uplinks", "regional_uplinks", "store_peer_links", "other_links"] {
            guard let steps = circuits[kind] else { continue }
            for index in steps.keys.sorted() {
                let step = deployment.circuits[index]
                items.append(CostLineItem(component: kind, tier: Self.bandwidthText(step.bitsPerSecond),
                                          count: Decimal(steps[index]!), unit: "circuit_month", unitPriceUSD: step.usdPerMonth,
                                          quantity: Decimal(steps[index]!), priceKey: "deployment.circuits[\(index)]"))
            }
        }

        let clouds = count(.cloud)
        node("cloud_services", .cloud, clouds, perHour: spec.cloudServicePerHour, key: "costs.cloud_service")
        if billed.hasCloudFleet {
            let gpuHours = Decimal(billed.gpuNanoseconds) * scale / 3_600_000_000_000
            items.append(CostLineItem(component: "cloud_gpus", tier: "cloud",
                                      count: CostLineItem.round(gpuHours / hours, places: 3), unit: "gpu_hour",
                                      unitPriceUSD: deployment.cloudGPUPerHour, quantity: gpuHours,
                                      priceKey: "deployment.cloud.price"))
        }

        func bytes(_ from: Tier, _ to: Tier) -> Int {
            traffic.filter { $0.from == from && $0.to == to }.reduce(0) { $0 + Self.billedBytes($1.counters) }
        }
        for (i, price) in spec.transfer.enumerated() {
            items.append(CostLineItem(component: "transfer", tier: "\(price.from)->\(price.to)", count: nil, unit: "GB",
                                      unitPriceUSD: price.usdPerGB, quantity: monthlyGB(bytes(price.from, price.to)),
                                      priceKey: "costs.transfer[\(i)]"))
        }
        let egressBytes = spec.egressDirections.reduce(0) { $0 + bytes($1.from, $1.to) }
        let portions = egressPortions(monthlyGB(egressBytes))
        items.append(CostLineItem(component: "egress", tier: "free", count: nil, unit: "GB", unitPriceUSD: 0,
                                  quantity: portions.free, priceKey: "costs.cloud_egress.free"))
        for (i, (portion, tier)) in zip(portions.tiers, spec.cloudEgressTiers).enumerated() {
            items.append(CostLineItem(component: "egress", tier: "tier-\(i + 1)", count: nil, unit: "GB",
                                      unitPriceUSD: tier.usdPerGB, quantity: portion, priceKey: "costs.cloud_egress.tiers[\(i)]"))
        }
        return items
    }

    /// "100Mbps", "10Gbps": a circuit step as the scenario writes it.
    static func bandwidthText(_ bps: Double) -> String {
        for (unit, factor) in [("Gbps", 1e9), ("Mbps", 1e6), ("Kbps", 1e3)] where bps >= factor && (bps / factor).rounded() == bps / factor {
            return "\(Int(bps / factor))\(unit)"
        }
        return "\(Int(bps))bps"
    }
}
