import DequeModule
import SimKernel

/// A message waiting on a strict-priority link.
@usableFromInline
struct QueuedMessage {
    var slot: UInt32
    var size: Int
    var trafficClass: Int
    var enqueuedAt: Int64
    /// The message's flow, for ``LinkOrdering/flow``.
    var flow: UInt64
}

/// The fields of a link direction that every message touches, packed into one
/// cache line: a deployment has tens of thousands of links, and a message's
/// hop should cost one miss, not four.
@usableFromInline
struct LinkHot {
    /// When the last message started finishes transmission (FIFO and priority).
    var freeAt: Int64 = 0
    var busyNanoseconds: Int64 = 0
    /// The latency in ns when the distribution is a constant, else -1.
    var constantLatency: Int64
    /// Transmission time per byte, bandwidth degradation included.
    var nanosecondsPerByte: Double
    /// Loss probability, degradation included.
    var lossProbability: Double
    var latencyFactor: Double = 1
    @usableFromInline let to: Int32
    @usableFromInline var epoch: UInt32 = 0
    @usableFromInline var cutCount: Int32 = 0
    let priority: Bool
    let ordering: LinkOrdering
    let limited: Bool
}

/// The rest of a link direction's state.
@usableFromInline
struct LinkCold {
    let from: Int32
    var spec: LinkSpec
    let queueLimit: Int
    var bandwidthFactor: Double = 1
    var extraLoss: Double = 0
    /// Bytes accepted and not yet fully transmitted.
    var queuedBytes: Int = 0
    /// FIFO with a queue limit: (transmission end, size) of accepted messages.
    var backlog: Deque<(done: Int64, size: Int)> = []
    /// Priority: the bytes of the message in transmission (until `freeAt`)
    /// still counted in `queuedBytes`, or 0.
    var sendingBytes = 0
    /// Priority: the time of the pending end-of-transmission event, or -1.
    /// There is one only while messages wait; a message offered to an idle
    /// link starts at once and schedules nothing but its arrival.
    var pendingAt: Int64 = -1
    /// Priority: who waits, per class.
    var queues: [Deque<QueuedMessage>] = []
    var latencyStream: RandomStream?
    var lossStream: RandomStream?
    /// ``LinkOrdering/flow`` with a random latency: each flow's latest arrival.
    /// Created at the first such message.
    var flows: FlowArrivals?
}

extension LinkSpec {
    var hot: LinkHot {
        var constant: Int64 = -1
        if case .constant(let seconds) = latency.kind { constant = SimDuration(seconds: max(0, seconds)).nanoseconds }
        return LinkHot(constantLatency: constant, nanosecondsPerByte: 8e9 / bandwidth, lossProbability: loss,
                       to: 0, priority: discipline == .priority, ordering: ordering, limited: queueLimitBytes != nil)
    }
}

/// What one class of traffic does on one link direction, with the FIFO
/// arrival mark: everything a hop touches for its class, in one 64-byte line.
@usableFromInline
struct ClassTraffic {
    var sentMessages = 0
    var sentBytes = 0
    var transmittedMessages = 0
    var queueingDelayNanoseconds = 0
    var deliveredMessages = 0
    var deliveredBytes = 0
    /// The latest arrival scheduled, for ordered delivery within the class
    /// (``LinkOrdering/link``, and ``LinkOrdering/flow`` at a fixed latency).
    var lastArrival: Int64 = 0
    private var padding: Int64 = 0
}

/// Losses and drops of one class on one link direction (rarely touched).
@usableFromInline
struct ClassLosses {
    var lostMessages = 0
    var lostBytes = 0
    var droppedMessages = 0
    var droppedBytes = 0
}

/// What a link did with a message offered to it.
@usableFromInline
enum Admission {
    /// On its way: it reaches the far end at `arrival` unless the link or the
    /// receiving node changes epoch first.
    case scheduled(arrival: Int64, linkEpoch: UInt32, nodeEpoch: UInt32)
    /// A priority link is busy: it waits in its class's queue. When `wakeAt`
    /// is given, the caller schedules the link's end-of-transmission event then.
    case queued(wakeAt: Int64?)
    case lost
    case dropped
}

