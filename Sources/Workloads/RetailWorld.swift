import Foundation
import Metrics
import Scenario
import SimKernel
import SimNetwork

/// The retail inventory application on one arm of one replication.
///
/// Ground truth per store: shelves of SKUs whose stock falls with customer
/// purchases (one Poisson process per SKU, drawn as their superposition with a
/// uniform choice of SKU) and is refilled by staff some time after it reaches
/// the stockout threshold. Cameras capture frames of the shelves they watch at
/// a fixed interval (phase drawn per camera); a frame holds the true stock of
/// its SKUs at capture time.
///
/// - Edge-hybrid: frames are analysed at the store edge (or on the camera, which
///   then sends the detection to the store); the store edge holds the inventory,
///   alerts staff at once when a shelf is at or below its threshold, tells the
///   cloud too, and uploads a compressed inventory delta every upload interval.
/// - Cloud-only: frames travel through the store uplink and the region to the
///   cloud, which analyses them, holds the inventory and sends alerts back down.
///
/// Both arms draw the same ground truth and the same frames: every stream is
/// named after what it drives (`workload/store-17/purchases`,
/// `workload/store-17/camera-3/frames`), and neither arm draws from the other's.
public struct RetailWorld {
    let scenario: Scenario
    let arm: Arm
    let seed: UInt64
    let topology: Topology
    /// The clock and first events, until run() takes them.
    var initial: Simulation<RetailEvent>?
    var network: Network<RetailPayload>

    // Shape.
    let stores: Int
    let cameras: Int
    let skus: Int
    let camerasPerStore: Int
    let skusPerStore: Int
    let skusPerCamera: Int
    let storeNode: [NodeID]
    let cameraNode: [NodeID]
    /// The cloud node that serves each store (its region's parent).
    let cloudOfStore: [NodeID]

    // Ground truth.
    var stock: [Int32]
    /// When the current stockout episode began (ns), or -1.
    var stockoutSince: [Int64]
    var alertDelivered: [Bool]
    var lastAlertSent: [Int64]

    // The inventory as its holder knows it.
    var recorded: [Int32]
    var recordedAt: [Int64]

    // What each consumer sees, and the reliable uploads (RetailWorld+Uploads.swift).
    var views: ConsumerViews
    /// Edge arms: hop × stores + store (hop 0: the store's outbox to its
    /// region; hop 1: the region's outbox of that store to the cloud).
    var outboxes: [UploadOutbox] = []
    /// The last sequence applied by the receiver, per hop × stores + store (hops 2, 3: pushes).
    var lastApplied: [Int32]
    var deltaRecords: [DeltaRecord] = []
    var freeDeltaRecords: [UInt32] = []
    var uploads = UploadCounters()
    let retryStreams: [RandomStream]
    var feedbackSequence: [Int32]
    /// The regional aggregator of each store.
    let regionOfStore: [NodeID]
    /// Active faults touching each store's path to the cloud.
    var storeTouched: [Int32]
    /// Whether a stockout began while a fault touched its store.
    var stockoutTouched: [Bool]
    let warmupNanoseconds: Int64

    // Frames in flight: (camera, capture time, fault-active flag, crash epoch at admission), and their counts.
    struct Job {
        var camera: Int32
        var capturedAt: Int64
        /// Whether a fault touched the camera's store at capture.
        var duringFault: Bool
        var epoch: UInt32
        /// Holders of the slot: the frame's path, and per-update pushes in flight.
        var references: UInt8
    }
    var jobs: [Job] = []
    var jobCounts: [Int32] = []
    var freeJobs: [UInt32] = []

    // Compute.
    var pools: [InferencePool?]
    /// The GPUs behind each cloud node's pool (see InferenceFleet).
    var fleets: [InferenceFleet] = []
    var nodeCrashEpoch: [UInt32]
    let inferenceTime: [Distribution]   // by tier raw value
    var inferenceStreams: [RandomStream?]

