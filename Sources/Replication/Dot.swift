/// One event: the `counter`-th update of a key coordinated by `replica`.
///
/// Every version of a key is identified by the dot its coordinator issued.
/// Dots of one key are issued by a replica in increasing order, one at a time,
/// so a version vector entry `replica: n` can stand for "every dot of
/// `replica` up to `n`" (see ``VersionVector/covers(_:)``).
public struct Dot: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The replica that issued the dot.
    public var replica: ReplicaID
    /// The issuing replica's counter for the key, from 1.
    public var counter: UInt64

    /// A dot.
    ///
    /// - Precondition: `counter` is at least 1.
    @inlinable
    public init(replica: ReplicaID, counter: UInt64) {
        precondition(counter > 0, "a dot counts from 1")
        self.replica = replica
        self.counter = counter
    }

    /// Ordered by replica, then counter: an arbitrary but fixed order used to
    /// lay out siblings and break timestamp ties.
    @inlinable
    public static func < (a: Dot, b: Dot) -> Bool {
        (a.replica, a.counter) < (b.replica, b.counter)
    }

    /// `(r3,7)` for the 7th dot of replica 3.
    public var description: String { "(\(replica),\(counter))" }
}
