import EdgeBase
import Replication
import Scenario
import SimKernel
import SimNetwork

/// Runs the replication library's `Replica` state machines inside a
/// simulated world: one replica per member node of each replication group.
///
/// The driver is the library's I/O. It feeds every input with the node's
/// local clock (`Network.localTime(of:at:)`, skew and drift included), turns
/// `.send` effects into network messages of class `.replication` sized by
/// `encodedSize`, `.setTimer`/`.cancelTimer` into cancellable simulation
/// timers, and `.respond` into completions of client operations. Failure
/// detection stays in the library: heartbeats travel the simulated network
/// like everything else.
///
/// It is also the clients: writers (one session per node and key that reads,
/// then writes with the context it read; one round at a time, the newest
/// value waiting), readers issuing reads at a rate, and regional dashboards
/// issuing read-modify-write corrections. A
/// client whose node is not a member of the key's group sends its request to
/// a member over the network (``ReplicaPacket/request(operation:_:)``). Every
/// operation is recorded, with invocation and completion in true simulated
/// time, for the ``HistoryChecker``.
///
/// Groups: in the edge-hybrid arm one group per region (its store edges, and
/// its aggregator unless `group: stores`), a store's keys pinned to the store
/// when `home_pinning` is on; in the cloud-only arm one group of the cloud
/// nodes, with N, R and W capped at their number (one cloud node: N = R = W = 1).
///
/// Keys are `store-S/sku-K`; key index `S × keysPerStore + K`.
///
/// Determinism: replicas are visited in slot order, timers are cancelled in
/// slot order, dictionaries are only looked up, and every random draw comes
/// from a stream named after the client it drives
/// (`replication/reads/<node>`, `replication/corrections/<node>`), the same
/// in both arms.
public struct ReplicaDriver {
    /// One replication group.
    struct Group {
        /// Member nodes, sorted by id.
        var members: [NodeID]
        /// The regional aggregator, when it is a member: where clients outside
        /// the group send their requests.
        var aggregator: NodeID?
        var configuration: ReplicationConfiguration
    }

    struct TimerSlot {
        var replica: Int32
        var token: TimerToken
        var localAt: LocalTime
        var id: TimerID?
    }

    /// A writer's view of one key.
    struct WriterSession {
        /// Everything the writer's replies of this key covered.
        var context = VersionVector()
        /// The writes whose values those replies showed.
        var view: [UInt64] = []
        /// A read-then-write round is in flight.
        var busy = false
        /// The newest value to write, and whether it still has to be written.
        var latest: Int32 = 0
        var dirty = false
    }

    enum Purpose {
        case read
        case sessionRead
        case sessionWrite
        case correctionRead
        case correctionWrite
    }

    /// A client that reads (or corrects) the keys of some stores.
    struct Client {
        var node: NodeID
        var stores: [Int32]
        var stream: RandomStream
    }

    let topology: Topology
    /// The settings the driver runs with.
    public let settings: ReplicationSection
    let keysPerStore: Int
    let storeNode: [NodeID]
    let warmup: SimTime
    let end: SimTime

    var groups: [Group] = []
    var slotOfNode: [Int32]
    var replicas: [Replica] = []
    var nodeOfSlot: [NodeID] = []
    var groupOfSlot: [Int32] = []
    /// The group holding each store's keys.
    var groupOfStore: [Int32]
    let keyNames: [String]
    /// Per key, the slots of its owners (computed when first needed).
    var ownerSlots: [[Int32]]

    /// A packet on its way, until its message arrives or it is reclaimed.
    struct PacketSlot {
        var packet: ReplicaPacket?
        var generation: UInt32
        var sentAt: Int64
    }

    /// Packets in the network. The network does not report a message lost
    /// after its first hop, so a packet not claimed within
    /// ``packetHorizon`` of its sending is reclaimed; its message, should it
    /// still arrive, is dropped.
    var packets: [PacketSlot] = []
    var freePackets: [UInt32] = []
    var lastPacketSweep: Int64 = 0
    static let packetHorizon = SimDuration.minutes(10)

    /// Whether the replicas have booted (the ``ReplicaEvent/start`` event),
    /// and which have started (a node down at boot starts at its restart).
    var booted = false
    var started: [Bool] = []
    var timerSlots: [TimerSlot] = []
    var freeTimerSlots: [UInt32] = []
    var timersOfReplica: [[TimerToken: UInt32]] = []
    var spareBuffers: [[ReplicaEffect]] = []

