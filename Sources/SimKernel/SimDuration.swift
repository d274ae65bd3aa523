/// A span of simulated time, in integer nanoseconds.
///
/// Simulated time is an integer so that runs are deterministic: sums of
/// durations never depend on the order of floating-point additions.
/// Human units ("250us", "150ms", "2.5s", "5m", "1h", "2d") parse exactly,
/// without a detour through `Double`; see ``init(parsing:)``.
public struct SimDuration: Hashable, Comparable, Sendable {
    /// Nanoseconds. May be negative only as the result of arithmetic.
    public var nanoseconds: Int64

    @inlinable
    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    public static let zero = SimDuration(nanoseconds: 0)

    @inlinable public static func nanoseconds(_ n: Int64) -> SimDuration { SimDuration(nanoseconds: n) }
    @inlinable public static func microseconds(_ n: Int64) -> SimDuration { SimDuration(nanoseconds: n * 1_000) }
    @inlinable public static func milliseconds(_ n: Int64) -> SimDuration { SimDuration(nanoseconds: n * 1_000_000) }
    @inlinable public static func seconds(_ n: Int64) -> SimDuration { SimDuration(nanoseconds: n * 1_000_000_000) }
    @inlinable public static func minutes(_ n: Int64) -> SimDuration { .seconds(n * 60) }
    @inlinable public static func hours(_ n: Int64) -> SimDuration { .seconds(n * 3_600) }

    /// Converts seconds given as a `Double`, truncating toward zero to whole
    /// nanoseconds (as `(int64_t)(x * 1e9)` does in C).
    ///
    /// - Precondition: `seconds` is finite and within ±292 years.
    @inlinable
    public init(seconds: Double) {
        let ns = seconds * 1e9
        precondition(ns.isFinite && abs(ns) < 9.2e18, "duration out of range: \(seconds) s")
        self.nanoseconds = Int64(ns)
    }

    /// The longest duration a scenario may state or a draw may give: 100
    /// years (36 500 days).
    ///
    /// Any instant of a run (at most this long) plus any such duration stays
    /// far inside `Int64` nanoseconds (±292 years), so the simulator's time
    /// arithmetic cannot overflow: validation refuses longer values, and
    /// draws are clamped to it (see ``Distribution/sampleDuration(_:)``).
    public static let longest = SimDuration(nanoseconds: 36_500 * 86_400 * 1_000_000_000)

    /// Converts seconds given as a `Double` to whole nanoseconds, clamped to
    /// `0...longest` (NaN gives zero).
    ///
    /// - Returns: the duration, and whether it had to be clamped.
    @inlinable
    public static func clamping(seconds: Double) -> (duration: SimDuration, clamped: Bool) {
        let ns = seconds * 1e9
        if ns >= 0 && ns <= Double(longest.nanoseconds) { return (SimDuration(nanoseconds: Int64(ns)), false) }
        if ns > 0 { return (longest, true) }
        return (.zero, !(ns <= 0))   // a negative draw is truncated, not clamped; NaN counts
    }

    /// The duration in seconds, as a `Double` (for reporting only).
    @inlinable public var seconds: Double { Double(nanoseconds) * 1e-9 }

    @inlinable public static func < (a: SimDuration, b: SimDuration) -> Bool { a.nanoseconds < b.nanoseconds }
    @inlinable public static func + (a: SimDuration, b: SimDuration) -> SimDuration { SimDuration(nanoseconds: a.nanoseconds + b.nanoseconds) }
    @inlinable public static func - (a: SimDuration, b: SimDuration) -> SimDuration { SimDuration(nanoseconds: a.nanoseconds - b.nanoseconds) }
    @inlinable public static func * (a: SimDuration, k: Int64) -> SimDuration { SimDuration(nanoseconds: a.nanoseconds * k) }
    @inlinable public static func += (a: inout SimDuration, b: SimDuration) { a.nanoseconds += b.nanoseconds }
}

/// An instant of simulated time: nanoseconds since the start of the run.
public struct SimTime: Hashable, Comparable, Sendable {
    /// Nanoseconds since the start of the run.
    public var nanoseconds: Int64

    @inlinable
    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// The start of every run.
    public static let zero = SimTime(nanoseconds: 0)

    /// Seconds since the start, as a `Double` (for reporting only).
    @inlinable public var seconds: Double { Double(nanoseconds) * 1e-9 }

    @inlinable public static func < (a: SimTime, b: SimTime) -> Bool { a.nanoseconds < b.nanoseconds }
    @inlinable public static func + (t: SimTime, d: SimDuration) -> SimTime { SimTime(nanoseconds: t.nanoseconds + d.nanoseconds) }
    @inlinable public static func - (t: SimTime, d: SimDuration) -> SimTime { SimTime(nanoseconds: t.nanoseconds - d.nanoseconds) }
    @inlinable public static func - (a: SimTime, b: SimTime) -> SimDuration { SimDuration(nanoseconds: a.nanoseconds - b.nanoseconds) }
    @inlinable public static func += (t: inout SimTime, d: SimDuration) { t.nanoseconds += d.nanoseconds }
}

extension SimTime: CustomStringConvertible {
    /// The offset from the start of the run in the same units as ``SimDuration``, prefixed by "t+".
    public var description: String { "t+" + SimDuration(nanoseconds: nanoseconds).description }
}
