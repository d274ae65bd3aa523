import EdgeBase

// Hinted hand-off at the stand-in: expiry and throttled delivery on every
// heartbeat tick, and the owner's acknowledgement.

extension Replica {
    /// Drops hints past their TTL, then sends each owner this replica does
    /// not suspect up to ``ReplicationConfiguration/handoffThrottle`` of its
    /// hints, oldest first. A hint sent and not acknowledged within the
    /// request timeout is sent again.
    mutating func handOffHints(now: LocalTime, into effects: inout [ReplicaEffect]) {
        for expired in hintStore.expire(olderThan: configuration.hintTTL, now: now) {
            hintsInFlight[expired] = nil
            counters.hintsExpired += 1
        }
        var sent: [ReplicaID: Int] = [:]  // looked up, never iterated
        for hint in hintStore.hints where !detector.isSuspected(hint.owner, now: now) {
            let already = sent[hint.owner, default: 0]
            guard already < configuration.handoffThrottle else { continue }
            if let since = hintsInFlight[hint.id], now - since < configuration.requestTimeout { continue }
            hintsInFlight[hint.id] = now
            sent[hint.owner] = already + 1
            effects.append(.send(.hint(id: hint.id, key: hint.key, state: hint.state), to: hint.owner))
        }
        counters.hintBacklog = hintStore.count
    }

    /// The owner merged hint `hintID`: drop it.
    mutating func hintAcknowledged(_ hintID: UInt64) {
        hintsInFlight[hintID] = nil
        if hintStore.remove(id: hintID) {
            counters.hintsDelivered += 1
            counters.hintBacklog = hintStore.count
        }
    }
}
