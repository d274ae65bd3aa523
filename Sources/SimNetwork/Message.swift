import SimKernel

/// A message on the network: who sends it to whom, how big it is, what it carries.
public struct Message<Payload> {
    public var source: NodeID
    public var destination: NodeID
    /// Bytes on the wire, headers included.
    public var size: Int
    public var trafficClass: TrafficClass
    /// When the source sent it; end-to-end latency is arrival time minus this.
    public var createdAt: SimTime
    public var payload: Payload

    public init(source: NodeID, destination: NodeID, size: Int, trafficClass: TrafficClass,
                createdAt: SimTime, payload: Payload) {
        precondition(size >= 0, "a message cannot have a negative size")
        self.source = source
        self.destination = destination
        self.size = size
        self.trafficClass = trafficClass
        self.createdAt = createdAt
        self.payload = payload
    }
}

/// The network's own events, carried inside the model's event type.
///
/// Plain values: a slot index into the network's table of messages in flight,
/// or a link index.
public enum NetworkEvent: Hashable, Sendable {
    /// The message in this slot reaches the far end of its current link.
    case arrive(slot: UInt32)
    /// A strict-priority link finished sending its current message.
    case transmitted(link: Int32)
}

/// A model's event type that can carry the network's events.
///
/// ```swift
/// enum WorldEvent: NetworkEventCarrier {
///     case tick
///     case network(NetworkEvent)
/// }
/// ```
public protocol NetworkEventCarrier {
    static func network(_ event: NetworkEvent) -> Self
}

/// What became of a message handed to ``Network/send(_:in:)`` at its first hop.
public enum SendOutcome: Hashable, Sendable {
    /// On its way (queued or in transmission on its first link).
    case accepted
    /// The first link's queue was full.
    case dropped(LinkID)
    /// Lost at the first link (cut, or lost on the wire).
    case lost(LinkID)
    /// The sender is crashed.
    case senderDown
    /// No link leads toward the destination.
    case noRoute
}
