/// Event counts of one replica since it was created.
///
/// Counters are measurements, not replica state: they survive
/// ``Replica/crash()``. All are cumulative except ``hintBacklog``.
public struct ReplicaCounters: Hashable, Sendable {
    /// Client reads this replica coordinated (not counting forwarded ones
    /// it handed on).
    public var readsCoordinated = 0
    /// Client writes and deletes this replica coordinated.
    public var writesCoordinated = 0
    /// Client requests handed to an owner because this replica is not one.
    public var requestsForwarded = 0
    /// Coordinated writes that sent at least one copy to a stand-in with a
    /// hint.
    public var sloppyWrites = 0
    /// Hints this replica accepted as a stand-in.
    public var hintsStored = 0
    /// Hints the owner acknowledged; dropped from the backlog.
    public var hintsDelivered = 0
    /// Hints dropped undelivered because they outlived the hint TTL.
    public var hintsExpired = 0
    /// Hints held now, waiting for their owners
    /// (`hintsStored - hintsDelivered - hintsExpired`).
    public var hintBacklog = 0
    /// Versions that came to stand beside a concurrent version at this
    /// replica (siblings), or conflicts the heuristic flagged. A conflict is
    /// counted at every replica that sees it.
    public var conflictsDetected = 0
    /// Versions this replica dropped on a timestamp comparison although
    /// nothing that replaced them had seen them (LWW and the heuristic).
    public var versionsDiscardedByTimestamp = 0
    /// Replicas (this one included) a read coordinator sent the merged
    /// state to because they answered with a stale one.
    public var readRepairs = 0
    /// Anti-entropy rounds this replica started.
    public var antiEntropyRounds = 0
    /// Keys whose state changed at this replica by an anti-entropy exchange.
    public var antiEntropyKeysRepaired = 0
    /// Requests answered ``ReplicationError/Kind/timeout``.
    public var requestsTimedOut = 0
    /// Requests answered ``ReplicationError/Kind/quorumUnavailable``.
    public var requestsUnavailable = 0

    /// All zero.
    public init() {}
}
