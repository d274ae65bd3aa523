import Foundation

/// A metric's value, printed the same way on every run.
///
/// Counts stay integers, money stays exact decimal, and reals print with nine
/// significant digits, so that equal runs give equal bytes.
public enum MetricNumber: Sendable, Hashable {
    case count(Int)
    case real(Double)
    case money(Decimal)

    /// The value as a `Double`, for statistics across repetitions.
    public var doubleValue: Double {
        switch self {
        case .count(let n): return Double(n)
        case .real(let x): return x
        case .money(let d): return NSDecimalNumber(decimal: d).doubleValue
        }
    }

    /// The CSV text of the value.
    public var text: String {
        switch self {
        case .count(let n): return String(n)
        case .real(let x): return MetricNumber.format(x)
        case .money(let d): return MetricNumber.format(d, places: 4)
        }
    }

    /// Nine significant digits; "nan" and "inf" spelled out.
    public static func format(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        if x == 0 { return "0" }
        return String(format: "%.9g", x)
    }

    /// Exact decimal rounded half-even to `places` decimals.
    public static func format(_ d: Decimal, places: Int) -> String {
        var value = d
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, places, .bankers)
        return NSDecimalNumber(decimal: rounded).stringValue
    }
}

/// One named measurement of one run.
public struct MetricValue: Sendable, Hashable {
    /// Name as in docs/METRICS.md, e.g. "update_latency_p99".
    public var name: String
    /// "s", "bytes", "count", "fraction", "usd".
    public var unit: String
    public var value: MetricNumber

    public init(_ name: String, _ unit: String, _ value: MetricNumber) {
        self.name = name
        self.unit = unit
        self.value = value
    }
}
