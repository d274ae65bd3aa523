import Foundation
import Scheduling
import SimKernel
import SimNetwork

/// The scenario's `deployment:` section: what one node of each tier is made
/// of (the servers behind a store node or a regional aggregator, the GPUs of
/// the cloud fleet), which the simulation runs, the scheduler places on and
/// the bill prices alike, and the monthly price of the network circuits the
/// topology instantiates.
///
/// Every key is optional; ``keys`` lists them with their defaults, as
/// `Scenarios/README.md` does. The defaults are the values the separate
/// keys this section replaces had (``aliases``), so results read the same.
/// The defaults autoscale the cloud fleet to the 60% target the cost model
/// used to size it from, so the reference results move as little as the new
/// model allows.
public struct DeploymentSection: Sendable, Hashable {
    /// How the cloud's inference pool is provisioned.
    public enum FleetKind: String, Sendable, Hashable, CaseIterable {
        /// `gpus` GPUs for the whole run.
        case fixed
        /// Between `min_gpus` and `max_gpus`, resized towards `target_utilization`.
        case autoscaled
    }

    /// The servers behind each store node (`store-S`, `store-S/server-K`).
    public var store = NodeServers(slotsPerServer: 8, millicores: 16_000, pricePerHour: Decimal(string: "0.35")!)
    /// The servers behind each regional aggregator.
    public var region = NodeServers(slotsPerServer: 256, millicores: 64_000, pricePerHour: Decimal(string: "2.50")!)

    public var fleet: FleetKind = .autoscaled
    /// The fixed fleet; the autoscaled fleet at the start of the run.
    public var gpus = 1
    /// Inference slots (concurrent frames) of one cloud GPU.
    public var slotsPerGPU = 1
    /// CPU of one GPU's instance in millicores, as the scheduler counts it.
    /// The default, ten thousand cores, is the capacity the scheduler gave a
    /// whole cloud node before the fleet described it: practically unbounded.
    public var cloudMillicoresPerGPU = 10_000_000
    /// Memory of one GPU's instance in MiB; nil: 2 MiB per millicore.
    public var cloudMemoryMiBPerGPU: Int64?
    /// Price of one GPU (its instance) per hour.
    public var cloudGPUPerHour = Decimal(string: "1.20")!
    /// Autoscaled: the busy fraction of the provisioned slots it steers to.
    public var targetUtilization = 0.6
    public var minGPUs = 1
    public var maxGPUs = 4_096
    /// Autoscaled: from the decision to add GPUs until they serve frames.
    public var scaleUpDelay: SimDuration = .minutes(2)
    /// Autoscaled: how long the fleet must stay too large before GPUs are removed.
    public var scaleDownDelay: SimDuration = .minutes(5)
    /// Autoscaled: the period over which utilisation is measured, and of the decisions.
    public var window: SimDuration = .minutes(1)
    /// Monthly price of one circuit by bandwidth step, ascending.
    public var circuits: [CircuitPrice] = DeploymentSection.defaultCircuits
    /// Monthly price of one camera (device node); the same in every arm.
    public var cameraPerMonth: Decimal = 0

    /// Illustrative carrier list prices of a dedicated circuit.
    public static let defaultCircuits: [CircuitPrice] = [
        CircuitPrice(bitsPerSecond: 10e6, usdPerMonth: 100),
        CircuitPrice(bitsPerSecond: 100e6, usdPerMonth: 300),
        CircuitPrice(bitsPerSecond: 1e9, usdPerMonth: 900),
        CircuitPrice(bitsPerSecond: 10e9, usdPerMonth: 4_000),
        CircuitPrice(bitsPerSecond: 100e9, usdPerMonth: 25_000),
    ]

    public init() {}

