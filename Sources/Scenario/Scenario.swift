import Foundation
import SimKernel
import SimNetwork

/// One whole experiment, as read from a scenario file and validated.
///
/// Every field has a documented default (see `Scenarios/README.md`), so a
/// scenario file states only what differs. Durations are simulated time;
/// sizes are bytes; bandwidths are bits per second; money is exact decimal US
/// dollars.
public struct Scenario: Sendable {
    /// Names the results folder: `Results/<name>/`. Letters, digits, `-`, `_`.
    public var name: String
    public var description: String = ""
    /// Simulated time of one run, warm-up included.
    public var duration: SimDuration
    /// Simulated time at the start that no metric counts.
    public var warmup: SimDuration = .zero
    /// The master seed; repetition r runs with a seed derived from it and r.
    public var seed: UInt64 = 1
    /// Independent runs per arm.
    public var repetitions: Int = 1
    /// The arms to run, in this order.
    public var arms: [Arm] = Scenario.defaultArms
    /// The latency objective for inventory updates.
    public var sla: SimDuration = .seconds(2)
    /// Width of the buckets of timeseries.csv.
    public var timeseriesBucket: SimDuration = .minutes(1)
    public var topology: TopologySpec
    public var workload: WorkloadSpec = WorkloadSpec()
    public var costs: CostSpec = CostSpec()
    /// What a node of each tier is made of (store and regional servers, the
    /// cloud fleet) and the circuit prices (`deployment:`).
    public var deployment: DeploymentSection = DeploymentSection()
    public var faults: [FaultSpec] = []
    /// The replication library's settings; nil runs without replication.
    public var replication: ReplicationSection?
    /// The scheduler's settings; nil runs without a scheduler (except in the
    /// arms that need one, which use ``SchedulingSection/init()``).
    public var scheduling: SchedulingSection?
    /// What validation found questionable but not wrong (a fault that can
    /// have no effect, a deprecated spelling): the command line prints them
    /// on stderr before the run.
    public var warnings: [ScenarioIssue] = []

    /// Both arms, edge-hybrid first.
    public static let defaultArms: [Arm] = [.edgeHybrid, .cloudOnly]

    public init(name: String, duration: SimDuration, topology: TopologySpec) {
        self.name = name
        self.duration = duration
        self.topology = topology
    }
}

/// A way of deploying the same workload.
public enum Arm: String, Sendable, CaseIterable, Hashable {
    /// Inference and inventory at the store edge; deltas and alerts travel up.
    case edgeHybrid = "edge_hybrid"
    /// Frames travel to the cloud, where inference and the inventory live.
    case cloudOnly = "cloud_only"
    /// As edge-hybrid, with camera inference and the inventory service placed
    /// by the least-allocated baseline scheduler (scheduling always on).
    case leastAllocated = "least_allocated"
    /// As edge-hybrid, placed by the random baseline scheduler (seeded; scheduling always on).
    case random

    /// Whether the store edge holds the inventory and uploads deltas: every
    /// arm but cloud-only.
    public var isEdge: Bool { self != .cloudOnly }

    /// Whether the arm only makes sense with the scheduler placing its workloads.
    public var needsScheduler: Bool { self == .leastAllocated || self == .random }
}

/// One link's settings, as written under `topology.links` and in each extra link.
///
/// `latency` holds in both directions unless `latencyUp` or `latencyDown`
/// replaces it in one: up is child to parent at a tier boundary (and `a` to
/// `b` on an extra link), down the other way.
public struct LinkSettings: Sendable, Hashable {
    /// Propagation latency in both directions, in seconds when drawn.
    public var latency: Distribution
    /// Replaces `latency` in the up direction (child to parent, `a` to `b`).
    public var latencyUp: Distribution? = nil
    /// Replaces `latency` in the down direction (parent to child, `b` to `a`).
    public var latencyDown: Distribution? = nil
    /// Bits per second.
    public var bandwidth: Double
    public var loss: Double = 0
    public var queueLimitBytes: Int? = nil
    public var discipline: LinkDiscipline = .fifo
    /// Which messages may overtake which; default per flow, as a connection keeps order.
    public var ordering: LinkOrdering = .flow

    public init(latency: Distribution, bandwidth: Double) {
        self.latency = latency
        self.bandwidth = bandwidth
    }

