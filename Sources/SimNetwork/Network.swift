import SimKernel

/// A message inside the network, with where it is.
@usableFromInline
struct InFlight<Payload> {
    @usableFromInline var message: Message<Payload>
    /// The link it is on, or -1 for a message to its own source.
    @usableFromInline var link: Int32
    @usableFromInline var linkEpoch: UInt32
    @usableFromInline var nodeEpoch: UInt32

    @inlinable
    init(message: Message<Payload>) {
        self.message = message
        link = -1
        linkEpoch = 0
        nodeEpoch = 0
    }
}

/// The links of a ``Topology`` in motion: queues, transmissions, latency, loss,
/// faults and clocks.
///
/// The network is driven by the model's run loop. The model hands it messages
/// with ``send(_:in:)`` and passes it every ``NetworkEvent`` it receives with
/// ``handle(_:in:)``, which returns the message when that event completes a
/// delivery to its destination. Messages travel hop by hop, store-and-forward:
/// at each hop a message waits for the link, holds it for size × 8 / bandwidth,
/// and arrives one propagation latency later; intermediate nodes forward it at
/// once.
///
/// FIFO links need one event per hop: a FIFO link serves messages in arrival
/// order, so each message's start time is known when it is queued
/// (`max(now, link free at)`), and only its arrival is scheduled. Strict-priority
/// links keep real per-class queues (non-preemptive): a message offered to an
/// idle link starts at once and, as on a FIFO link, only its arrival is
/// scheduled; while messages wait, one end-of-transmission event per
/// transmission picks the next by class.
///
/// Routing follows the tree: a direct peer link to the destination or one of
/// its ancestors if one is up; down toward the destination if it lies below;
/// otherwise up the first uplink that is not cut (a store with two uplinks
/// fails over). Downward routing follows primary parents only.
///
/// Randomness: each link direction draws its latency and its losses from its
/// own streams, named `network/<from>-><to>/latency` and `.../loss`, created
/// only for links that need them (a fixed latency or zero loss draws nothing).
/// They use GSL's taus2 generator, whose state is 24 bytes, so that a
/// deployment with tens of thousands of links can give each its own streams.
public struct Network<Payload> {
    @usableFromInline var layer: LinkLayer
    // Freed slots keep their last message until reused (no Optional wrapper to
    // copy through on every hop); the table never holds more than the peak
    // number of messages in flight.
    @usableFromInline var slots: ContiguousArray<InFlight<Payload>> = []
    @usableFromInline var freeSlots: [UInt32] = []

    /// A network over `topology`, drawing from `streams`' master seed.
    public init(topology: Topology, streams: RandomStreams) {
        layer = LinkLayer(topology: topology, masterSeed: streams.masterSeed)
    }

    public var topology: Topology { layer.topology }

    /// Messages that arrived at a node with no route onward, or were sent with none.
    public var unroutableMessages: Int { layer.unroutableMessages }
    /// Times the network clamped a value to keep time arithmetic in range:
    /// latency draws beyond ``SimDuration/longest`` (counted by the links'
    /// streams), degraded latencies and transmission times beyond it, and
    /// transmissions that would end past every run's end.
    public var clampedDraws: Int { layer.clampedDraws }
    /// Messages offered by a crashed sender.
    public var senderDownMessages: Int { layer.senderDownMessages }
    /// Messages inside the network (queued, in transmission or propagating).
    public var messagesInFlight: Int { slots.count - freeSlots.count }

    /// The link a message at `node` takes toward `destination`, or nil when none leads there.
    public func route(from node: NodeID, to destination: NodeID) -> LinkID? {
        layer.route(from: node, to: destination)
    }

    // MARK: - Sending and receiving

    /// Sends a message from its source toward its destination.
    ///
    /// A message to its own source is delivered by an arrival event at the
    /// current time, through no link.
    ///
    /// - Returns: what happened at the first hop; later hops are counted on their links.
    @inlinable
    @discardableResult
    public mutating func send<E: NetworkEventCarrier>(_ message: Message<Payload>, in sim: inout Simulation<E>) -> SendOutcome {
        let source = Int(message.source.index)
        guard layer.isNodeUp(source) else {
            layer.countSenderDown()
            return .senderDown
        }
        let slot = allocate(message)
        if message.source == message.destination {
            slots[Int(slot)].nodeEpoch = layer.epochOfNode(source)
            sim.schedule(.network(.arrive(slot: slot)), at: sim.now)
            return .accepted
        }
        guard let link = layer.nextLink(from: message.source, to: message.destination) else {
            release(slot)
            layer.countUnroutable()
            return .noRoute
        }
        return offer(slot, to: link, in: &sim)
    }