/// The non-generic heart of the network: links, routing, faults, clocks and
/// counters. It knows messages only by slot, size and class; ``Network`` keeps
/// the messages themselves. Keeping this part free of the payload type lets it
/// compile once, fully optimised, in this module.
@usableFromInline
struct LinkLayer {
    @usableFromInline let topology: Topology
    let masterSeed: UInt64
    @usableFromInline let hot: FixedBuffer<LinkHot>
    var cold: [LinkCold]
    /// Per link and class: the latest arrival scheduled, for FIFO delivery.
    /// Per class and link (class-major): traffic counters and FIFO marks.
    let traffic: FixedBuffer<ClassTraffic>
    /// Per class and link (class-major): losses and drops.
    let losses: FixedBuffer<ClassLosses>
    @usableFromInline var nodeUp: [Bool]
    @usableFromInline var nodeEpoch: [UInt32]
    /// Per node: the parent-to-node direction of its primary uplink.
    @usableFromInline let primaryDownlink: [Int32]
    /// Per node: its primary parent, or -1.
    @usableFromInline let parent: [Int32]
    /// Per node: its primary uplink, or -1.
    @usableFromInline let primaryUplink: [Int32]
    /// Per node: whether routing must look beyond the primary uplink (peers, or
    /// several uplinks); most nodes take the fast path.
    @usableFromInline let needsFullRouting: [Bool]
    /// Per node: every link direction leaving it.
    let outgoing: [[LinkID]]
    var clocks: [NodeClock]
    /// Per partition: the connections it cut.
    var partitions: [[ConnectionID]] = []
    var unroutableMessages = 0
    /// Transmission times and degraded latencies beyond
    /// ``SimDuration/longest`` that were clamped to it, and transmissions
    /// that would end beyond ``LinkLayer/horizon`` (which no run reaches).
    var clampedTimes = 0
    var senderDownMessages = 0

    @usableFromInline static var classCount: Int { TrafficClass.allCases.count }

    /// Counters and FIFO arrival marks are stored class-major: one class's
    /// records for all links sit together, so a workload that uses one or two
    /// classes touches a compact block instead of one record in five.
    @inline(__always)
    func counterIndex(_ l: Int, _ cls: Int) -> Int { cls &* hot.count &+ l }

    /// The public counters of one class on one link direction.
    func counters(_ l: Int, _ cls: Int) -> LinkCounters {
        let t = traffic[counterIndex(l, cls)], x = losses[counterIndex(l, cls)]
        var c = LinkCounters()
        c.sentMessages = t.sentMessages
        c.sentBytes = t.sentBytes
        c.transmittedMessages = t.transmittedMessages
        c.queueingDelayNanoseconds = t.queueingDelayNanoseconds
        c.deliveredMessages = t.deliveredMessages
        c.deliveredBytes = t.deliveredBytes
        c.lostMessages = x.lostMessages
        c.lostBytes = x.lostBytes
        c.droppedMessages = x.droppedMessages
        c.droppedBytes = x.droppedBytes
        return c
    }

    init(topology: Topology, masterSeed: UInt64) {
        self.topology = topology
        self.masterSeed = masterSeed
        var hot = ContiguousArray<LinkHot>()
        var cold: [LinkCold] = []
        hot.reserveCapacity(topology.linkCount)
        cold.reserveCapacity(topology.linkCount)
        var outgoing = [[LinkID]](repeating: [], count: topology.nodes.count)
        for i in 0..<topology.linkCount {
            let id = LinkID(i)
            let from = topology.source(of: id), to = topology.destination(of: id)
            outgoing[Int(from.index)].append(id)
            let spec = topology.spec(of: id)
            var h = spec.hot
            h = LinkHot(constantLatency: h.constantLatency, nanosecondsPerByte: h.nanosecondsPerByte,
                        lossProbability: h.lossProbability, to: to.index, priority: h.priority, ordering: h.ordering,
                        limited: h.limited)
            hot.append(h)
            var c = LinkCold(from: from.index, spec: spec, queueLimit: spec.queueLimitBytes ?? .max)
            if spec.discipline == .priority { c.queues = Array(repeating: [], count: Self.classCount) }
            cold.append(c)
        }
        self.hot = FixedBuffer(Array(hot))
        self.cold = cold
        self.outgoing = outgoing
        traffic = FixedBuffer(repeating: ClassTraffic(), count: topology.linkCount * Self.classCount)
        losses = FixedBuffer(repeating: ClassLosses(), count: topology.linkCount * Self.classCount)
        nodeUp = Array(repeating: true, count: topology.nodes.count)
        nodeEpoch = Array(repeating: 0, count: topology.nodes.count)
        clocks = Array(repeating: NodeClock(), count: topology.nodes.count)
        primaryDownlink = topology.uplinks.map { $0.first.map { LinkID(Int($0.index) ^ 1).index } ?? -1 }
        parent = topology.nodes.map { $0.parent?.index ?? -1 }
        primaryUplink = topology.uplinks.map { $0.first?.index ?? -1 }
        needsFullRouting = (0..<topology.nodes.count).map { topology.uplinks[$0].count > 1 || !topology.peerLinks[$0].isEmpty }
    }