    var history = OperationHistory()
    /// Whether every operation is kept in ``history`` (for tests that read
    /// it through ``finishedHistory()``); otherwise an operation is kept only
    /// while it is pending, and the checker keeps what it needs, so memory
    /// does not grow with the run's length.
    public var keepsHistory = false
    /// Pending operations, by id, when the history is not kept (looked up, never iterated in order).
    var live: [UInt64: RecordedOperation] = [:]
    var operationCount: UInt64 = 0
    /// Keys written at least once.
    var keyWritten: [Bool] = []
    var checker = HistoryChecker.Incremental(measuredFrom: 0, faultWindows: [])
    /// What each pending operation is for, by id (looked up, never iterated).
    var purposes: [UInt64: Purpose] = [:]
    /// The checker's table of writes is pruned (``collectHistory()``) when it
    /// reaches `nextCollection` writes: twice what the last pruning kept, and
    /// at least `collectionFloor` (lowered by tests, to prune often).
    var nextCollection = 1_024
    var collectionFloor = 1_024
    /// Prunings so far.
    var collections = 0
    var sessions: [UInt64: WriterSession] = [:]

    var readers: [Client] = []
    var correctors: [Client] = []
    let readGap: Distribution?
    let correctionGap: Distribution?

    // Measurement.
    var backlogOfSlot: [Int] = []
    var backlogTotal = 0
    var backlogMax = 0
    var countersAtWarmup = ReplicaCounters()
    var measuring = false
    var bytesSent = 0
    /// Replication messages not sent because ``ReplicaPacketHandle/slotLimit``
    /// packets were in flight (backpressure; counted over the whole run).
    var packetsRefused = 0
    /// Packets in flight at most: the handle's slot limit (lowered by tests).
    var packetLimit = ReplicaPacketHandle.slotLimit
    var messagesSent = 0
    static let convergenceCheckInterval = SimDuration.seconds(1)

