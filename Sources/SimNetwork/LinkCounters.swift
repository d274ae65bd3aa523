/// What one direction of a link did with one traffic class's messages.
///
/// Every message offered to a link ends in exactly one of delivered, lost or
/// dropped, so `sent == delivered + lost + dropped + in flight`.
public struct LinkCounters: Hashable, Sendable {
    /// Messages offered to the link (queued, sent or refused).
    public var sentMessages = 0
    public var sentBytes = 0
    /// Messages that began transmission.
    public var transmittedMessages = 0
    /// Sum over transmitted messages of the time from queueing to the start of
    /// transmission, nanoseconds.
    public var queueingDelayNanoseconds = 0
    /// Messages that reached the far end with the receiving node up.
    public var deliveredMessages = 0
    public var deliveredBytes = 0
    /// Messages lost on the wire, to a cut, or to a crash at either end.
    public var lostMessages = 0
    public var lostBytes = 0
    /// Messages refused because the queue was full.
    public var droppedMessages = 0
    public var droppedBytes = 0

    public init() {}

    /// Adds another counter set into this one.
    public mutating func add(_ o: LinkCounters) {
        sentMessages += o.sentMessages
        sentBytes += o.sentBytes
        deliveredMessages += o.deliveredMessages
        deliveredBytes += o.deliveredBytes
        lostMessages += o.lostMessages
        lostBytes += o.lostBytes
        droppedMessages += o.droppedMessages
        droppedBytes += o.droppedBytes
        transmittedMessages += o.transmittedMessages
        queueingDelayNanoseconds += o.queueingDelayNanoseconds
    }

    /// Mean queueing delay in seconds over transmitted messages (0 when none).
    public var meanQueueingDelaySeconds: Double {
        transmittedMessages == 0 ? 0 : Double(queueingDelayNanoseconds) / Double(transmittedMessages) * 1e-9
    }
}

/// The traffic across one tier boundary in one direction (device to store, ...).
public struct BoundaryTraffic: Hashable, Sendable {
    public let from: Tier
    public let to: Tier
    public var counters: LinkCounters
    /// Sum of the busy time of the links crossing it, nanoseconds.
    public var busyNanoseconds: Int
}