    /// Whether `ancestor` is `node` or one of its primary parents (the tree is shallow).
    func isAncestor(_ ancestor: Int32, ofOrSelf node: Int32) -> Bool {
        var current = node
        while current >= 0 {
            if current == ancestor { return true }
            current = parent[Int(current)]
        }
        return false
    }

    /// The child of `ancestor` on the primary-parent path down to `node`.
    func childToward(_ node: Int32, from ancestor: Int32) -> Int32 {
        var current = node
        while true {
            let p = parent[Int(current)]
            precondition(p >= 0, "not an ancestor")
            if p == ancestor { return current }
            current = p
        }
    }

    // MARK: - Routing

    /// The link a message at `node` takes toward `destination`, or nil when none leads there.
    /// ``route(from:to:)`` for callers that hold the layer mutably: passing
    /// `self` inout avoids copying the whole layer for a read-only call.
    @usableFromInline
    mutating func nextLink(from node: NodeID, to destination: NodeID) -> LinkID? {
        route(from: node, to: destination)
    }

    func route(from node: NodeID, to destination: NodeID) -> LinkID? {
        if node == destination { return nil }
        let n = Int(node.index)
        if !needsFullRouting[n] {
            if isAncestor(node.index, ofOrSelf: destination.index) {
                return LinkID(Int(primaryDownlink[Int(childToward(destination.index, from: node.index))]))
            }
            let up = primaryUplink[n]
            return up >= 0 ? LinkID(Int(up)) : nil
        }
        var cutPeer: LinkID?
        for link in topology.peerLinks[n] {
            if isAncestor(hot[Int(link.index)].to, ofOrSelf: destination.index) {
                if hot[Int(link.index)].cutCount == 0 { return link }
                if cutPeer == nil { cutPeer = link }
            }
        }
        if isAncestor(node.index, ofOrSelf: destination.index) {
            return LinkID(Int(primaryDownlink[Int(childToward(destination.index, from: node.index))]))
        }
        let ups = topology.uplinks[n]
        for link in ups where hot[Int(link.index)].cutCount == 0 { return link }
        return ups.first ?? cutPeer
    }

    @inlinable func isNodeUp(_ n: Int) -> Bool { nodeUp[n] }
    @inlinable func epochOfNode(_ n: Int) -> UInt32 { nodeEpoch[n] }
    @inlinable func receiver(of l: Int) -> Int { Int(hot[l].to) }
    @usableFromInline mutating func countUnroutable() { unroutableMessages += 1 }
    /// Clamped times, and clamped latency draws of every link's stream.
    var clampedDraws: Int { cold.reduce(clampedTimes) { $0 + ($1.latencyStream?.clampedDraws ?? 0) } }
    @usableFromInline mutating func countSenderDown() { senderDownMessages += 1 }

    // MARK: - Offering, sending, arriving