    /// Frames one node of `tier` analyses at once: servers × slots per
    /// server at a store node or an aggregator, the starting fleet's GPUs ×
    /// slots per GPU at a cloud node; nil for devices (cameras, whose pool is
    /// `workload.inference_slots.device`).
    public func inferenceSlots(_ tier: Tier) -> Int? {
        switch tier {
        case .device: nil
        case .store: store.slots
        case .region: region.slots
        case .cloud: gpus * slotsPerGPU
        }
    }

    /// What one node of `tier` offers the scheduler and what running it
    /// costs per hour: the servers of a store node or an aggregator; at a
    /// cloud node, the fleet's GPUs at the start (`cloud.gpus`) × one GPU's
    /// CPU, memory and price. Nil for devices, which are not nodes of the
    /// cluster.
    public func clusterNode(_ tier: Tier) -> (capacity: Resources, pricePerHour: Decimal)? {
        switch tier {
        case .device: return nil
        case .store: return (store.capacity, store.nodePricePerHour)
        case .region: return (region.capacity, region.nodePricePerHour)
        case .cloud:
            let memory = cloudMemoryMiBPerGPU ?? NodeServers.memoryMiB(millicores: cloudMillicoresPerGPU)
            return (Resources(milliCPU: Int64(gpus) * Int64(cloudMillicoresPerGPU), memoryMiB: Int64(gpus) * memory),
                    Decimal(gpus) * cloudGPUPerHour)
        }
    }

    /// The circuits one link of `bitsPerSecond` needs and the price of one:
    /// the first step at least that fast; beyond the fastest step, as many of
    /// the fastest as carry it.
    public func circuit(bitsPerSecond: Double) -> (count: Int, step: CircuitPrice) {
        if let step = circuits.first(where: { $0.bitsPerSecond >= bitsPerSecond }) { return (1, step) }
        let top = circuits[circuits.count - 1]
        return (Int((bitsPerSecond / top.bitsPerSecond).rounded(.up)), top)
    }
}

/// One step of the circuit price table: a circuit of up to `bitsPerSecond`
/// costs `usdPerMonth`.
public struct CircuitPrice: Sendable, Hashable {
    public var bitsPerSecond: Double
    public var usdPerMonth: Decimal

    public init(bitsPerSecond: Double, usdPerMonth: Decimal) {
        self.bitsPerSecond = bitsPerSecond
        self.usdPerMonth = usdPerMonth
    }
}

extension DeploymentSection {
    /// The keys of one server tier (`store`, `region`), read into `tier`.
    ///
    /// - Parameter price: the default price as the documentation writes it.
    private static func serverKeys(_ name: String, _ tier: WritableKeyPath<DeploymentSection, NodeServers> & Sendable,
                                   _ defaults: NodeServers, price: String) -> [SectionKey<DeploymentSection>] {
        [
            SectionKey("\(name).servers", default: "\(defaults.servers)") { reader, at, s in
                if let v = reader.int(at, min: 1, max: maxServers) { s[keyPath: tier].servers = v }
            },
            SectionKey("\(name).slots_per_server", default: "\(defaults.slotsPerServer)") { reader, at, s in
                if let v = reader.int(at, min: 1, max: 1_000_000) { s[keyPath: tier].slotsPerServer = v }
            },
            SectionKey("\(name).cpu", default: "\(defaults.millicores)") { reader, at, s in
                if let v = reader.millicores(at) { s[keyPath: tier].millicores = v }
            },
            SectionKey("\(name).memory", default: memoryDefault) { reader, at, s in
                if let v = reader.memoryMiB(at) { s[keyPath: tier].memoryMiB = v }
            },
            SectionKey("\(name).price", default: price) { reader, at, s in
                if let v = reader.price(at, per: .hour) { s[keyPath: tier].pricePerHour = v }
            },
        ]
    }

    /// Most servers behind one node.
    static let maxServers = 10_000
    /// The documented default of every `memory` key.
    static let memoryDefault = "2MiB per millicore"