    /// Handles one of the network's events.
    ///
    /// - Returns: the message, when this event delivers it to its destination.
    @inlinable
    public mutating func handle<E: NetworkEventCarrier>(_ event: NetworkEvent, in sim: inout Simulation<E>) -> Message<Payload>? {
        switch event {
        case .arrive(let slot):
            return arrive(slot, in: &sim)
        case .transmitted(let link):
            guard let (slot, outcome, wake) = layer.transmitted(link: Int(link), now: sim.now.nanoseconds) else { return nil }
            if let wake { sim.schedule(.network(.transmitted(link: link)), at: SimTime(nanoseconds: wake)) }
            apply(outcome, slot: slot, link: Int(link), in: &sim)
            return nil
        }
    }

    @inlinable
    mutating func arrive<E: NetworkEventCarrier>(_ slot: UInt32, in sim: inout Simulation<E>) -> Message<Payload>? {
        let link = slots[Int(slot)].link
        let node: Int
        if link >= 0 {
            let l = Int(link)
            guard layer.arrived(link: l, size: slots[Int(slot)].message.size,
                                trafficClass: slots[Int(slot)].message.trafficClass.rawValue,
                                linkEpoch: slots[Int(slot)].linkEpoch, nodeEpoch: slots[Int(slot)].nodeEpoch) else {
                release(slot)
                return nil
            }
            node = layer.receiver(of: l)
        } else {
            node = Int(slots[Int(slot)].message.source.index)
            guard layer.isNodeUp(node), layer.epochOfNode(node) == slots[Int(slot)].nodeEpoch else {
                release(slot)
                return nil
            }
        }
        let destination = slots[Int(slot)].message.destination
        if node == Int(destination.index) {
            release(slot)
            return slots[Int(slot)].message
        }
        guard let next = layer.nextLink(from: NodeID(node), to: destination) else {
            layer.countUnroutable()
            release(slot)
            return nil
        }
        _ = offer(slot, to: next, in: &sim)
        return nil
    }

    @inlinable
    mutating func offer<E: NetworkEventCarrier>(_ slot: UInt32, to link: LinkID, in sim: inout Simulation<E>) -> SendOutcome {
        let l = Int(link.index)
        let cls = slots[Int(slot)].message.trafficClass.rawValue
        let flow = FlowArrivals.key(source: slots[Int(slot)].message.source.index,
                                    destination: slots[Int(slot)].message.destination.index, trafficClass: cls)
        let admission = layer.offer(link: l, slot: slot, size: slots[Int(slot)].message.size,
                                    trafficClass: cls, flow: flow, now: sim.now.nanoseconds)
        switch admission {
        case .scheduled, .lost:
            apply(admission, slot: slot, link: l, in: &sim)
            if case .lost = admission { return .lost(link) }
            return .accepted
        case .queued(let wake):
            if let wake { sim.schedule(.network(.transmitted(link: Int32(l))), at: SimTime(nanoseconds: wake)) }
            return .accepted
        case .dropped:
            release(slot)
            return .dropped(link)
        }
    }

    @inlinable
    mutating func apply<E: NetworkEventCarrier>(_ admission: Admission, slot: UInt32, link l: Int, in sim: inout Simulation<E>) {
        switch admission {
        case .scheduled(let arrival, let linkEpoch, let nodeEpoch):
            slots[Int(slot)].link = Int32(l)
            slots[Int(slot)].linkEpoch = linkEpoch
            slots[Int(slot)].nodeEpoch = nodeEpoch
            sim.schedule(.network(.arrive(slot: slot)), at: SimTime(nanoseconds: arrival))
        case .lost, .dropped:
            release(slot)
        case .queued:
            break
        }
    }

    // MARK: - Message slots

    @inlinable
    mutating func allocate(_ message: Message<Payload>) -> UInt32 {
        if let slot = freeSlots.popLast() {
            slots[Int(slot)] = InFlight(message: message)
            return slot
        }
        slots.append(InFlight(message: message))
        return UInt32(slots.count - 1)
    }

    @inlinable
    mutating func release(_ slot: UInt32) {
        freeSlots.append(slot)
    }
}