    /// Offers a message to a link at time `now`.
    @usableFromInline
    mutating func offer(link l: Int, slot: UInt32, size: Int, trafficClass cls: Int, flow: UInt64, now: Int64) -> Admission {
        let counter = counterIndex(l, cls)
        traffic[counter].sentMessages += 1
        traffic[counter].sentBytes += size
        if hot[l].cutCount > 0 {
            countLost(counter, size)
            return .lost
        }
        if hot[l].priority {
            if cold[l].sendingBytes > 0 && now >= hot[l].freeAt {
                cold[l].queuedBytes -= cold[l].sendingBytes
                cold[l].sendingBytes = 0
            }
            if cold[l].queuedBytes + size > cold[l].queueLimit { return countDropped(counter, size) }
            cold[l].queuedBytes += size
            let queued = QueuedMessage(slot: slot, size: size, trafficClass: cls, enqueuedAt: now, flow: flow)
            if now < hot[l].freeAt || cold[l].pendingAt >= 0 {
                cold[l].queues[cls].append(queued)
                guard cold[l].pendingAt != hot[l].freeAt else { return .queued(wakeAt: nil) }
                cold[l].pendingAt = hot[l].freeAt
                return .queued(wakeAt: hot[l].freeAt)
            }
            return startTransmission(queued, on: l, now: now)
        }

        // FIFO: the start time is known now.
        if hot[l].limited {
            while let first = cold[l].backlog.first, first.done <= now {
                cold[l].queuedBytes -= first.size
                cold[l].backlog.removeFirst()
            }
            if cold[l].queuedBytes + size > cold[l].queueLimit { return countDropped(counter, size) }
        }
        let transmission = transmissionTime(size, on: l)
        let start = max(now, hot[l].freeAt)
        var done = start + transmission
        if done > Self.horizon {
            done = Self.horizon
            clampedTimes += 1
        }
        hot[l].freeAt = done
        hot[l].busyNanoseconds = Self.saturating(hot[l].busyNanoseconds, transmission)
        traffic[counter].transmittedMessages += 1
        traffic[counter].queueingDelayNanoseconds = Int(Self.saturating(Int64(traffic[counter].queueingDelayNanoseconds), start - now))
        if hot[l].limited {
            cold[l].backlog.append((done, size))
            cold[l].queuedBytes += size
        }
        return propagate(on: l, size: size, counter: counter, flow: flow, sentAt: done)
    }

    /// After transmission ends at `sentAt`: lose the message, or give its arrival.
    mutating func propagate(on l: Int, size: Int, counter: Int, flow: UInt64, sentAt: Int64) -> Admission {
        if hot[l].lossProbability > 0 {
            if cold[l].lossStream == nil { cold[l].lossStream = stream(for: l, "loss") }
            if cold[l].lossStream!.uniform() < hot[l].lossProbability {
                countLost(counter, size)
                return .lost
            }
        }
        var arrival = sentAt + latency(on: l)
        switch hot[l].ordering {
        case .flow where hot[l].constantLatency < 0:
            if cold[l].flows == nil { cold[l].flows = FlowArrivals() }
            arrival = cold[l].flows!.order(flow, arrival: arrival, now: sentAt)
        case .flow, .link:
            // At a fixed latency send times only grow, so arrivals keep the
            // link's order already and per-flow order is the class's order
            // (it differs only across a change of the degradation factor,
            // where this is the safer of the two).
            arrival = max(arrival, traffic[counter].lastArrival)
            traffic[counter].lastArrival = arrival
        case .none:
            break
        }
        return .scheduled(arrival: arrival, linkEpoch: hot[l].epoch, nodeEpoch: nodeEpoch[Int(hot[l].to)])
    }

    /// A priority link starts sending `message` now: its arrival is known at
    /// once, as on a FIFO link; the link is busy until `freeAt`.
    mutating func startTransmission(_ message: QueuedMessage, on l: Int, now: Int64) -> Admission {
        let counter = counterIndex(l, message.trafficClass)
        let transmission = transmissionTime(message.size, on: l)
        let done = min(now + transmission, Self.horizon)
        hot[l].freeAt = done
        cold[l].sendingBytes = message.size
        hot[l].busyNanoseconds = Self.saturating(hot[l].busyNanoseconds, transmission)
        traffic[counter].transmittedMessages += 1
        traffic[counter].queueingDelayNanoseconds = Int(Self.saturating(Int64(traffic[counter].queueingDelayNanoseconds),
                                                                        now - message.enqueuedAt))
        return propagate(on: l, size: message.size, counter: counter, flow: message.flow, sentAt: done)
    }

