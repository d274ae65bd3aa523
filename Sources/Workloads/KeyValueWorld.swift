import Metrics
import Scenario
import SimKernel
import SimNetwork

/// The synthetic load of a ``KeyValueWorld``: stores writing their own keys.
public struct KeyValueLoad: Sendable, Hashable {
    /// Keys per store (`store-S/sku-K`).
    public var keysPerStore = 20
    /// Writes per second by each writing store to its own keys (a Poisson
    /// process each, keys drawn uniformly).
    public var writeRate: Double = 1
    /// The stores that write (global indices); nil for all.
    public var writingStores: [Int]? = nil
    /// When set, every writing store writes the keys of this store instead
    /// of its own: several writers on the same keys.
    public var sharedKeysOf: Int? = nil
    /// Writes happen from this time...
    public var writesFrom: SimDuration = .zero
    /// ...until this time (nil: to the end).
    public var writesUntil: SimDuration? = nil

    /// Every default.
    public init() {}
}

/// Why a key-value world cannot be built.
public enum KeyValueWorldError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The scenario has no `replication:` section, so there is nothing to load.
    case replicationOff

    public var description: String {
        "a key-value world runs the replication library: the scenario needs a replication: section"
    }
}

/// The replication library under a synthetic key-value load, without the
/// retail application: the scenario's topology, faults, warm-up and
/// `replication:` section, and stores writing their own keys at a rate.
/// Readers and regional corrections run as in the retail world.
///
/// For experiments on the library alone (quorum arithmetic, visibility,
/// repair) where inventory traffic would only add noise. Streams:
/// `kv/store-S/writes`, plus the driver's.
public struct KeyValueWorld {
    let scenario: Scenario
    var network: Network<KeyValuePayload>
    var driver: ReplicaDriver
    let load: KeyValueLoad
    let storeNode: [NodeID]
    let writers: [Int]
    let writeStreams: [RandomStream]
    let writeGap: Distribution?
    let timeline: FaultTimeline
    var partitions: [Int: PartitionID] = [:]
    var initial: Simulation<KeyValueEvent>?

    /// Builds the world.
    ///
    /// - Throws: ``KeyValueWorldError/replicationOff`` when the scenario has
    ///   no `replication:` section; a link or distribution error.
    public init(scenario: Scenario, load: KeyValueLoad, seed: UInt64) throws {
        self.scenario = scenario
        self.load = load
        guard let settings = scenario.replication else { throw KeyValueWorldError.replicationOff }
        let topology = try scenario.topology.build()
        let t = scenario.topology
        network = Network(topology: topology, streams: RandomStreams(masterSeed: seed))
        let stores = t.regions * t.storesPerRegion
        storeNode = (0..<stores).map { topology.node(named: "store-\($0)")! }
        let end = SimTime.zero + scenario.duration
        driver = try ReplicaDriver(settings: settings, topology: topology, arm: .edgeHybrid, storeNode: storeNode,
                                   keysPerStore: load.keysPerStore, faults: scenario.faults, seed: seed,
                                   warmup: scenario.warmup, end: end)
        driver.keepsHistory = true   // the tests read it whole
        writers = load.writingStores ?? Array(0..<stores)
        writeStreams = writers.map { RandomStream(name: "kv/store-\($0)/writes", masterSeed: seed, generator: .taus2) }
        writeGap = load.writeRate > 0 ? try Distribution.exponential(mean: 1 / load.writeRate) : nil
        timeline = FaultTimeline(scenario.faults, topology: topology, end: end)

        var sim = Simulation<KeyValueEvent>(capacity: 1_024)
        for (i, action) in timeline.actions.enumerated() where action.at <= end {
            sim.schedule(.fault(action: Int32(i)), at: action.at)
        }
        sim.schedule(.warmupEnd, at: .zero + scenario.warmup)
        if let gap = writeGap {
            for i in writers.indices {
                sim.schedule(.write(writer: Int32(i)), at: .zero + load.writesFrom + gap.sampleDuration(writeStreams[i]))
            }
        }
        driver.start(network: &network, sim: &sim)
        initial = sim
    }

    /// Runs to the end and returns the replication metrics and `events_handled`.
    ///
    /// - Precondition: called once.
    public mutating func run() -> RunResult {
        var (result, _) = runKeepingHistory()
        result.metrics.append(MetricValue("events_handled", "count", .count(result.eventsHandled)))
        return result
    }

    /// Runs to the end; returns the metrics and the checked history.
    public mutating func runKeepingHistory() -> (RunResult, OperationHistory) {
        guard var sim = initial.take() else { preconditionFailure("a key-value world runs once") }
        sim.run(until: SimTime.zero + scenario.duration) { sim, event in
            handle(event, &sim)
        }
        let metrics = driver.metrics()
        let history = driver.finishedHistory()
        return (RunResult(metrics: metrics, timeseries: [], eventsHandled: sim.eventsHandled), history)
    }

    /// The driver, for inspection after a run.
    public var replicaDriver: ReplicaDriver { driver }

    mutating func handle(_ event: KeyValueEvent, _ sim: inout Simulation<KeyValueEvent>) {
        switch event {
        case .network(let e):
            if let message = network.handle(e, in: &sim), case .replica(let handle) = message.payload {
                driver.deliver(handle, from: message.source, to: message.destination, network: &network, sim: &sim)
            }
        case .replica(let e):
            driver.handle(e, network: &network, sim: &sim)
        case .write(let w):
            let i = Int(w)
            let stream = writeStreams[i]
            let next = sim.now + writeGap!.sampleDuration(stream)
            if load.writesUntil.map({ next < SimTime.zero + $0 }) ?? true {
                sim.schedule(.write(writer: w), at: next)
            }
            let store = writers[i]
            let key = (load.sharedKeysOf ?? store) * load.keysPerStore + stream.uniformInt(below: load.keysPerStore)
            let units = Int32(stream.uniformInt(below: 100))
            guard network.isUp(storeNode[store]) else { return }
            driver.write(key: key, units: units, by: storeNode[store], network: &network, sim: &sim)
        case .fault(let index):
            applyFault(Int(index), &sim)
        case .warmupEnd:
            driver.startMeasuring()
        }
    }

    mutating func applyFault(_ index: Int, _ sim: inout Simulation<KeyValueEvent>) {
        let now = sim.now
        switch timeline.actions[index].action {
        case .cut(let c): network.cut(c, at: now)
        case .heal(let c): network.heal(c)
        case .partition(let fault, let a, let b): partitions[fault] = network.partition(a, b, at: now)
        case .healPartition(let fault):
            if let id = partitions.removeValue(forKey: fault) { network.heal(id) }
        case .crash(let node):
            network.crash(node, at: now)
            driver.crash(node, network: &network, sim: &sim)
        case .restart(let node):
            network.restart(node)
            driver.restart(node, network: &network, sim: &sim)
        case .degrade(let c, let d): network.degrade(c, d)
        case .restore(let c): network.restore(c)
        case .clock(let node, let offset, let drift): network.setClock(of: node, offset: offset, driftPPM: drift, at: now)
        }
    }
}

/// What a message of a key-value world carries.
public enum KeyValuePayload: ReplicaPayloadCarrier, Sendable {
    case replica(ReplicaPacketHandle)
}

/// The events of a key-value world.
public enum KeyValueEvent: ReplicaEventCarrier, Sendable {
    case network(NetworkEvent)
    case replica(ReplicaEvent)
    /// A writing store writes one of its keys.
    case write(writer: Int32)
    case fault(action: Int32)
    case warmupEnd
}
