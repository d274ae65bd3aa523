/// A reading of one node's local clock, in integer nanoseconds.
///
/// The sans-I/O libraries (replication, scheduling) never read a clock: their
/// driver passes the local time with every input. In the simulator that is
/// the node's skewed and drifting clock; in a live system, a monotonic clock.
/// Two readings are compared only when both were taken on the same node,
/// except where a conflict policy deliberately trusts another node's
/// timestamp (last-writer-wins), which is the point of that policy.
///
/// Arithmetic saturates at the ends of `Int64` instead of trapping or
/// wrapping: a deadline computed past the end of representable time is
/// simply never reached, whatever a scenario's durations are.
public struct LocalTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Nanoseconds since the clock's own epoch.
    public var nanoseconds: Int64

    /// Wraps a clock reading.
    @inlinable
    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// The clock's epoch.
    public static let zero = LocalTime(nanoseconds: 0)

    /// The earlier reading first.
    @inlinable
    public static func < (a: LocalTime, b: LocalTime) -> Bool { a.nanoseconds < b.nanoseconds }

    /// The instant `d` after `t`, saturating.
    @inlinable
    public static func + (t: LocalTime, d: LocalDuration) -> LocalTime {
        LocalTime(nanoseconds: LocalDuration.saturatingSum(t.nanoseconds, d.nanoseconds))
    }

    /// The instant `d` before `t`, saturating.
    @inlinable
    public static func - (t: LocalTime, d: LocalDuration) -> LocalTime {
        LocalTime(nanoseconds: LocalDuration.saturatingDifference(t.nanoseconds, d.nanoseconds))
    }

    /// The span from `b` to `a` (negative when `a` is earlier), saturating.
    @inlinable
    public static func - (a: LocalTime, b: LocalTime) -> LocalDuration {
        LocalDuration(nanoseconds: LocalDuration.saturatingDifference(a.nanoseconds, b.nanoseconds))
    }

    /// The reading in nanoseconds followed by "ns", for example "1500000000ns".
    public var description: String { "\(nanoseconds)ns" }
}
