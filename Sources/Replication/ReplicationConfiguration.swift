import EdgeBase

/// Every knob of a replica, with the defaults a store-edge deployment
/// starts from.
///
/// Durations are in the replica's local-clock nanoseconds (``LocalDuration``).
/// Call ``validate()`` (``Replica/init(id:configuration:)`` does) before use;
/// every replica of a group must run the same configuration, since they all
/// compute the same placement.
public struct ReplicationConfiguration: Hashable, Sendable {
    /// N: how many replicas hold each key. Default 3.
    public var replicationFactor: Int = 3
    /// R: responses a read waits for. Default 2.
    public var readQuorum: Int = 2
    /// W: acknowledgements (the coordinator's own write included) a write
    /// waits for. Default 2.
    public var writeQuorum: Int = 2
    /// Sloppy quorum: when an owner is suspected, send its copy to the next
    /// healthy node on the ring with a hint naming the owner, and count that
    /// node's acknowledgement. When `false`, only owners count. Default `true`.
    public var sloppyQuorum: Bool = true
    /// The replication group: every replica that takes part in placement.
    public var group: [ReplicaID]
    /// Pinning of a key's first replica to its home node. Default disabled.
    public var homePinning: HomePinning = .disabled
    /// What to do with concurrent versions. Default ``ConflictPolicy/siblings``.
    public var conflictPolicy: ConflictPolicy = .siblings
    /// How long a coordinator waits for its quorum before failing with
    /// ``ReplicationError/Kind/timeout``. Default 1 s.
    public var requestTimeout: LocalDuration = .seconds(1)
    /// Period of heartbeats to every other member; hinted handoff and hint
    /// expiry run on the same tick. Default 500 ms.
    public var heartbeatInterval: LocalDuration = .milliseconds(500)
    /// A member not heard from (any message counts) for longer than this is
    /// suspected. Must exceed ``heartbeatInterval``. Default 2 s.
    public var suspicionTimeout: LocalDuration = .seconds(2)
    /// Once an owner has been suspected for longer than this, coordinators
    /// stop writing hints for it (no stand-in takes its copy; anti-entropy
    /// repairs it later). Default 3 h.
    public var hintWindow: LocalDuration = .hours(3)
    /// A hint not delivered within this time of being stored is dropped (and
    /// counted as expired). Default 24 h.
    public var hintTTL: LocalDuration = .hours(24)
    /// Hints sent per owner per heartbeat tick, at most. Default 32.
    public var handoffThrottle: Int = 32
    /// Whether replicas periodically exchange digests of the keys they share
    /// and repair the differences. Default `true`.
    public var antiEntropy: Bool = true
    /// Period of anti-entropy rounds (one peer per round, in turn). Default 30 s.
    public var antiEntropyPeriod: LocalDuration = .seconds(30)
    /// Whether a read writes the merged version back to the replicas that
    /// answered with a stale one. Default `true`.
    public var readRepair: Bool = true
    /// Points per member on the consistent-hash ring. Default 64.
    public var virtualNodesPerReplica: Int = 64

    /// A configuration for `group` with every other knob at its default.
    public init(group: [ReplicaID]) {
        self.group = group
    }

    /// A configuration for `group`, adjusted by `body`.
    ///
    /// ```swift
    /// let config = ReplicationConfiguration(group: [0, 1, 2, 3]) {
    ///     $0.writeQuorum = 1
    ///     $0.conflictPolicy = .lastWriterWins
    /// }
    /// ```
    public init(group: [ReplicaID], _ body: (inout ReplicationConfiguration) -> Void) {
        self.group = group
        body(&self)
    }
}
