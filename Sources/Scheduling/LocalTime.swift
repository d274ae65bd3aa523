/// A reading of the scheduler's local clock, in integer nanoseconds.
///
/// The scheduler never reads a clock: the driver passes the local time with
/// every input (a heartbeat arrived, a tick fired, a workload was submitted).
/// In the simulator that is the node's skewed local clock; in a live system it
/// is a monotonic clock. Only differences between readings carry meaning.
public struct LocalTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Nanoseconds since an origin the driver chooses.
    public var nanoseconds: Int64

    /// A reading of `nanoseconds` since the driver's origin.
    @inlinable
    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// The driver's origin.
    public static let zero = LocalTime(nanoseconds: 0)

    @inlinable public static func < (a: LocalTime, b: LocalTime) -> Bool { a.nanoseconds < b.nanoseconds }
    /// The reading `d` after `t`.
    @inlinable public static func + (t: LocalTime, d: LocalDuration) -> LocalTime { LocalTime(nanoseconds: t.nanoseconds + d.nanoseconds) }
    /// The reading `d` before `t`.
    @inlinable public static func - (t: LocalTime, d: LocalDuration) -> LocalTime { LocalTime(nanoseconds: t.nanoseconds - d.nanoseconds) }
    /// The span from `b` to `a`.
    @inlinable public static func - (a: LocalTime, b: LocalTime) -> LocalDuration { LocalDuration(nanoseconds: a.nanoseconds - b.nanoseconds) }

    /// The reading in nanoseconds followed by "ns", for example "1500000000ns".
    public var description: String { "\(nanoseconds)ns" }
}
