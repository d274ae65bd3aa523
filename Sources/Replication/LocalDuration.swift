/// A span of local-clock time, in integer nanoseconds.
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
    @inlinable public static func microseconds(_ n: Int64) -> LocalDuration { LocalDuration(nanoseconds: n * 1_000) }
    /// `n` milliseconds.
    @inlinable public static func milliseconds(_ n: Int64) -> LocalDuration { LocalDuration(nanoseconds: n * 1_000_000) }
    /// `n` seconds.
    @inlinable public static func seconds(_ n: Int64) -> LocalDuration { LocalDuration(nanoseconds: n * 1_000_000_000) }
    /// `n` minutes.
    @inlinable public static func minutes(_ n: Int64) -> LocalDuration { .seconds(n * 60) }
    /// `n` hours.
    @inlinable public static func hours(_ n: Int64) -> LocalDuration { .seconds(n * 3_600) }

    /// The shorter span first.

    /// The shorter span first.
    @inlinable
    public static func < (a: LocalDuration, b: LocalDuration) -> Bool { a.nanoseconds < b.nanoseconds }

    /// The sum of two spans.
    @inlinable
    public static func + (a: LocalDuration, b: LocalDuration) -> LocalDuration {
        LocalDuration(nanoseconds: a.nanoseconds &+ b.nanoseconds)
    }

    /// The span `k` times as long.
    @inlinable
    public static func * (a: LocalDuration, k: Int64) -> LocalDuration {
        LocalDuration(nanoseconds: a.nanoseconds &* k)
    }

    /// The span in nanoseconds followed by `ns`.
    public var description: String { "\(nanoseconds)ns" }
}