    /// The section's keys, in the order `Scenarios/README.md` lists them.
    static let keys: [SectionKey<DeploymentSection>] = serverKeys("store", \.store, DeploymentSection().store, price: "$0.35/h")
        + serverKeys("region", \.region, DeploymentSection().region, price: "$2.50/h") + [
        SectionKey("cloud.fleet", default: "autoscaled") { reader, at, s in
            if let v = reader.choice(at, FleetKind.allCases.map(\.rawValue), what: "a fleet").flatMap(FleetKind.init) { s.fleet = v }
        },
        SectionKey("cloud.gpus", default: "1") { reader, at, s in
            if let v = reader.int(at, min: 1, max: 1_000_000) { s.gpus = v }
        },
        SectionKey("cloud.slots_per_gpu", default: "1") { reader, at, s in
            if let v = reader.int(at, min: 1, max: 1_000_000) { s.slotsPerGPU = v }
        },
        SectionKey("cloud.cpu", default: "10000000") { reader, at, s in
            if let v = reader.millicores(at) { s.cloudMillicoresPerGPU = v }
        },
        SectionKey("cloud.memory", default: memoryDefault) { reader, at, s in
            if let v = reader.memoryMiB(at) { s.cloudMemoryMiBPerGPU = v }
        },
        SectionKey("cloud.price", default: "$1.20/h") { reader, at, s in
            if let v = reader.price(at, per: .hour) { s.cloudGPUPerHour = v }
        },
        SectionKey("cloud.target_utilization", default: "60%") { reader, at, s in
            if let v = reader.probability(at), reader.check(v > 0, at, "must be more than zero") { s.targetUtilization = v }
        },
        SectionKey("cloud.min_gpus", default: "1") { reader, at, s in
            if let v = reader.int(at, min: 1, max: 1_000_000) { s.minGPUs = v }
        },
        SectionKey("cloud.max_gpus", default: "4096") { reader, at, s in
            if let v = reader.int(at, min: 1, max: 1_000_000) { s.maxGPUs = v }
        },
        SectionKey("cloud.scale_up_delay", default: "2m") { reader, at, s in
            if let v = reader.duration(at) { s.scaleUpDelay = v }
        },
        SectionKey("cloud.scale_down_delay", default: "5m") { reader, at, s in
            if let v = reader.duration(at) { s.scaleDownDelay = v }
        },
        SectionKey("cloud.window", default: "1m") { reader, at, s in
            if let v = reader.positiveDuration(at) { s.window = v }
        },
        SectionKey("circuits", default: "10Mbps $100, 100Mbps $300, 1Gbps $900, 10Gbps $4000, 100Gbps $25000") { reader, at, s in
            if let v = reader.readCircuits(at) { s.circuits = v }
        },
        SectionKey("camera", default: "$0/month") { reader, at, s in
            if let v = reader.price(at, per: .month) { s.cameraPerMonth = v }
        },
    ]

    /// The keys elsewhere that described the deployment before this section
    /// did, and the key of this section each is now (relative to
    /// `deployment`). Still read, with a warning; a file that sets one and
    /// its new key both is wrong.
    public static let aliases: [(old: String, new: String)] = [
        ("workload.inference_slots.store", "store.slots_per_server"),
        ("workload.inference_slots.cloud", "region.slots_per_server"),
        ("costs.store_server", "store.price"),
        ("costs.region_aggregator", "region.price"),
        ("costs.cloud_gpu", "cloud.price"),
        ("scheduling.store_server_cpu", "store.cpu"),
        ("scheduling.region_cpu", "region.cpu"),
        ("scheduling.cloud_cpu", "cloud.cpu"),
    ]
}