    /// A direction of a link.
    public enum Direction: Sendable, Hashable {
        /// Child to parent at a tier boundary; `a` to `b` on an extra link.
        case up
        /// Parent to child; `b` to `a` on an extra link.
        case down
    }

    /// The network model's spec for one direction.
    public func spec(_ direction: Direction = .up) throws(LinkSpecError) -> LinkSpec {
        let drawn = direction == .up ? (latencyUp ?? latency) : (latencyDown ?? latency)
        return try LinkSpec(latency: drawn, bandwidth: bandwidth, loss: loss, queueLimitBytes: queueLimitBytes,
                            discipline: discipline, ordering: ordering)
    }
}

/// The deployment's shape and links.
public struct TopologySpec: Sendable, Hashable {
    public var regions: Int
    public var storesPerRegion: Int
    /// Cameras per store (each is a device node).
    public var camerasPerStore: Int
    public var cloudNodes: Int = 1
    /// Edge servers per store: "store-S" and, beyond the first,
    /// "store-S/server-K", each with its own uplink to the region and a LAN
    /// link to "store-S" (the cameras' server).
    public var serversPerStore: Int = 1
    /// Device to store links (up: device to store).
    public var deviceStore: LinkSettings
    /// Store to region links (up: store to region).
    public var storeRegion: LinkSettings
    /// Region to cloud links (up: region to cloud).
    public var regionCloud: LinkSettings
    /// Links beyond the tree: store-to-store peers, second uplinks.
    public var extraLinks: [ExtraLink] = []

    public init(regions: Int, storesPerRegion: Int, camerasPerStore: Int,
                deviceStore: LinkSettings, storeRegion: LinkSettings, regionCloud: LinkSettings) {
        self.regions = regions
        self.storesPerRegion = storesPerRegion
        self.camerasPerStore = camerasPerStore
        self.deviceStore = deviceStore
        self.storeRegion = storeRegion
        self.regionCloud = regionCloud
    }
}

/// A link beyond the generated tree, between two named nodes.
public struct ExtraLink: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// Same tier, both ways (store to store).
        case peer
        /// A further uplink of `a` to `b` one tier up.
        case uplink
    }
    public var kind: Kind
    /// Node names as generated: "store-3", "region-0", "cloud-0", "device-3-7".
    public var a: String
    public var b: String
    public var settings: LinkSettings

    public init(kind: Kind, a: String, b: String, settings: LinkSettings) {
        self.kind = kind
        self.a = a
        self.b = b
        self.settings = settings
    }
}

/// Where a camera's frames are analysed in the edge-hybrid arm.
public enum InferenceSite: String, Sendable, Hashable {
    case device
    case store
}

/// Which application loads the deployment.
public enum WorkloadKind: String, Sendable, Hashable, CaseIterable {
    /// The retail inventory application (cameras, shelves, deltas, alerts).
    case retail
    /// The replication library alone, under a synthetic key-value load or
    /// the probe experiment (``KeyValueWorkloadSpec``).
    case keyvalue
}

/// The key-value workload: the replication library with no application
/// around it (`workload: {kind: keyvalue, ...}`).
public struct KeyValueWorkloadSpec: Sendable, Hashable {
    /// What the clients do.
    public enum Mode: String, Sendable, Hashable, CaseIterable {
        /// Writing stores write their own keys at a rate; the replication
        /// section's readers read (the group is `replication.group`).
        case load
        /// Probes: the writer writes a fresh key, and after each delay of
        /// ``probeDelays`` from the acknowledgement a reader reads it.
        case probe
    }
    public var mode = Mode.probe
    /// Probe mode: the replica nodes, in replica-id order (the group).
    public var replicas: [String] = []
    /// The writing nodes: in probe mode exactly one; in load mode stores
    /// (empty: every store).
    public var writers: [String] = []
    /// Probe mode: the read at delay index d is issued by `readers[d mod count]`.
    /// Reads from one reader share its connections, so order kept per flow
    /// ties them together: give one reader per delay to keep them independent.
    public var readers: [String] = []
    /// Probe mode: the delays after a write's acknowledgement at which it is read.
    public var probeDelays: [SimDuration] = [.zero, .milliseconds(1), .milliseconds(10), .milliseconds(100), .seconds(1)]
    /// Probe mode: how many probes.
    public var probes = 1_000
    /// Probe mode: between two probes' writes.
    public var probeInterval = SimDuration.milliseconds(500)
    /// Probe mode: when the first probe writes (after the failure detectors settle).
    public var probeStart = SimDuration.seconds(1)
    /// Load mode: keys per writing store.
    public var keysPerStore = 20
    /// Load mode: writes per second by each writing store.
    public var writeRate: Double = 1