    /// Builds the groups and their replicas (not started yet).
    ///
    /// - Parameters:
    ///   - settings: validated settings, enabled.
    ///   - topology: the deployment.
    ///   - arm: edge-hybrid (groups per region) or cloud-only (one group of cloud nodes).
    ///   - storeNode: the node of each store, by global store index.
    ///   - keysPerStore: keys (SKUs) per store.
    ///   - faults: the scenario's faults, for the convergence checks after the last heal.
    ///   - seed: the run's master seed, for the clients' streams.
    /// - Throws: ``ReplicationConfigurationError`` if a group's configuration cannot run.
    public init(settings: ReplicationSection, topology: Topology, arm: Arm, storeNode: [NodeID], keysPerStore: Int,
                faults: [FaultSpec], seed: UInt64, warmup: SimDuration, end: SimTime) throws {
        self.topology = topology
        self.settings = settings
        self.keysPerStore = keysPerStore
        self.storeNode = storeNode
        self.warmup = SimTime.zero + warmup
        self.end = end
        slotOfNode = Array(repeating: -1, count: topology.nodes.count)
        groupOfStore = Array(repeating: -1, count: storeNode.count)
        var names: [String] = []
        names.reserveCapacity(storeNode.count * keysPerStore)
        for s in 0..<storeNode.count {
            for k in 0..<keysPerStore { names.append("store-\(s)/sku-\(k)") }
        }
        keyNames = names
        ownerSlots = Array(repeating: [], count: names.count)

        // Groups.
        switch arm {
        case .edgeHybrid, .leastAllocated, .random:
            var storesOfRegion: [Int: [Int]] = [:]   // looked up by region index, never iterated
            var regionCount = 0
            for (s, node) in storeNode.enumerated() {
                let r = topology[node].region ?? 0
                storesOfRegion[r, default: []].append(s)
                regionCount = max(regionCount, r + 1)
            }
            for r in 0..<regionCount {
                guard let stores = storesOfRegion[r] else { continue }
                var members = stores.map { storeNode[$0] }
                var aggregator: NodeID?
                if settings.group == .region, let region = topology.node(named: "region-\(r)") {
                    members.append(region)
                    aggregator = region
                }
                var homes: [String: ReplicaID] = [:]
                for s in stores { homes["store-\(s)"] = ReplicaID(storeNode[s].index) }
                let configuration = settings.configuration(
                    members: members.map { ReplicaID($0.index) },
                    pinning: settings.homePinning ? .keyPrefix(separator: "/", homes: homes) : .disabled)
                for s in stores { groupOfStore[s] = Int32(groups.count) }
                groups.append(Group(members: members.sorted(), aggregator: aggregator, configuration: configuration))
            }
        case .cloudOnly:
            let clouds = topology.nodes.filter { $0.tier == .cloud }.map(\.id)
            let configuration = settings.configuration(
                members: clouds.map { ReplicaID($0.index) }, pinning: .disabled, cap: clouds.count)
            for s in storeNode.indices { groupOfStore[s] = 0 }
            groups.append(Group(members: clouds.sorted(), aggregator: nil, configuration: configuration))
        }
        for (g, group) in groups.enumerated() {
            for node in group.members {
                slotOfNode[Int(node.index)] = Int32(replicas.count)
                replicas.append(try Replica(id: ReplicaID(node.index), configuration: group.configuration))
                nodeOfSlot.append(node)
                groupOfSlot.append(Int32(g))
            }
        }
        timersOfReplica = Array(repeating: [:], count: replicas.count)
        started = Array(repeating: false, count: replicas.count)
        backlogOfSlot = Array(repeating: 0, count: replicas.count)

        // Clients: every store reads its own keys; a region its stores'; a
        // cloud node the stores below it.
        readGap = settings.readRate > 0 ? try Distribution.exponential(mean: 1 / settings.readRate) : nil
        correctionGap = settings.correctionRate > 0
            ? try Distribution.exponential(mean: 1 / settings.correctionRate) : nil
        func stream(_ name: String) -> RandomStream { RandomStream(name: name, masterSeed: seed, generator: .taus2) }
        var storesBelow = Array(repeating: [Int32](), count: topology.nodes.count)
        for (s, node) in storeNode.enumerated() {
            var n: NodeID? = node
            while let current = n {
                storesBelow[Int(current.index)].append(Int32(s))
                n = topology[current].parent
            }
        }
        for node in topology.nodes where node.tier != .device && !storesBelow[Int(node.id.index)].isEmpty {
            let stores = storesBelow[Int(node.id.index)]
            if readGap != nil {
                readers.append(Client(node: node.id, stores: stores, stream: stream("replication/reads/\(node.name)")))
            }
            if correctionGap != nil, node.tier == .region {
                correctors.append(Client(node: node.id, stores: stores,
                                         stream: stream("replication/corrections/\(node.name)")))
            }
        }

        // The checker's view of the faults.
        history.end = end.nanoseconds
        history.measuredFrom = self.warmup.nanoseconds
        history.lostAfter = 2 * settings.configuration.requestTimeout.nanoseconds
        history.finalVersions = Array(repeating: [], count: names.count)
        for fault in faults {
            switch fault.kind {
            case .cut, .partition:
                let start = fault.at.nanoseconds
                guard start <= end.nanoseconds else { continue }
                let stop = fault.duration.map { min(end.nanoseconds, start + $0.nanoseconds) } ?? end.nanoseconds
                history.faultWindows.append((start, stop))
                if fault.duration != nil, stop <= end.nanoseconds { history.lastHeal = max(history.lastHeal ?? 0, stop) }
            default:
                break
            }
        }
        keyWritten = Array(repeating: false, count: names.count)
        checker = HistoryChecker.Incremental(measuredFrom: history.measuredFrom, faultWindows: history.faultWindows)
    }

    /// The replica on `node`, if it runs one.
    public func replica(on node: NodeID) -> Replica? {
        let slot = slotOfNode[Int(node.index)]
        return slot >= 0 ? replicas[Int(slot)] : nil
    }

    /// The operations recorded so far (all of them only when ``keepsHistory``).
    public var operations: [RecordedOperation] { history.operations }

    /// Records a newly invoked operation; returns its id.
    mutating func record(_ op: RecordedOperation, purpose: Purpose) -> UInt64 {
        let id = operationCount
        operationCount += 1
        if keepsHistory { history.operations.append(op) } else { live[id] = op }
        purposes[id] = purpose
        if op.kind == .write { keyWritten[Int(op.key)] = true }
        checker.invoked(id, op)
        return id
    }

