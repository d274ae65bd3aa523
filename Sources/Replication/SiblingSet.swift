import EdgeBase

/// Everything a replica stores for one key: its concurrent versions
/// (siblings), each tagged with a dot, and the causal context that covers
/// every dot the replica has seen for the key.
///
/// This is the dotted-version-vector set of Preguiça et al. (Riak's
/// `dvvset`), written as a causal container: a write carrying a client's
/// context supersedes exactly the siblings whose dots that context covers,
/// and the new sibling gets a fresh dot of its own. With plain per-replica
/// version vectors a replica cannot tell which siblings a client saw, so
/// clients that write back what they read pile up one sibling per write;
/// with dots they do not (the "sibling explosion" Riak measured).
///
/// Dots for a key are issued only by replicas that store the key (owners),
/// from their own entry in ``context``, so an entry `r: n` in any context
/// faithfully means "every dot of `r` up to `n` is here or was superseded".
/// Replicas exchange whole sets and ``merge(_:policy:)`` them; under
/// ``ConflictPolicy/siblings`` that merge is a join (commutative,
/// associative, idempotent), so replicas converge.
public struct SiblingSet: Hashable, Sendable, CustomStringConvertible {
    /// The versions kept, sorted by dot. Tombstones are versions too.
    public internal(set) var versions: [Version]
    /// The causal context: covers the dot of every version ever seen here,
    /// kept or superseded.
    public internal(set) var context: VersionVector

    /// Nothing known about the key.
    public init() {
        versions = []
        context = VersionVector()
    }

    /// A set from parts, for tests and decoders.
    ///
    /// - Precondition: the context covers every version's dot and no two
    ///   versions share a dot.
    public init(versions: [Version], context: VersionVector) {
        let sorted = versions.sorted { $0.dot < $1.dot }
        for (i, version) in sorted.enumerated() {
            precondition(context.covers(version.dot), "context \(context) does not cover \(version.dot)")
            precondition(i == 0 || sorted[i - 1].dot != version.dot, "two versions share \(version.dot)")
        }
        self.versions = sorted
        self.context = context
    }

    /// Whether nothing is known about the key (no version, empty context).
    @inlinable
    public var isEmpty: Bool { versions.isEmpty && context.isEmpty }

    /// The values of the live versions, in dot order.
    public var values: [[UInt8]] { versions.compactMap(\.value) }

    /// Whether the key reads as absent: no live version.
    public var isDeleted: Bool { !versions.contains { !$0.isTombstone } }

    /// What a write or merge did to a set.
    public struct Outcome: Hashable, Sendable {
        /// Whether the set changed.
        public var changed: Bool
        /// Versions that now stand beside a concurrent version as siblings,
        /// or (under the heuristic) conflicts it flagged.
        public var conflictsDetected: Int
        /// Versions dropped because of a timestamp comparison, not because a
        /// later write had seen them: what LWW and the heuristic lose.
        public var discardedByTimestamp: Int

        /// An outcome.
        public init(changed: Bool = false, conflictsDetected: Int = 0, discardedByTimestamp: Int = 0) {
            self.changed = changed
            self.conflictsDetected = conflictsDetected
            self.discardedByTimestamp = discardedByTimestamp
        }
    }

    /// Accepts a client write (or, with `value == nil`, a delete) coordinated
    /// by `coordinator`, which must store this key.
    ///
    /// The new version gets the dot `(coordinator, n + 1)` where `n` is the
    /// coordinator's entry in this set's context (or in `context`, if that
    /// is larger). Under ``ConflictPolicy/siblings`` it supersedes exactly
    /// the versions whose dots `context` covers; the other policies then
    /// resolve it against what is left.
    ///
    /// - Parameters:
    ///   - value: the value, or `nil` to write a tombstone.
    ///   - context: the causal context the client read (empty for a blind
    ///     write).
    ///   - coordinator: the replica accepting the write.
    ///   - timestamp: the coordinator's local clock.
    ///   - policy: the conflict policy.
    /// - Returns: the new version (the write's identity for the client) and
    ///   what happened to the set; the version may already have lost under
    ///   LWW or the heuristic.
    public mutating func write(
        _ value: [UInt8]?, context clientContext: VersionVector, coordinator: ReplicaID,
        timestamp: LocalTime, policy: ConflictPolicy
    ) -> (version: Version, outcome: Outcome) {
        let counter = max(context[coordinator], clientContext[coordinator]) + 1
        let version = Version(
            dot: Dot(replica: coordinator, counter: counter), past: clientContext, timestamp: timestamp, value: value)
        var outcome = Outcome(changed: true)
        switch policy {
        case .siblings:
            let kept = versions.filter { !clientContext.covers($0.dot) }
            outcome.conflictsDetected = kept.isEmpty ? 0 : 1
            versions = kept
            let slot = versions.partitioningIndex { $0.dot > version.dot }
            versions.insert(version, at: slot)
        case .lastWriterWins:
            insertLastWriterWins(version, into: &outcome)
        case .timestampHeuristic(let threshold):
            insertHeuristic(version, threshold: threshold, into: &outcome)
        }
        context = context.merging(clientContext).adding(version.dot)
        return (version, outcome)
    }

    /// Merges what another replica (or a hint, or a read repair) knows.
    ///
    /// Under ``ConflictPolicy/siblings`` a version survives when both sides
    /// have it, or when the other side has not seen its dot (so did not
    /// supersede it); the contexts are joined. Under the other policies each
    /// incoming version is resolved against the stored ones in dot order.
    ///
    /// - Returns: whether this set changed, and what the policy decided.
    @discardableResult
    public mutating func merge(_ other: SiblingSet, policy: ConflictPolicy) -> Outcome {
        let before = self
        var outcome = Outcome()
        switch policy {
        case .siblings:
            var result: [Version] = []
            result.reserveCapacity(versions.count + other.versions.count)
            var added = 0
            var i = 0
            var j = 0
            while i < versions.count || j < other.versions.count {
                if j == other.versions.count || (i < versions.count && versions[i].dot < other.versions[j].dot) {
                    if !other.context.covers(versions[i].dot) { result.append(versions[i]) }
                    i += 1
                } else if i == versions.count || other.versions[j].dot < versions[i].dot {
                    if !context.covers(other.versions[j].dot) {
                        result.append(other.versions[j])
                        added += 1
                    }
                    j += 1
                } else {
                    result.append(versions[i])
                    i += 1
                    j += 1
                }
            }
            versions = result
            if result.count > 1 { outcome.conflictsDetected = added }
        case .lastWriterWins:
            for version in other.versions { insertLastWriterWins(version, into: &outcome) }
        case .timestampHeuristic(let threshold):
            for version in other.versions { insertHeuristic(version, threshold: threshold, into: &outcome) }
        }
        context.merge(other.context)
        outcome.changed = self != before
        return outcome
    }

    /// The merge of this set and `other`, leaving both unchanged.
    public func merging(_ other: SiblingSet, policy: ConflictPolicy) -> SiblingSet {
        var copy = self
        copy.merge(other, policy: policy)
        return copy
    }

    /// `[(r1,3)@... 5B] ctx {r1:3}`.
    public var description: String {
        "[" + versions.map(\.description).joined(separator: ", ") + "] ctx \(context)"
    }
}
