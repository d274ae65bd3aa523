import Foundation
import SimKernel

/// The scenario's `deployment:` section: the cloud inference fleet the
/// simulation runs and the bill prices, and the monthly price of the network
/// circuits the topology instantiates.
///
/// Every key is optional; ``keys`` lists them with their defaults, as
/// `Scenarios/README.md` does. The defaults autoscale the cloud fleet to the
/// 60% target the cost model used to size it from, so the reference results
/// move as little as the new model allows.
public struct DeploymentSection: Sendable, Hashable {
    /// How the cloud's inference pool is provisioned.
    public enum FleetKind: String, Sendable, Hashable, CaseIterable {
        /// `gpus` GPUs for the whole run.
        case fixed
        /// Between `min_gpus` and `max_gpus`, resized towards `target_utilization`.
        case autoscaled
    }

    public var fleet: FleetKind = .autoscaled
    /// The fixed fleet; the autoscaled fleet at the start of the run.
    public var gpus = 1
    /// Inference slots (concurrent frames) of one cloud GPU.
    public var slotsPerGPU = 1
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
    /// The section's keys, in the order `Scenarios/README.md` lists them.
    static let keys: [SectionKey<DeploymentSection>] = [
        SectionKey("cloud.fleet", default: "autoscaled") { reader, at, s in
            if let v = reader.choice(at, FleetKind.allCases.map(\.rawValue), what: "a fleet").flatMap(FleetKind.init) { s.fleet = v }
        },
        SectionKey("cloud.gpus", default: "1") { reader, at, s in
            if let v = reader.int(at, min: 1, max: 1_000_000) { s.gpus = v }
        },
        SectionKey("cloud.slots_per_gpu", default: "1") { reader, at, s in
            if let v = reader.int(at, min: 1, max: 1_000_000) { s.slotsPerGPU = v }
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
}

extension ScenarioReader {
    func readDeployment(_ at: Located) -> DeploymentSection? {
        let before = issues.count
        var section = DeploymentSection()
        let present = readSection(at, keys: DeploymentSection.keys, into: &section)
        if section.minGPUs > section.maxGPUs {
            let where_ = present.first { $0.key == "cloud.min_gpus" }?.at ?? at
            report(.inconsistent, where_, "min_gpus (\(section.minGPUs)) is above max_gpus (\(section.maxGPUs))")
        } else if section.fleet == .autoscaled, !(section.minGPUs...section.maxGPUs).contains(section.gpus) {
            let where_ = present.first { $0.key == "cloud.gpus" }?.at ?? at
            report(.inconsistent, where_, "an autoscaled fleet starts with gpus (\(section.gpus)) between min_gpus (\(section.minGPUs)) and max_gpus (\(section.maxGPUs))")
        }
        return issues.count == before ? section : nil
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
