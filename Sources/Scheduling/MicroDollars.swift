/// An amount of US dollars as an exact integer of millionths of a dollar.
///
/// ClusterNode prices are per hour: `MicroDollars(600_000)` is $0.60 an hour. An
/// integer, so that cost comparisons and sums never depend on rounding.
public struct MicroDollars: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Millionths of a US dollar.
    public var value: Int64

    /// `value` millionths of a dollar.
    @inlinable public init(_ value: Int64) { self.value = value }

    /// `dollars` whole dollars and `micros` millionths: `.dollars(4, micros: 250_000)` is $4.25.
    @inlinable
    public static func dollars(_ dollars: Int64, micros: Int64 = 0) -> MicroDollars {
        MicroDollars(dollars * 1_000_000 + micros)
    }

    /// Nothing.
    public static let zero = MicroDollars(0)

    @inlinable public static func < (a: MicroDollars, b: MicroDollars) -> Bool { a.value < b.value }

    /// Dollars with six decimals, for example "$0.600000".
    public var description: String {
        let sign = value < 0 ? "-" : ""
        let magnitude = value.magnitude
        let fraction = String(magnitude % 1_000_000)
        return "\(sign)$\(magnitude / 1_000_000).\(String(repeating: "0", count: 6 - fraction.count))\(fraction)"
    }
}
