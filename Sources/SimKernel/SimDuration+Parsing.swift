/// A duration text that could not be read, and why.
///
/// Cases can be added without breaking callers: match on ``kind`` with a
/// `default` branch.
public struct DurationParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was wrong with the text.
    public enum Kind: Hashable, Sendable {
        /// Empty, or only white space.
        case empty
        /// No digits before the unit, or characters that are not a number.
        case malformedNumber
        /// No unit, or one that is not ns, us, ms, s, m, h or d.
        case unknownUnit
        /// A leading minus sign: durations in scenarios are never negative.
        case negative
        /// More fractional digits than whole nanoseconds can hold.
        case tooPrecise
        /// Larger than about 292 years.
        case overflow
    }

    /// The text as given.
    public let text: String
    /// What was wrong with it.
    public let kind: Kind

    public var description: String {
        let why: String
        switch kind {
        case .empty: why = "is empty"
        case .malformedNumber: why = "is not a number followed by a unit"
        case .unknownUnit: why = "needs a unit: ns, us, ms, s, m, h or d (as in \"150ms\" or \"2.5s\")"
        case .negative: why = "is negative; durations must be zero or more"
        case .tooPrecise: why = "is finer than one nanosecond"
        case .overflow: why = "is too large (the limit is about 292 years)"
        }
        return "duration \"\(text)\" \(why)"
    }
}

extension SimDuration {
    /// The units a duration text may carry, with their length in nanoseconds,
    /// longest suffix first so that "ms" is not read as "m".
    static let units: [(suffix: String, nanoseconds: Int64)] = [
        ("ns", 1), ("us", 1_000), ("µs", 1_000), ("ms", 1_000_000),
        ("s", 1_000_000_000), ("m", 60_000_000_000), ("h", 3_600_000_000_000),
        ("d", 86_400_000_000_000),
    ]

    /// Reads a duration written as people write it: a non-negative decimal
    /// number and a unit, optionally separated by spaces.
    ///
    /// Accepted units: `ns`, `us` (or `µs`), `ms`, `s`, `m` (minutes), `h`, `d`.
    /// The number is read exactly in decimal: "2.5s" is 2 500 000 000 ns, and
    /// "0.1ms" is 100 000 ns, with no rounding through `Double`.
    ///
    /// - Parameter text: for example "250us", "150ms", "2.5s", "5m", "1h", "2d".
    /// - Throws: ``DurationParseError`` naming the text and what is wrong.
    public init(parsing text: String) throws(DurationParseError) {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else { throw DurationParseError(text: text, kind: .empty) }
        if trimmed.hasPrefix("-") { throw DurationParseError(text: text, kind: .negative) }
        // The number is the leading run of digits and dots; the unit is what follows.
        var body = Substring(trimmed)
        if body.hasPrefix("+") { body = body.dropFirst() }
        let number = body.prefix { $0 == "." || ($0.isASCII && $0.isNumber) }
        let suffix = body.dropFirst(number.count).trimmingWhitespace()
        guard !number.isEmpty, !suffix.contains(where: { $0.isNumber || $0 == "." }) else {
            throw DurationParseError(text: text, kind: .malformedNumber)
        }
        guard let unit = Self.units.first(where: { $0.suffix == suffix }) else {
            throw DurationParseError(text: text, kind: .unknownUnit)
        }
        let parts = number.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        let fraction = parts.count > 1 ? parts[1] : ""
        guard !(whole.isEmpty && fraction.isEmpty),
              whole.allSatisfy({ $0.isASCII && $0.isNumber }),
              fraction.allSatisfy({ $0.isASCII && $0.isNumber }),
              !(parts.count > 1 && fraction.isEmpty)
        else { throw DurationParseError(text: text, kind: .malformedNumber) }

        // whole * unit + fraction * unit / 10^digits, all in integers.
        var total: Int64 = 0
        for digit in whole {
            let d = Int64(digit.wholeNumberValue!)
            let (t1, o1) = total.multipliedReportingOverflow(by: 10)
            let (t2, o2) = t1.addingReportingOverflow(d)
            guard !o1, !o2 else { throw DurationParseError(text: text, kind: .overflow) }
            total = t2
        }
        let (scaled, overflow) = total.multipliedReportingOverflow(by: unit.nanoseconds)
        guard !overflow else { throw DurationParseError(text: text, kind: .overflow) }
        var fractionNanos: Int64 = 0
        if !fraction.isEmpty {
            guard fraction.count <= 18 else { throw DurationParseError(text: text, kind: .tooPrecise) }
            var numerator: Int64 = 0
            var denominator: Int64 = 1
            for digit in fraction {
                numerator = numerator * 10 + Int64(digit.wholeNumberValue!)
                denominator *= 10
            }
            // numerator/denominator < 1, so the product fits when computed in two steps.
            let product = numerator.multipliedFullWidth(by: unit.nanoseconds)
            let (q, r) = denominator.dividingFullWidth(product)
            guard r == 0 else { throw DurationParseError(text: text, kind: .tooPrecise) }
            fractionNanos = q
        }
        let (sum, o3) = scaled.addingReportingOverflow(fractionNanos)
        guard !o3 else { throw DurationParseError(text: text, kind: .overflow) }
        self.init(nanoseconds: sum)
    }
}

extension SimDuration: CustomStringConvertible {
    /// The duration in the largest unit that writes it exactly, so that
    /// parsing the text gives the same duration back:
    /// 150 000 000 ns prints "150ms", 2 500 000 000 ns "2.5s", 90 s "1.5m",
    /// 100 s "100s".
    public var description: String {
        if nanoseconds == 0 { return "0s" }
        let sign = nanoseconds < 0 ? "-" : ""
        let magnitude = nanoseconds.magnitude
        for unit in Self.units.reversed() where unit.suffix != "µs" {
            let size = UInt64(unit.nanoseconds)
            guard magnitude >= size else { continue }
            if let text = Self.exactDecimal(magnitude, over: size) {
                return sign + text + unit.suffix
            }
        }
        return sign + String(magnitude) + "ns"
    }

    /// `value / size` as a terminating decimal, or nil when it does not terminate
    /// within nine fractional digits.
    private static func exactDecimal(_ value: UInt64, over size: UInt64) -> String? {
        let whole = value / size
        var remainder = value % size
        if remainder == 0 { return String(whole) }
        var digits = ""
        for _ in 0..<9 {
            remainder *= 10
            digits.append(Character(String(remainder / size)))
            remainder %= size
            if remainder == 0 { return "\(whole).\(digits)" }
        }
        return nil
    }
}

extension String {
    func trimmingWhitespace() -> Substring { Substring(self).trimmingWhitespace() }
}

extension Substring {
    func trimmingWhitespace() -> Substring {
        var s = self
        while let c = s.first, c.isWhitespace { s = s.dropFirst() }
        while let c = s.last, c.isWhitespace { s = s.dropLast() }
        return s
    }
}
