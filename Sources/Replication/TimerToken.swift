/// Names a timer a replica asked its driver to set.
///
/// Setting a token that is already set moves it; the driver hands the token
/// back through ``Replica/timerFired(_:now:)`` when it expires. Periodic
/// timers carry the incarnation that set them, so a timer left over from
/// before a crash is ignored rather than doubling the period.
public enum TimerToken: Hashable, Sendable, CustomStringConvertible {
    /// Send heartbeats, expire and hand off hints.
    case heartbeat(incarnation: UInt32)
    /// Start an anti-entropy round with the next peer.
    case antiEntropy(incarnation: UInt32)
    /// The deadline of a pending operation.
    case request(OperationID)

    /// `heartbeat#0`, `antiEntropy#1`, `request(op0.3)`.
    public var description: String {
        switch self {
        case .heartbeat(let incarnation): "heartbeat#\(incarnation)"
        case .antiEntropy(let incarnation): "antiEntropy#\(incarnation)"
        case .request(let operation): "request(\(operation))"
        }
    }
}
