/// A span of local-clock time, in integer nanoseconds: latencies, timeouts,
/// periods, uptime.
///
/// Integer so that sums never depend on the order of floating-point
/// additions. Arithmetic saturates at the ends of `Int64` (see ``LocalTime``).
public struct LocalDuration: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Nanoseconds; negative only as the result of arithmetic.
    public var nanoseconds: Int64

    /// Wraps a span in nanoseconds.
    @inlinable
    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// No time at all.
    public static let zero = LocalDuration(nanoseconds: 0)

    /// `n` nanoseconds.
    @inlinable public static func nanoseconds(_ n: Int64) -> LocalDuration { LocalDuration(nanoseconds: n) }
    /// `n` microseconds.
    @inlinable public static func microseconds(_ n: Int64) -> LocalDuration { LocalDuration(nanoseconds: n) * 1_000 }
    /// `n` milliseconds.
    @inlinable public static func milliseconds(_ n: Int64) -> LocalDuration { LocalDuration(nanoseconds: n) * 1_000_000 }
    /// `n` seconds.
    @inlinable public static func seconds(_ n: Int64) -> LocalDuration { LocalDuration(nanoseconds: n) * 1_000_000_000 }
    /// `n` minutes.
    @inlinable public static func minutes(_ n: Int64) -> LocalDuration { .seconds(n) * 60 }
    /// `n` hours.
    @inlinable public static func hours(_ n: Int64) -> LocalDuration { .seconds(n) * 3_600 }

    /// The shorter span first.
    @inlinable
    public static func < (a: LocalDuration, b: LocalDuration) -> Bool { a.nanoseconds < b.nanoseconds }

    /// The sum of two spans, saturating.
    @inlinable
    public static func + (a: LocalDuration, b: LocalDuration) -> LocalDuration {
        LocalDuration(nanoseconds: saturatingSum(a.nanoseconds, b.nanoseconds))
    }

    /// The difference of two spans, saturating.
    @inlinable
    public static func - (a: LocalDuration, b: LocalDuration) -> LocalDuration {
        LocalDuration(nanoseconds: saturatingDifference(a.nanoseconds, b.nanoseconds))
    }

    /// Adds `b` to `a`, saturating.
    @inlinable
    public static func += (a: inout LocalDuration, b: LocalDuration) { a = a + b }

    /// The span `k` times as long, saturating.
    @inlinable
    public static func * (a: LocalDuration, k: Int64) -> LocalDuration {
        let (product, overflow) = a.nanoseconds.multipliedReportingOverflow(by: k)
        guard overflow else { return LocalDuration(nanoseconds: product) }
        return LocalDuration(nanoseconds: (a.nanoseconds < 0) == (k < 0) ? .max : .min)
    }

    /// The span in nanoseconds followed by "ns", for example "30000000ns".
    public var description: String { "\(nanoseconds)ns" }

    /// `a + b`, clamped to `Int64`.
    @inlinable
    public static func saturatingSum(_ a: Int64, _ b: Int64) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b > 0 ? .max : .min) : sum
    }

    /// `a - b`, clamped to `Int64`.
    @inlinable
    public static func saturatingDifference(_ a: Int64, _ b: Int64) -> Int64 {
        let (difference, overflow) = a.subtractingReportingOverflow(b)
        return overflow ? (b < 0 ? .max : .min) : difference
    }
}
