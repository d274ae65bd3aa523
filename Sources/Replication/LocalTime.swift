/// A reading of one node's local clock, in integer nanoseconds.
///
/// The clock may be skewed or drift relative to other nodes: the library
/// compares two `LocalTime`s only when both were read on the same node, except
/// where a conflict policy deliberately trusts another node's timestamp
/// (``ConflictPolicy/lastWriterWins``), which is the point of that policy.
public struct LocalTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Nanoseconds since the clock's own epoch.
    public var nanoseconds: Int64

    /// Wraps a clock reading.
    @inlinable
    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// The clock's epoch.
    public static let zero = LocalTime(nanoseconds: 0)

    /// The earlier reading first.

    /// The earlier reading first.
    @inlinable
    public static func < (a: LocalTime, b: LocalTime) -> Bool { a.nanoseconds < b.nanoseconds }

    /// The instant `d` after `t`.
    @inlinable
    public static func + (t: LocalTime, d: LocalDuration) -> LocalTime {
        LocalTime(nanoseconds: t.nanoseconds &+ d.nanoseconds)
    }

    /// The instant `d` before `t`.
    @inlinable
    public static func - (t: LocalTime, d: LocalDuration) -> LocalTime {
        LocalTime(nanoseconds: t.nanoseconds &- d.nanoseconds)
    }

    /// The span from `b` to `a` (negative when `a` is earlier).
    @inlinable
    public static func - (a: LocalTime, b: LocalTime) -> LocalDuration {
        LocalDuration(nanoseconds: a.nanoseconds &- b.nanoseconds)
    }

    /// The reading in nanoseconds followed by `ns`.
    public var description: String { "\(nanoseconds)ns" }
}