    /// Operation `id` while it is known (always, when the history is kept).
    func operation(_ id: Int) -> RecordedOperation? {
        keepsHistory ? history.operations[id] : live[UInt64(id)]
    }

    /// Changes operation `id` in place.
    mutating func updateOperation(_ id: Int, _ change: (inout RecordedOperation) -> Void) {
        if keepsHistory { change(&history.operations[id]) } else if var op = live[UInt64(id)] {
            change(&op)
            live[UInt64(id)] = op
        }
    }

    // MARK: - Lifecycle

    /// Schedules the boot of every replica now, behind the events already
    /// queued for this instant (the world's faults), then the clients and the
    /// convergence checks.
    public mutating func start<P: ReplicaPayloadCarrier, E: ReplicaEventCarrier>(
        network: inout Network<P>, sim: inout Simulation<E>
    ) {
        sim.schedule(.replica(.start), at: sim.now)
        if let gap = readGap {
            for i in readers.indices {
                sim.schedule(.replica(.read(reader: Int32(i))), at: sim.now + gap.sampleDuration(readers[i].stream))
            }
        }
        if let gap = correctionGap {
            for i in correctors.indices {
                sim.schedule(.replica(.correction(corrector: Int32(i))),
                             at: sim.now + gap.sampleDuration(correctors[i].stream))
            }
        }
        if let heal = history.lastHeal {
            sim.schedule(.replica(.convergenceCheck), at: SimTime(nanoseconds: heal))
        }
    }

    mutating func boot<P: ReplicaPayloadCarrier, E: ReplicaEventCarrier>(
        network: inout Network<P>, sim: inout Simulation<E>
    ) {
        booted = true
        // A node crashed at 0 s boots at its restart.
        for slot in replicas.indices where network.isUp(nodeOfSlot[slot]) {
            started[slot] = true
            var effects = takeBuffer()
            effects.append(contentsOf: replicas[slot].start(now: localTime(nodeOfSlot[slot], network, sim)))
            apply(&effects, slot: slot, network: &network, sim: &sim)
            giveBack(effects)
        }
    }

    /// Counters and the hint backlog maximum count from now on.
    public mutating func startMeasuring() {
        countersAtWarmup = summedCounters
        backlogMax = backlogTotal
        bytesSent = 0
        messagesSent = 0
        measuring = true
    }

    /// The node crashed: its replica loses its volatile state and timers.
    /// Local clients waiting on it get a failure.
    public mutating func crash<P: ReplicaPayloadCarrier, E: ReplicaEventCarrier>(
        _ node: NodeID, network: inout Network<P>, sim: inout Simulation<E>
    ) {
        let slot = Int(slotOfNode[Int(node.index)])
        guard slot >= 0, replicas[slot].isRunning else { return }
        let abandoned = replicas[slot].crash()
        for t in timersOfReplica[slot].values.sorted() {
            if let id = timerSlots[Int(t)].id { sim.cancel(id) }
            freeTimerSlots.append(t)
        }
        timersOfReplica[slot] = [:]
        for request in abandoned {
            let id = Int(request.rawValue)
            // A remote client's request is simply never answered.
            if let op = operation(id), op.client == node.index {
                complete(id, .failure(.replicaDown), network: &network, sim: &sim)
            }
        }
    }

    /// The node restarted: its replica comes back with its durable state.
    public mutating func restart<P: ReplicaPayloadCarrier, E: ReplicaEventCarrier>(
        _ node: NodeID, network: inout Network<P>, sim: inout Simulation<E>
    ) {
        let slot = Int(slotOfNode[Int(node.index)])
        guard slot >= 0, booted, !replicas[slot].isRunning else { return }
        let now = localTime(node, network, sim)
        var effects = takeBuffer()
        // A replica that never booted (its node was down at 0 s) starts now.
        effects.append(contentsOf: started[slot] ? replicas[slot].restart(now: now) : replicas[slot].start(now: now))
        started[slot] = true
        apply(&effects, slot: slot, network: &network, sim: &sim)
        giveBack(effects)
    }

    // MARK: - Events and messages

