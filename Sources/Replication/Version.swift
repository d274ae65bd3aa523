import EdgeBase

/// One stored version of a key: a value or a tombstone, with its causal
/// metadata.
///
/// The metadata is what an external history checker needs: ``dot`` names the
/// write that created the version (the write's reply carries the same dot),
/// ``past`` is the causal context the writing client presented (what it had
/// seen, hence what this version supersedes), and ``timestamp`` is the
/// coordinator's local clock when it accepted the write.
public struct Version: Hashable, Sendable, CustomStringConvertible {
    /// The identity of the write that created this version.
    public var dot: Dot
    /// The causal context the write carried.
    ///
    /// Under ``ConflictPolicy/timestampHeuristic(threshold:)`` a version that
    /// silently wins over a concurrent one absorbs the loser's history here.
    public var past: VersionVector
    /// The coordinator's local clock when it accepted the write (possibly
    /// skewed).
    public var timestamp: LocalTime
    /// The value, or `nil` for a tombstone (a delete).
    public var value: [UInt8]?

    /// A version.
    public init(dot: Dot, past: VersionVector, timestamp: LocalTime, value: [UInt8]?) {
        self.dot = dot
        self.past = past
        self.timestamp = timestamp
        self.value = value
    }

    /// Whether this version records a delete.
    @inlinable
    public var isTombstone: Bool { value == nil }

    /// The full causal history of this version: its past plus its own dot.
    public var vector: VersionVector { past.adding(dot) }

    /// Whether this version's history includes `other`'s dot (this version
    /// was written by a client that had seen `other`).
    @inlinable
    public func descends(from other: Version) -> Bool {
        dot == other.dot || past.covers(other.dot)
    }

    /// `(r1,3)@<ts> 5B` or `(r1,3)@<ts> tombstone`.
    public var description: String {
        "\(dot)@\(timestamp.nanoseconds) " + (value.map { "\($0.count)B" } ?? "tombstone")
    }
}