    public init() {}

    /// When the last probe's last read has been issued, plus `settle` for its answer.
    public func probesEnd(settle: SimDuration) -> SimDuration {
        probeStart + probeInterval * Int64(max(0, probes - 1)) + (probeDelays.max() ?? .zero) + settle
    }
}

/// The workload: the retail inventory application by default, or the
/// key-value workload (``kind``).
public struct WorkloadSpec: Sendable, Hashable {
    /// Which application; the retail keys below apply to ``WorkloadKind/retail`` only.
    public var kind = WorkloadKind.retail
    /// The key-value workload's settings (``WorkloadKind/keyvalue``).
    public var keyValue = KeyValueWorkloadSpec()
    /// Distinct products on the shelves of one store.
    public var skusPerStore: Int = 200
    /// Units a full shelf holds (stock at start and after a restock).
    public var shelfCapacity: Int = 40
    /// A shelf at or below this many units is a stockout to alert on.
    public var stockoutThreshold: Int = 5
    /// Customer purchases per SKU per hour (a Poisson process each).
    public var purchasesPerSkuPerHour: Double = 6
    /// From a shelf reaching its threshold until staff refill it; seconds when drawn.
    public var restockDelay: Distribution = try! .lognormal(median: 1_200, sigma: 0.4)
    /// Between two frames a camera analyses for shelf stock.
    public var frameInterval: SimDuration = .seconds(5)
    /// Bytes of one frame sent for inference; drawn per frame.
    public var frameBytes: Distribution = try! .lognormal(median: 150_000, sigma: 0.3)
    /// Bytes of one detection result (shelf counts of one frame).
    public var detectionBytes: Int = 512
    /// Bytes of one priority alert.
    public var alertBytes: Int = 256
    /// Edge-hybrid arm: where frames are analysed.
    public var inferenceSite: InferenceSite = .store
    /// Inference time of one frame, seconds when drawn, per tier where it may run.
    public var inferenceTime: InferenceTimes = InferenceTimes()
    /// Frames a camera analyses at once (`inference_site: device`); the
    /// other tiers' pools are the deployment's (``DeploymentSection/inferenceSlots(_:)``).
    public var inferenceSlots: InferenceSlots = InferenceSlots()
    /// Edge-hybrid arm: how often a store uploads its inventory delta.
    public var uploadInterval: SimDuration = .minutes(5)
    /// Edge-hybrid arm: bytes of unacknowledged changes a store (or a region
    /// forwarding them) keeps; beyond it the oldest are dropped and counted.
    public var outboxLimitBytes: Int = 1 << 20
    /// Which tiers keep their upload outbox across a crash.
    public var durable = Durability()
    /// Cloud-only arm: what the cloud sends back to the store and the region.
    public var storeFeedback: StoreFeedback = .none
    /// The consumers whose views are measured.
    public var consumers: [Consumer] = Consumer.allCases

    public init() {}
}

public struct InferenceTimes: Sendable, Hashable {
    public var device: Distribution = try! .lognormal(median: 0.080, sigma: 0.25)
    public var store: Distribution = try! .lognormal(median: 0.025, sigma: 0.25)
    public var cloud: Distribution = try! .lognormal(median: 0.015, sigma: 0.25)
    public init() {}
}

/// `workload.inference_slots`: the camera's pool. Its `store` and `cloud`
/// keys are read as `deployment.store.slots_per_server` and
/// `deployment.region.slots_per_server`.
public struct InferenceSlots: Sendable, Hashable {
    /// Frames one camera analyses at once.
    public var device: Int = 1
    public init() {}
}

/// The price of traffic across one tier boundary in one direction.
public struct TransferPrice: Sendable, Hashable {
    public var from: Tier
    public var to: Tier
    /// US dollars per GB (10^9 bytes).
    public var usdPerGB: Decimal

    public init(from: Tier, to: Tier, usdPerGB: Decimal) {
        self.from = from
        self.to = to
        self.usdPerGB = usdPerGB
    }
}