    /// Handles one of the driver's events.
    public mutating func handle<P: ReplicaPayloadCarrier, E: ReplicaEventCarrier>(
        _ event: ReplicaEvent, network: inout Network<P>, sim: inout Simulation<E>
    ) {
        if checker.writes.count >= nextCollection { collectHistory() }
        switch event {
        case .start: boot(network: &network, sim: &sim)
        case .timer(let t): timerDue(Int(t), network: &network, sim: &sim)
        case .read(let reader): issueRead(Int(reader), network: &network, sim: &sim)
        case .correction(let corrector): issueCorrection(Int(corrector), network: &network, sim: &sim)
        case .convergenceCheck: checkConvergence(sim: &sim)
        }
    }

    /// A replication message reached `destination`.
    public mutating func deliver<P: ReplicaPayloadCarrier, E: ReplicaEventCarrier>(
        _ handle: ReplicaPacketHandle, from source: NodeID, to destination: NodeID,
        network: inout Network<P>, sim: inout Simulation<E>
    ) {
        if checker.writes.count >= nextCollection { collectHistory() }
        let s = handle.slot
        guard s < packets.count, packets[s].generation & 0x3FF == handle.generation,
              let packet = packets[s].packet
        else {
            return   // reclaimed: too late
        }
        releasePacket(s)
        switch packet {
        case .replica(let message):
            let slot = Int(slotOfNode[Int(destination.index)])
            guard slot >= 0 else { return }
            var effects = takeBuffer()
            replicas[slot].receive(message, from: ReplicaID(source.index), now: localTime(destination, network, sim),
                                   into: &effects)
            apply(&effects, slot: slot, network: &network, sim: &sim)
            giveBack(effects)
        case .request(let operation, let request):
            let slot = Int(slotOfNode[Int(destination.index)])
            guard slot >= 0 else { return }
            submit(operation, request, slot: slot, network: &network, sim: &sim)
        case .response(let response):
            complete(Int(response.requestID.rawValue), response.result, network: &network, sim: &sim)
        }
    }

    func localTime<P, E>(_ node: NodeID, _ network: Network<P>, _ sim: Simulation<E>) -> LocalTime {
        LocalTime(nanoseconds: network.localTime(of: node, at: sim.now).nanoseconds)
    }

    mutating func takeBuffer() -> [ReplicaEffect] { spareBuffers.popLast() ?? [] }

    mutating func giveBack(_ buffer: [ReplicaEffect]) {
        var b = buffer
        b.removeAll(keepingCapacity: true)
        spareBuffers.append(b)
    }

    /// Applies a replica's effects, in order.
    mutating func apply<P: ReplicaPayloadCarrier, E: ReplicaEventCarrier>(
        _ effects: inout [ReplicaEffect], slot: Int, network: inout Network<P>, sim: inout Simulation<E>
    ) {
        let node = nodeOfSlot[slot]
        for effect in effects {
            switch effect {
            case .send(let message, let to):
                send(.replica(message), from: node, to: NodeID(Int(to.rawValue)), network: &network, sim: &sim)
            case .setTimer(let token, let at):
                setTimer(slot: slot, token: token, at: at, network: &network, sim: &sim)
            case .cancelTimer(let token):
                if let t = timersOfReplica[slot].removeValue(forKey: token) {
                    if let id = timerSlots[Int(t)].id { sim.cancel(id) }
                    freeTimerSlots.append(t)
                }
            case .respond(let response):
                let id = Int(response.requestID.rawValue)
                guard let op = operation(id) else { continue }   // answered already
                let client = NodeID(Int(op.client))
                if client == node {
                    complete(id, response.result, network: &network, sim: &sim)
                } else {
                    send(.response(response), from: node, to: client, network: &network, sim: &sim)
                }
            }
        }
        let backlog = replicas[slot].counters.hintBacklog
        if backlog != backlogOfSlot[slot] {
            backlogTotal += backlog - backlogOfSlot[slot]
            backlogOfSlot[slot] = backlog
            if measuring { backlogMax = max(backlogMax, backlogTotal) }
        }
    }

    mutating func send<P: ReplicaPayloadCarrier, E: ReplicaEventCarrier>(
        _ packet: ReplicaPacket, from source: NodeID, to destination: NodeID,
        network: inout Network<P>, sim: inout Simulation<E>
    ) {
        let size = packet.encodedSize
        if measuring {
            bytesSent += size
            messagesSent += 1
        }
        guard let handle = storePacket(packet, now: sim.now.nanoseconds) else {
            // Backpressure: the table is full, so the message is not sent (as
            // if lost on its first hop; the protocol retries what matters).
            packetsRefused += 1
            return
        }
        let outcome = network.send(Message(source: source, destination: destination, size: size,
                                           trafficClass: .replication, createdAt: sim.now, payload: P.replica(handle)),
                                   in: &sim)
        if outcome != .accepted { releasePacket(handle.slot) }
    }