    // Streams.
    let purchaseStreams: [RandomStream]
    let restockStreams: [RandomStream]
    let frameStreams: [RandomStream]
    let purchaseGap: Distribution

    // Faults.
    let timeline: FaultTimeline
    var activeFaults = 0
    var partitions: [Int: PartitionID] = [:]

    // Metrics.
    var recorder: RetailRecorder

    /// Called at the end of every timeseries bucket with the simulated time
    /// reached, for progress reports; it must not touch the world.
    public var onBucket: (@Sendable (SimTime) -> Void)?

    /// Called every 65,536 events, from the first (warm-up included), with
    /// the simulated time reached and the events handled, for progress
    /// reports; it must not touch the world.
    public var onEvents: (@Sendable (SimTime, Int) -> Void)?

    /// The replicas and their clients, when the scenario enables replication:
    /// stores write every inventory change through it (see ReplicaDriver).
    let replication: ReplicaDriverBox?

    /// The scheduler placing camera inference and inventory services, when
    /// the scenario has a `scheduling:` section or the arm is a scheduler baseline.
    let placement: PlacementDriver?

    /// Builds the world: topology, network, streams and the first events.
    ///
    /// - Parameter explain: record every placement decision (`placements.jsonl`).
    public init(scenario: Scenario, arm: Arm, seed: UInt64, explain: Bool = false) throws {
        self.scenario = scenario
        self.arm = arm
        self.seed = seed
        let t = scenario.topology
        let topology = try t.build()
        self.topology = topology
        network = Network(topology: topology, streams: RandomStreams(masterSeed: seed))

        let w = scenario.workload
        stores = t.regions * t.storesPerRegion
        camerasPerStore = t.camerasPerStore
        cameras = stores * camerasPerStore
        skusPerStore = w.skusPerStore
        skus = stores * skusPerStore
        skusPerCamera = camerasPerStore == 0 ? 0 : (skusPerStore + camerasPerStore - 1) / camerasPerStore
        storeNode = (0..<stores).map { topology.node(named: "store-\($0)")! }
        cameraNode = (0..<cameras).map { topology.node(named: "device-\($0 / t.camerasPerStore)-\($0 % t.camerasPerStore)")! }
        cloudOfStore = storeNode.map { s in
            var n = s
            while let p = topology[n].parent { n = p }
            return n
        }

        // Shelves start at levels drawn between just above the threshold and full,
        // as a store's shelves are at any moment.
        var stock = [Int32](repeating: 0, count: skus)
        let low = min(w.shelfCapacity, w.stockoutThreshold + 1)
        for s in 0..<stores {
            let levels = RandomStream(name: "workload/store-\(s)/initial-stock", masterSeed: seed, generator: .taus2)
            for k in 0..<w.skusPerStore {
                stock[s * w.skusPerStore + k] = Int32(low + levels.uniformInt(below: w.shelfCapacity - low + 1))
            }
        }
        self.stock = stock
        stockoutSince = Array(repeating: -1, count: skus)
        alertDelivered = Array(repeating: false, count: skus)
        lastAlertSent = Array(repeating: .min, count: skus)
        recorded = stock
        recordedAt = Array(repeating: -1, count: skus)
        regionOfStore = storeNode.map { topology[$0].parent! }
        storeTouched = Array(repeating: 0, count: stores)
        stockoutTouched = Array(repeating: false, count: skus)
        warmupNanoseconds = scenario.warmup.nanoseconds
        lastApplied = Array(repeating: 0, count: 4 * stores)
        feedbackSequence = Array(repeating: 0, count: stores)
        let snapshotConsumers: [Consumer] = switch (arm.isEdge, w.storeFeedback) {
        case (true, _): [.region, .hq]
        case (false, .periodic): [.store, .region]
        case (false, _): []
        }
        views = ConsumerViews(consumers: w.consumers, bySnapshot: snapshotConsumers, skus: skus, cameras: cameras,
                              stores: stores, camerasPerStore: camerasPerStore, skusPerStore: skusPerStore,
                              initialUnits: stock, warmup: scenario.warmup.nanoseconds,
                              end: scenario.duration.nanoseconds, sla: scenario.sla.nanoseconds,
                              bucket: scenario.timeseriesBucket.nanoseconds)
        if arm.isEdge {
            var boxes: [UploadOutbox] = []
            for _ in 0..<2 {
                for s in 0..<stores {
                    boxes.append(UploadOutbox(units: Array(stock[s * skusPerStore..<(s + 1) * skusPerStore]),
                                              cameras: camerasPerStore))
                }
            }
            outboxes = boxes
            let n = stores
            retryStreams = (0..<2 * n).map { o in
                RandomStream(name: o < n ? "uploads/store-\(o)/retry" : "uploads/store-\(o - n)/forward-retry",
                             masterSeed: seed, generator: .taus2)
            }
        } else {
            retryStreams = []
        }

        pools = Array(repeating: nil, count: topology.nodes.count)
        nodeCrashEpoch = Array(repeating: 0, count: topology.nodes.count)
        inferenceStreams = Array(repeating: nil, count: topology.nodes.count)
        inferenceTime = [w.inferenceTime.device, w.inferenceTime.store, w.inferenceTime.cloud, w.inferenceTime.cloud]
        let schedulingSettings = scenario.scheduling ?? (arm.needsScheduler ? SchedulingSection() : nil)
        let scheduling = schedulingSettings != nil
        // A server tier's pool is the deployment's: servers × slots per server,
        // the cloud fleet's GPUs × slots per GPU.
        let deployment = scenario.deployment
        for node in topology.nodes where scheduling {
            // The scheduler may place inference on any store server, aggregator or cloud node.
            if let slots = deployment.inferenceSlots(node.tier) { pools[Int(node.id.index)] = InferencePool(slots: slots) }
        }
        for node in topology.nodes where !scheduling {
            switch (arm, node.tier) {
            case (.edgeHybrid, .device) where w.inferenceSite == .device:
                pools[Int(node.id.index)] = InferencePool(slots: w.inferenceSlots.device)
            case (.edgeHybrid, .store) where w.inferenceSite == .store, (.cloudOnly, .cloud):
                pools[Int(node.id.index)] = deployment.inferenceSlots(node.tier).map { InferencePool(slots: $0) }
            default:
                break
            }
        }

        let builtPools = pools, measureFrom = scenario.warmup.nanoseconds
        fleets = topology.nodes.filter { $0.tier == .cloud && builtPools[Int($0.id.index)] != nil }.map {
            InferenceFleet(settings: deployment, node: $0.id.index, measureFrom: measureFrom)
        }

        // Per-entity streams use taus2: tens of thousands of mt19937 states
        // (5 KB each) would not stay in cache; taus2's is 24 bytes.
        func stream(_ name: String) -> RandomStream { RandomStream(name: name, masterSeed: seed, generator: .taus2) }
        purchaseStreams = (0..<stores).map { stream("workload/store-\($0)/purchases") }
        restockStreams = (0..<stores).map { stream("workload/store-\($0)/restock") }
        frameStreams = (0..<cameras).map {
            stream("workload/store-\($0 / t.camerasPerStore)/camera-\($0 % t.camerasPerStore)/frames")
        }
        let ratePerStore = w.purchasesPerSkuPerHour / 3_600 * Double(w.skusPerStore)
        purchaseGap = try Distribution.exponential(mean: ratePerStore > 0 ? 1 / ratePerStore : 1e12)

        let end = SimTime.zero + scenario.duration
        timeline = FaultTimeline(scenario.faults, topology: topology, end: end)
        recorder = RetailRecorder(scenario: scenario, topology: topology)
        if let settings = scenario.replication {
            var driver = try ReplicaDriver(
                settings: settings, topology: topology, arm: arm, storeNode: storeNode, keysPerStore: skusPerStore,
                faults: scenario.faults, seed: seed, warmup: scenario.warmup, end: end)
            if scenario.timeseriesBucket > .zero { driver.countReadsPerBucket(width: scenario.timeseriesBucket.nanoseconds) }
            replication = ReplicaDriverBox(driver)
        } else {
            replication = nil
        }
        if let settings = schedulingSettings {
            placement = try PlacementDriver(settings: settings, arm: arm, topology: topology, deployment: scenario.deployment,
                                            camerasPerStore: camerasPerStore, stores: stores, seed: seed,
                                            warmup: scenario.warmup, explain: explain)
        } else {
            placement = nil
        }

        var sim = Simulation<RetailEvent>(capacity: cameras + stores * 2 + 64)
        scheduleStart(&sim)
        replication?.driver.start(network: &network, sim: &sim)
        initial = sim
    }