/// One step of a tiered price. Boundaries are cumulative monthly volumes
/// counted from the month's first GB: a tier prices the GB from the previous
/// tier's `upToGB` (0 for the first) up to its own (nil: everything beyond),
/// except those the free allowance covers, which are the month's first GB.
/// With a 100 GB allowance and a first tier up to 10,240 GB, the first tier
/// bills 10,140 GB at most.
public struct PriceTier: Sendable, Hashable {
    public var upToGB: Decimal?
    public var usdPerGB: Decimal

    public init(upToGB: Decimal?, usdPerGB: Decimal) {
        self.upToGB = upToGB
        self.usdPerGB = usdPerGB
    }
}

/// Prices, priced the way cloud bills are. Defaults are illustrative list
/// prices, documented in `Scenarios/README.md`; no price list fits every
/// contract. The prices of servers and GPUs are the deployment's
/// (``DeploymentSection``), beside what they are.
public struct CostSpec: Sendable, Hashable {
    /// Hours in a billing month.
    public var hoursPerMonth: Decimal = 730
    /// Per-GB prices per boundary and direction (private WAN, transit).
    public var transfer: [TransferPrice] = [
        TransferPrice(from: .store, to: .region, usdPerGB: Decimal(string: "0.02")!),
        TransferPrice(from: .region, to: .store, usdPerGB: Decimal(string: "0.02")!),
        TransferPrice(from: .region, to: .cloud, usdPerGB: Decimal(string: "0.01")!),
    ]
    /// The directions whose traffic, summed, is priced as tiered egress
    /// (by default cloud to region).
    public var egressDirections: [TierDirection] = [TierDirection(from: .cloud, to: .region)]
    /// Egress: the month's first GB that cost nothing.
    public var cloudEgressFreeGB: Decimal = 100
    public var cloudEgressTiers: [PriceTier] = [
        PriceTier(upToGB: 10_240, usdPerGB: Decimal(string: "0.09")!),
        PriceTier(upToGB: 51_200, usdPerGB: Decimal(string: "0.085")!),
        PriceTier(upToGB: 153_600, usdPerGB: Decimal(string: "0.07")!),
        PriceTier(upToGB: nil, usdPerGB: Decimal(string: "0.05")!),
    ]
    /// Per-hour price of the cloud's always-on inventory service.
    public var cloudServicePerHour: Decimal = Decimal(string: "0.80")!
    /// Site costs amortised per month: store edge hardware, per store.
    public var storeSitePerMonth: Decimal = 150
    /// Site costs amortised per month: regional aggregator rack, per region.
    public var regionSitePerMonth: Decimal = 2_000

    public init() {}
}

/// One direction across one tier boundary.
public struct TierDirection: Sendable, Hashable {
    public var from: Tier
    public var to: Tier
    public init(from: Tier, to: Tier) {
        self.from = from
        self.to = to
    }
}

/// A named pair of nodes whose connection a fault acts on.
public struct LinkRef: Sendable, Hashable {
    public var a: String
    public var b: String
    public init(a: String, b: String) {
        self.a = a
        self.b = b
    }
}

/// One event of the fault timeline. Faults with a duration end by themselves.
public struct FaultSpec: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Cut both directions of the connection between two nodes.
        case cut(LinkRef)
        /// Cut every connection between the two sets of nodes.
        case partition([String], [String])
        /// Crash a node (volatile state lost) and, after the duration, restart it.
        case crash(String)
        /// Degrade a connection: latency × factor, bandwidth × factor, loss + extra.
        case degrade(LinkRef, latencyFactor: Double, bandwidthFactor: Double, extraLoss: Double)
        /// Set a node's clock offset and drift (parts per million); no duration.
        case clock(String, offset: SimDuration, driftPPM: Double)
    }
    /// When it starts, from the start of the run.
    public var at: SimDuration
    /// How long it lasts; nil for faults that do not end (clock settings) or
    /// last to the end of the run.
    public var duration: SimDuration?
    public var kind: Kind
    /// The line of the scenario file that declares it, for messages.
    public var line: Int?

    public init(at: SimDuration, duration: SimDuration?, kind: Kind, line: Int? = nil) {
        self.at = at
        self.duration = duration
        self.kind = kind
        self.line = line
    }
}
