import EdgeBase

extension ReplicationConfiguration {
    /// Checks that the configuration can run.
    ///
    /// - Throws: ``ReplicationConfigurationError`` naming the first field at
    ///   fault: a zero or negative count or duration, R or W greater than N,
    ///   N greater than the group, an empty group or a duplicate member, a
    ///   home that is not a member, a suspicion timeout not above the
    ///   heartbeat interval.
    public func validate() throws(ReplicationConfigurationError) {
        typealias E = ReplicationConfigurationError
        func positive(_ value: Int, _ field: E.Field) throws(E) {
            guard value > 0 else { throw E(.notPositive, field: field, message: "must be at least 1, got \(value)") }
        }
        func positive(_ value: LocalDuration, _ field: E.Field) throws(E) {
            guard value > .zero else {
                throw E(.notPositive, field: field, message: "must be a positive duration, got \(value)")
            }
        }
        guard !group.isEmpty else { throw E(.invalidGroup, field: .group, message: "must list at least one replica") }
        let sorted = group.sorted()
        for (a, b) in zip(sorted, sorted.dropFirst()) where a == b {
            throw E(.invalidGroup, field: .group, message: "lists replica \(a) twice")
        }
        try positive(replicationFactor, .replicationFactor)
        try positive(readQuorum, .readQuorum)
        try positive(writeQuorum, .writeQuorum)
        guard replicationFactor <= group.count else {
            throw E(
                .exceedsLimit, field: .replicationFactor,
                message: "\(replicationFactor) exceeds the group's \(group.count) replicas")
        }
        guard readQuorum <= replicationFactor else {
            throw E(
                .exceedsLimit, field: .readQuorum,
                message: "\(readQuorum) exceeds replicationFactor \(replicationFactor)")
        }
        guard writeQuorum <= replicationFactor else {
            throw E(
                .exceedsLimit, field: .writeQuorum,
                message: "\(writeQuorum) exceeds replicationFactor \(replicationFactor)")
        }
        if case .keyPrefix(_, let homes) = homePinning {
            for prefix in homes.keys.sorted() where !sorted.contains(homes[prefix]!) {
                throw E(
                    .unknownReplica, field: .homePinning,
                    message: "home of \"\(prefix)\" is \(homes[prefix]!), which is not in the group")
            }
        }
        if case .timestampHeuristic(let threshold) = conflictPolicy, threshold < .zero {
            throw E(.notPositive, field: .conflictPolicy, message: "heuristic threshold must not be negative")
        }
        try positive(requestTimeout, .requestTimeout)
        try positive(heartbeatInterval, .heartbeatInterval)
        try positive(suspicionTimeout, .suspicionTimeout)
        guard suspicionTimeout > heartbeatInterval else {
            throw E(
                .suspicionTooShort, field: .suspicionTimeout,
                message: "\(suspicionTimeout) must exceed heartbeatInterval \(heartbeatInterval)")
        }
        try positive(hintWindow, .hintWindow)
        try positive(hintTTL, .hintTTL)
        try positive(handoffThrottle, .handoffThrottle)
        try positive(antiEntropyPeriod, .antiEntropyPeriod)
        try positive(virtualNodesPerReplica, .virtualNodesPerReplica)
    }
}