    /// A priority link's end-of-transmission event: the message being sent
    /// leaves the queue's count and the first waiting message of the highest
    /// class starts. Returns it and what became of it, and when to wake the
    /// link next (while messages still wait); nil for an event a cut made stale.
    @usableFromInline
    mutating func transmitted(link l: Int, now: Int64)
        -> (slot: UInt32, outcome: Admission, wakeAt: Int64?)? {
        guard cold[l].pendingAt == now, now >= hot[l].freeAt else { return nil }
        cold[l].pendingAt = -1
        cold[l].queuedBytes -= cold[l].sendingBytes
        cold[l].sendingBytes = 0
        for c in 0..<Self.classCount where !cold[l].queues[c].isEmpty {
            let next = cold[l].queues[c].removeFirst()
            let outcome = startTransmission(next, on: l, now: now)
            var wake: Int64?
            if cold[l].queues.contains(where: { !$0.isEmpty }) {
                cold[l].pendingAt = hot[l].freeAt
                wake = hot[l].freeAt
            }
            return (next.slot, outcome, wake)
        }
        return nil
    }

    /// A message reached the far end of link `l`: true when it is delivered
    /// there, false when a cut or a crash lost it on the way.
    @usableFromInline
    mutating func arrived(link l: Int, size: Int, trafficClass cls: Int, linkEpoch: UInt32, nodeEpoch epoch: UInt32) -> Bool {
        let counter = counterIndex(l, cls)
        let node = Int(hot[l].to)
        guard hot[l].epoch == linkEpoch, nodeUp[node], nodeEpoch[node] == epoch else {
            countLost(counter, size)
            return false
        }
        traffic[counter].deliveredMessages += 1
        traffic[counter].deliveredBytes += size
        return true
    }

    mutating func countLost(_ counter: Int, _ size: Int) {
        losses[counter].lostMessages += 1
        losses[counter].lostBytes += size
    }

    mutating func countDropped(_ counter: Int, _ size: Int) -> Admission {
        losses[counter].droppedMessages += 1
        losses[counter].droppedBytes += size
        return .dropped
    }

    /// 150 years: no run reaches it (runs last at most ``SimDuration/longest``),
    /// and it plus any clamped duration stays inside `Int64`.
    static let horizon: Int64 = SimDuration.longest.nanoseconds / 2 * 3

    /// `a + b`, or `Int64.max` where that overflows (sums of clamped times).
    @inline(__always)
    static func saturating(_ a: Int64, _ b: Int64) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? .max : sum
    }

    @inline(__always)
    mutating func transmissionTime(_ size: Int, on l: Int) -> Int64 {
        // Round half up (sizes and rates are positive); avoids a libm call per hop.
        let ns = Double(size) * hot[l].nanosecondsPerByte + 0.5
        if ns < Double(SimDuration.longest.nanoseconds) { return Int64(ns) }
        clampedTimes += 1
        return SimDuration.longest.nanoseconds
    }

    mutating func latency(on l: Int) -> Int64 {
        let base: Int64
        if hot[l].constantLatency >= 0 {
            base = hot[l].constantLatency
        } else {
            if cold[l].latencyStream == nil { cold[l].latencyStream = stream(for: l, "latency") }
            base = cold[l].spec.latency.sampleDuration(cold[l].latencyStream!).nanoseconds
        }
        if hot[l].latencyFactor == 1 { return base }
        let scaled = (Double(base) * hot[l].latencyFactor).rounded()
        if scaled < Double(SimDuration.longest.nanoseconds) { return Int64(scaled) }
        clampedTimes += 1
        return SimDuration.longest.nanoseconds
    }

    func stream(for l: Int, _ purpose: String) -> RandomStream {
        let from = topology.nodes[Int(cold[l].from)].name, to = topology.nodes[Int(hot[l].to)].name
        return RandomStream(name: "network/\(from)->\(to)/\(purpose)", masterSeed: masterSeed, generator: .taus2)
    }
}
