import SimKernel

/// A node's local clock: simulated time plus an offset and a drift.
///
/// Protocol code reads only its node's local clock, so skew and drift reach
/// it the way they would in a real deployment. local(t) = t + offset +
/// (t − since) × drift, with drift in parts per billion, computed in integers.
public struct NodeClock: Hashable, Sendable {
    /// Local minus true time at `since`, nanoseconds.
    public var offsetNanoseconds: Int64 = 0
    /// Drift rate in parts per billion (1 ppm = 1000 ppb); positive runs fast.
    public var driftPartsPerBillion: Int64 = 0
    /// The true time from which drift accumulates.
    public var since: Int64 = 0

    public init() {}

    /// The local reading at true time `now`.
    public func localTime(at now: SimTime) -> SimTime {
        let elapsed = now.nanoseconds - since
        let product = elapsed.multipliedFullWidth(by: driftPartsPerBillion)
        let (drift, _) = Int64(1_000_000_000).dividingFullWidth(product)
        return SimTime(nanoseconds: now.nanoseconds + offsetNanoseconds + drift)
    }
}

extension Network {
    /// Sets a node's clock from `now` on: its local reading becomes `now + offset`
    /// and then drifts by `driftPPM` parts per million.
    public mutating func setClock(of node: NodeID, offset: SimDuration, driftPPM: Double, at now: SimTime) {
        var clock = NodeClock()
        clock.offsetNanoseconds = offset.nanoseconds
        clock.driftPartsPerBillion = Int64((driftPPM * 1_000).rounded())
        clock.since = now.nanoseconds
        layer.clocks[Int(node.index)] = clock
    }

    /// The node's local clock reading at true time `now`.
    public func localTime(of node: NodeID, at now: SimTime) -> SimTime {
        layer.clocks[Int(node.index)].localTime(at: now)
    }
}