    /// Stores a packet until its message lands; nil when
    /// ``ReplicaPacketHandle/slotLimit`` packets are already in flight.
    mutating func storePacket(_ packet: ReplicaPacket, now: Int64) -> ReplicaPacketHandle? {
        if now - lastPacketSweep >= Self.packetHorizon.nanoseconds {
            lastPacketSweep = now
            let cutoff = now - Self.packetHorizon.nanoseconds
            for s in packets.indices where packets[s].packet != nil && packets[s].sentAt < cutoff { releasePacket(s) }
        }
        let s: Int
        if let free = freePackets.popLast() {
            s = Int(free)
        } else if packets.count < packetLimit {
            s = packets.count
            packets.append(PacketSlot(packet: nil, generation: 0, sentAt: 0))
        } else {
            return nil
        }
        packets[s].packet = packet
        packets[s].sentAt = now
        return ReplicaPacketHandle(slot: s, generation: packets[s].generation)
    }

    mutating func releasePacket(_ s: Int) {
        packets[s].packet = nil
        packets[s].generation &+= 1
        freePackets.append(UInt32(s))
    }

    // MARK: - Timers

    /// The first true time at which `node`'s clock reads `local` or later
    /// (now, if it already does).
    func trueTime<P, E>(of local: LocalTime, on node: NodeID, _ network: Network<P>, _ sim: Simulation<E>) -> SimTime {
        let localNow = network.localTime(of: node, at: sim.now).nanoseconds
        guard local.nanoseconds > localNow else { return sim.now }
        var t = sim.now.nanoseconds + (local.nanoseconds - localNow)
        // Drift makes the clock run at 1 ± a few ppm: step until it reads enough.
        for _ in 0..<16 {
            let reading = network.localTime(of: node, at: SimTime(nanoseconds: t)).nanoseconds
            guard reading < local.nanoseconds else { break }
            t += max(1, local.nanoseconds - reading)
        }
        return SimTime(nanoseconds: t)
    }

    mutating func setTimer<P: ReplicaPayloadCarrier, E: ReplicaEventCarrier>(
        slot: Int, token: TimerToken, at local: LocalTime, network: inout Network<P>, sim: inout Simulation<E>
    ) {
        let fire = trueTime(of: local, on: nodeOfSlot[slot], network, sim)
        let t: UInt32
        if let existing = timersOfReplica[slot][token] {
            t = existing
            if let id = timerSlots[Int(t)].id { sim.cancel(id) }
            timerSlots[Int(t)].localAt = local
        } else if let free = freeTimerSlots.popLast() {
            t = free
            timerSlots[Int(t)] = TimerSlot(replica: Int32(slot), token: token, localAt: local, id: nil)
            timersOfReplica[slot][token] = t
        } else {
            t = UInt32(timerSlots.count)
            timerSlots.append(TimerSlot(replica: Int32(slot), token: token, localAt: local, id: nil))
            timersOfReplica[slot][token] = t
        }
        timerSlots[Int(t)].id = sim.scheduleTimer(.replica(.timer(slot: t)), at: fire)
    }

    mutating func timerDue<P: ReplicaPayloadCarrier, E: ReplicaEventCarrier>(
        _ t: Int, network: inout Network<P>, sim: inout Simulation<E>
    ) {
        let timer = timerSlots[t]
        let slot = Int(timer.replica)
        let node = nodeOfSlot[slot]
        let now = localTime(node, network, sim)
        if now < timer.localAt {
            // The clock was set back since the timer was armed: wait for it.
            timerSlots[t].id = sim.scheduleTimer(.replica(.timer(slot: UInt32(t))),
                                                 at: trueTime(of: timer.localAt, on: node, network, sim))
            return
        }
        timersOfReplica[slot][timer.token] = nil
        freeTimerSlots.append(UInt32(t))
        var effects = takeBuffer()
        replicas[slot].timerFired(timer.token, now: now, into: &effects)
        apply(&effects, slot: slot, network: &network, sim: &sim)
        giveBack(effects)
    }
}
