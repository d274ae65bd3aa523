import EdgeBase

/// Something a replica asks its driver to do.
///
/// A replica performs no I/O: each input returns an array of effects, to be
/// applied in order. Sends are fire-and-forget; timers are one-shot.
public enum ReplicaEffect: Hashable, Sendable {
    /// Deliver `message` to replica `to` (it may be delayed or lost).
    case send(ReplicaMessage, to: ReplicaID)
    /// Call ``Replica/timerFired(_:now:)`` with the token once the local
    /// clock reads `at` or later (replacing any timer with the same token).
    case setTimer(TimerToken, at: LocalTime)
    /// Forget the timer with this token, if it is set.
    case cancelTimer(TimerToken)
    /// Answer a client request.
    case respond(ClientResponse)
}
