/// What a write (or delete) returned.
public struct WriteResult: Hashable, Sendable {
    /// The key written.
    public var key: String
    /// The version the write created: its dot identifies the write in later
    /// reads, its timestamp is the coordinator's local clock.
    public var version: Version
    /// The coordinator's causal context after the write: pass it to the
    /// next write to supersede the versions in ``siblings``.
    public var context: VersionVector
    /// The versions the coordinator holds after the write, sorted by dot.
    /// Under LWW or the heuristic this may already exclude ``version``.
    public var siblings: [Version]
    /// The replicas whose acknowledgements made the quorum, sorted (the
    /// coordinator included).
    public var acknowledgedBy: [ReplicaID]
    /// How many copies went to stand-ins with hints (sloppy quorum).
    public var hintedCopies: Int
    /// The replica that coordinated the write.
    public var coordinator: ReplicaID

    /// A write result.
    public init(
        key: String, version: Version, context: VersionVector, siblings: [Version], acknowledgedBy: [ReplicaID],
        hintedCopies: Int, coordinator: ReplicaID
    ) {
        self.key = key
        self.version = version
        self.context = context
        self.siblings = siblings
        self.acknowledgedBy = acknowledgedBy
        self.hintedCopies = hintedCopies
        self.coordinator = coordinator
    }
}
