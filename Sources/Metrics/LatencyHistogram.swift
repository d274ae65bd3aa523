import Histogram

/// Durations in nanoseconds, recorded into an HdrHistogram: percentiles within
/// 0.1% of the true sample percentile, from 1 µs to a simulated day, in
/// constant memory.
public struct LatencyHistogram: Sendable {
    var histogram: Histogram<UInt64>
    /// Exact sum, for the mean.
    public private(set) var sumNanoseconds: Int = 0
    /// Exact largest value.
    public private(set) var maxNanoseconds: Int = 0

    public init() {
        histogram = Histogram(lowestDiscernibleValue: 1_000, highestTrackableValue: 86_400_000_000_000,
                              numberOfSignificantValueDigits: .three)
    }

    public var count: Int { Int(histogram.totalCount) }

    /// Records one duration (negative durations are recorded as zero).
    public mutating func record(nanoseconds: Int64) {
        let v = max(0, nanoseconds)
        _ = histogram.record(UInt64(min(v, 86_400_000_000_000)))
        sumNanoseconds += Int(v)
        maxNanoseconds = max(maxNanoseconds, Int(v))
    }

    /// The value at `percentile` (0 to 100), in seconds; NaN when empty.
    public func percentile(_ percentile: Double) -> Double {
        guard count > 0 else { return .nan }
        if percentile >= 100 { return Double(maxNanoseconds) * 1e-9 }
        return Double(histogram.valueAtPercentile(percentile)) * 1e-9
    }

    /// Exact mean in seconds; NaN when empty.
    public var meanSeconds: Double { count > 0 ? Double(sumNanoseconds) / Double(count) * 1e-9 : .nan }

    /// Fraction of recorded values at or below `nanoseconds`.
    public func fraction(atOrBelow nanoseconds: Int64) -> Double {
        guard count > 0 else { return .nan }
        return histogram.percentileAtOrBelowValue(UInt64(max(0, nanoseconds))) / 100
    }
}