    mutating func scheduleStart(_ sim: inout Simulation<RetailEvent>) {
        let w = scenario.workload
        let end = SimTime.zero + scenario.duration
        if w.purchasesPerSkuPerHour > 0 {
            for s in 0..<stores {
                sim.schedule(.purchase(store: Int32(s)), at: .zero + purchaseGap.sampleDuration(purchaseStreams[s]))
            }
        }
        let interval = w.frameInterval.nanoseconds
        for c in 0..<cameras {
            let phase = Int64(frameStreams[c].uniform() * Double(interval))
            sim.schedule(.frame(camera: Int32(c)), at: SimTime(nanoseconds: phase))
        }
        if !arm.isEdge, case .periodic(let every) = w.storeFeedback {
            for s in 0..<stores {
                let offset = every.nanoseconds * Int64(s + 1) / Int64(stores + 1)
                sim.schedule(.feedbackPush(store: Int32(s)), at: SimTime(nanoseconds: offset))
            }
        }
        if arm.isEdge {
            // Stores upload in turn across the interval, not all at once.
            let upload = w.uploadInterval.nanoseconds
            for s in 0..<stores {
                let offset = upload * Int64(s + 1) / Int64(stores + 1)
                sim.schedule(.upload(store: Int32(s)), at: SimTime(nanoseconds: offset))
            }
        }
        for (i, action) in timeline.actions.enumerated() where action.at <= end {
            sim.schedule(.fault(action: Int32(i)), at: action.at)
        }
        if let placement {
            // Heartbeats in turn across the interval; the scheduler checks once per interval.
            let interval = placement.heartbeatInterval.nanoseconds
            let senders = placement.heartbeatSenders
            for (i, node) in senders.enumerated() {
                let offset = interval * Int64(i + 1) / Int64(senders.count + 1)
                sim.schedule(.heartbeat(node: node.index), at: SimTime(nanoseconds: offset))
            }
            sim.schedule(.schedulerTick, at: SimTime(nanoseconds: interval))
        }
        if !fleets.isEmpty && scenario.deployment.fleet == .autoscaled {
            sim.schedule(.autoscale, at: .zero + scenario.deployment.window)
        }
        sim.schedule(.warmupEnd, at: .zero + scenario.warmup)
        var tick = SimTime.zero + scenario.warmup + scenario.timeseriesBucket
        while tick <= end {
            sim.schedule(.tick, at: tick)
            tick += scenario.timeseriesBucket
        }
    }

    /// Runs to the end of the scenario and returns what was measured.
    ///
    /// - Precondition: called once.
    public mutating func run() -> RunResult {
        guard var sim = initial.take() else { preconditionFailure("a retail world runs once") }
        if let onEvents {
            sim.run(until: SimTime.zero + scenario.duration) { sim, event in
                handle(event, &sim)
                if sim.eventsHandled & 0xFFFF == 0 { onEvents(sim.now, sim.eventsHandled) }
            }
        } else {
            sim.run(until: SimTime.zero + scenario.duration) { sim, event in
                handle(event, &sim)
            }
        }
        return recorder.finish(world: self, eventsHandled: sim.eventsHandled, end: sim.now)
    }
}