extension ScenarioReader {
    /// The `deployment:` section (`at`, nil when the file has none) with
    /// the old keys read elsewhere (``deploymentAliases``) applied where the
    /// section does not set their new key; nil when anything is wrong.
    func readDeployment(_ at: Located?) -> DeploymentSection? {
        let before = issues.count
        var section = DeploymentSection()
        let present = at.map { readSection($0, keys: DeploymentSection.keys, into: &section) } ?? []
        for alias in deploymentAliases {
            let new = "deployment.\(alias.key)"
            if let given = present.first(where: { $0.key == alias.key }) {
                report(.duplicate, alias.at, "`\(alias.at.path)` is the old name of `\(new)`, which line \(given.at.line) "
                    + "sets too; write only `\(new)`")
                continue
            }
            guard let key = DeploymentSection.keys.first(where: { $0.name == alias.key }) else {
                preconditionFailure("no deployment key \(alias.key)")
            }
            key.read(self, alias.at, &section)
            warn(.deprecated, path: alias.at.path, line: alias.at.line,
                 "`\(alias.at.path)` is now `\(new)`; the old name still works")
        }
        // The fleet's bounds, which only the section itself sets.
        guard let at else { return issues.count == before ? section : nil }
        if section.minGPUs > section.maxGPUs {
            let where_ = present.first { $0.key == "cloud.min_gpus" }?.at ?? at
            report(.inconsistent, where_, "min_gpus (\(section.minGPUs)) is above max_gpus (\(section.maxGPUs))")
        } else if section.fleet == .autoscaled, !(section.minGPUs...section.maxGPUs).contains(section.gpus) {
            let where_ = present.first { $0.key == "cloud.gpus" }?.at ?? at
            report(.inconsistent, where_, "an autoscaled fleet starts with gpus (\(section.gpus)) between min_gpus (\(section.minGPUs)) and max_gpus (\(section.maxGPUs))")
        }
        return issues.count == before ? section : nil
    }

    /// Records an old key read where it used to belong (`at`, such as
    /// `costs.store_server`) as the deployment key `key` (`store.price`):
    /// ``readDeployment(_:)`` reads it there, once the section is read.
    func deploymentAlias(_ at: Located, _ key: String) {
        precondition(DeploymentSection.aliases.contains { $0.old == at.path && $0.new == key },
                     "\(at.path) is not an alias of deployment.\(key)")
        deploymentAliases.append((key, at))
    }

    /// Millicores of CPU, as the scheduler counts them.
    func millicores(_ at: Located) -> Int? {
        int(at, min: 1, max: 1_000_000_000, "a whole number of millicores")
    }

    /// Memory as the scheduler counts it: a size, a whole number of MiB,
    /// from 1 MiB to 1 PiB.
    func memoryMiB(_ at: Located) -> Int64? {
        guard let s = quantity(at, "a size such as \"32GiB\"", { (t: String) throws(UnitParseError) in try ByteSize(parsing: t) })
        else { return nil }
        let mib: Int64 = 1 << 20
        guard check(s.bytes >= mib && s.bytes <= 1 << 50, at, "must be from 1MiB to 1PiB, found \(s)") else { return nil }
        return check(s.bytes % mib == 0, at, "must be a whole number of MiB (the scheduler counts memory in MiB), found \(s)")
            ? s.bytes / mib : nil
    }

    /// A list of `{bandwidth, price}`, bandwidths strictly rising.
    func readCircuits(_ at: Located) -> [CircuitPrice]? {
        guard let items = list(at, what: "a list of {bandwidth, price}") else { return nil }
        guard check(!items.isEmpty, at, "needs at least one step") else { return nil }
        var steps: [CircuitPrice] = []
        var ok = true
        for item in items {
            guard let f = fields(item, allowed: ["bandwidth", "price"]) else { ok = false; continue }
            let bps = required(f, "bandwidth", "a bandwidth such as \"100Mbps\"").flatMap(bandwidth)
            let usd = required(f, "price", "a price per month such as \"$300/month\"").flatMap { price($0, per: .month) }
            guard let bps, let usd else { ok = false; continue }
            if let last = steps.last, bps <= last.bitsPerSecond {
                report(.inconsistent, item, "each bandwidth must be more than the one before")
                ok = false
                continue
            }
            steps.append(CircuitPrice(bitsPerSecond: bps, usdPerMonth: usd))
        }
        return ok ? steps : nil
    }
}
