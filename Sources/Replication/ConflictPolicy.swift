import EdgeBase

/// What a replica does when it holds concurrent versions of a key.
public enum ConflictPolicy: Hashable, Sendable {
    /// Keep every concurrent version (siblings) and return them all to the
    /// client, with a causal context that lets its next write supersede
    /// exactly the versions it read. Nothing acknowledged is lost; the
    /// application merges (see ``PNCounter`` for counts).
    case siblings

    /// Last writer wins (`lww`): keep only the version with the greatest
    /// coordinator timestamp (ties broken by dot), ignoring causality.
    ///
    /// Timestamps come from each coordinator's local, possibly skewed, clock,
    /// so a write acknowledged by a node whose clock is behind can vanish
    /// behind an older write. That loss is what this policy exists to show.
    case lastWriterWins

    /// Merge the vectors and report a conflict only when the incoming version
    /// is more than one step ahead of the stored one *and* more than
    /// `threshold` newer by timestamp; otherwise silently keep the newer one
    /// (absorbing the other's history).
    ///
    /// A heuristic some systems shipped; kept to show which concurrent writes
    /// it loses. The usual threshold is 5 seconds
    /// (``defaultHeuristicThreshold``).
    case timestampHeuristic(threshold: LocalDuration)

    /// Five seconds, the threshold of the heuristic as usually described.
    public static let defaultHeuristicThreshold = LocalDuration.seconds(5)
}
