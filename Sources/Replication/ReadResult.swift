/// What a read returned.
///
/// Carries every version (tombstones included) with its dot, past and
/// timestamp, so a history checker can tell a stale read (a version older
/// than an acknowledged write) from a lost write (an acknowledged dot that
/// no later read covers).
public struct ReadResult: Hashable, Sendable {
    /// The key read.
    public var key: String
    /// The merged versions of the responding replicas, sorted by dot.
    public var versions: [Version]
    /// The merged causal context: pass it to the next write or delete to
    /// supersede everything this read returned.
    public var context: VersionVector
    /// The replicas whose answers were merged, sorted (the coordinator
    /// included when it holds the key).
    public var responders: [ReplicaID]
    /// The replica that coordinated the read.
    public var coordinator: ReplicaID

    /// A read result.
    public init(
        key: String, versions: [Version], context: VersionVector, responders: [ReplicaID], coordinator: ReplicaID
    ) {
        self.key = key
        self.versions = versions
        self.context = context
        self.responders = responders
        self.coordinator = coordinator
    }

    /// The values of the live versions (siblings), in dot order.
    public var values: [[UInt8]] { versions.compactMap(\.value) }

    /// Whether some live version exists.
    public var isFound: Bool { versions.contains { !$0.isTombstone } }
}
