import Foundation
import SimKernel

// Quantities as people write them in scenario files: "50Mbps", "1.5MB",
// "$0.09/GB", "6/h", "1%". Durations have their own parser in SimKernel
// (`SimDuration(parsing:)`).
//
// Every number is read in decimal, exactly, as a `Decimal`, and converted to
// a `Double` only at the end by correctly rounded text conversion, so "0.1Gbps"
// is exactly 1e8 bits per second and "$0.09/GB" is exactly nine cents.

/// A quantity text that could not be read, and why.
///
/// Cases can be added: match on ``kind`` with a `default` branch.
public struct UnitParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What the text was meant to be.
    public enum Quantity: String, Hashable, Sendable {
        case bandwidth
        case size
        case price
        case rate
        case probability
    }

    /// What was wrong with the text.
    public enum Kind: Hashable, Sendable {
        /// Empty, or only white space.
        case empty
        /// Not a number followed by a unit.
        case malformed
        /// A number with no unit where one is needed.
        case missingUnit
        /// A unit this quantity does not know.
        case unknownUnit
        /// A leading minus sign.
        case negative
        /// A size that is not a whole number of bytes.
        case notWholeBytes
        /// A probability above 1 (100%).
        case outOfRange
        /// Too large to hold.
        case overflow
    }

    /// The text as given.
    public let text: String
    public let quantity: Quantity
    public let kind: Kind

    public init(text: String, quantity: Quantity, kind: Kind) {
        self.text = text
        self.quantity = quantity
        self.kind = kind
    }

    /// How to write the quantity, for messages.
    public var example: String {
        switch quantity {
        case .bandwidth: return "write e.g. \"50Mbps\" or \"1Gbps\""
        case .size: return "write e.g. \"512B\", \"200KB\", \"1.5MB\" or \"1MiB\""
        case .price: return "write e.g. \"$0.09/GB\", \"$0.35/h\" or \"$150/month\""
        case .rate: return "write e.g. \"6/h\", \"0.2/s\" or \"10/min\""
        case .probability: return "write a number from 0 to 1 such as 0.01, or a percentage such as \"1%\""
        }
    }

    public var description: String {
        let quoted = "\"\(text)\""
        let noun: String
        switch quantity {
        case .bandwidth: noun = "a bandwidth"
        case .size: noun = "a size"
        case .price: noun = "a price"
        case .rate: noun = "a rate"
        case .probability: noun = "a probability"
        }
        switch kind {
        case .empty: return "\(noun) is empty; \(example)"
        case .malformed, .unknownUnit: return "\(quoted) is not \(noun); \(example)"
        case .missingUnit: return "\(quoted) has no unit; \(example)"
        case .negative: return "\(quoted) is negative; \(noun) is never negative"
        case .notWholeBytes: return "\(quoted) is not a whole number of bytes"
        case .outOfRange: return "\(quoted) is more than 1 (100%); \(example)"
        case .overflow: return "\(quoted) is too large"
        }
    }
}

// MARK: - Bandwidth

/// A link's capacity, in bits per second.
///
/// Written with a decimal prefix on bits per second ("100bps", "64kbps",
/// "50Mbps", "1Gbps", "10Gbps", "1Tbps") or as bytes per second ("12.5MB/s"
/// is 100 Mbps; "1MiB/s" is 8 388 608 bps).
public struct Bandwidth: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Bits per second.
    public var bitsPerSecond: Double

    public init(bitsPerSecond: Double) { self.bitsPerSecond = bitsPerSecond }

    /// Suffixes and their size in bits per second.
    static let units: [(suffix: String, bitsPerSecond: Decimal)] = [
        ("bps", 1), ("kbps", 1_000), ("Kbps", 1_000), ("Mbps", 1_000_000), ("Gbps", 1_000_000_000),
        ("Tbps", 1_000_000_000_000),
        ("B/s", 8), ("kB/s", 8_000), ("KB/s", 8_000), ("MB/s", 8_000_000), ("GB/s", 8_000_000_000),
        ("TB/s", 8_000_000_000_000),
        ("KiB/s", 8 * 1_024), ("MiB/s", 8 * 1_048_576), ("GiB/s", 8 * 1_073_741_824),
    ]

    /// Reads a bandwidth such as "50Mbps" or "12.5MB/s".
    ///
    /// - Throws: ``UnitParseError`` naming the text and what is wrong with it.
    public init(parsing text: String) throws(UnitParseError) {
        let q = try QuantityText(text, .bandwidth)
        guard !q.unit.isEmpty else { throw UnitParseError(text: text, quantity: .bandwidth, kind: .missingUnit) }
        guard let unit = Self.units.first(where: { $0.suffix == q.unit }) else {
            throw UnitParseError(text: text, quantity: .bandwidth, kind: .unknownUnit)
        }
        bitsPerSecond = try DecimalText.double(q.number * unit.bitsPerSecond, text, .bandwidth)
    }

    /// The bandwidth in the largest bits-per-second unit that parses back to
    /// the same value: 5e7 prints "50Mbps", 1.25e9 "1.25Gbps".
    public var description: String {
        for (suffix, size) in [("Tbps", 1e12), ("Gbps", 1e9), ("Mbps", 1e6), ("kbps", 1e3), ("bps", 1.0)]
        where bitsPerSecond >= size || suffix == "bps" {
            let text = DecimalText.format(bitsPerSecond / size) + suffix
            if let back = try? Bandwidth(parsing: text), back == self { return text }
        }
        return DecimalText.format(bitsPerSecond) + "bps"
    }

    public static func < (a: Bandwidth, b: Bandwidth) -> Bool { a.bitsPerSecond < b.bitsPerSecond }
}

// MARK: - Sizes

/// A number of bytes.
///
/// Written with a decimal prefix ("512B", "200KB", "1.5MB", "2GB", "1TB";
/// "kB" is accepted for "KB") or a binary one ("1KiB" is 1 024 bytes,
/// "1MiB", "1GiB", "1TiB"). The result must be a whole number of bytes.
public struct ByteSize: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var bytes: Int64

    public init(bytes: Int64) { self.bytes = bytes }

    static let decimalUnits: [(suffix: String, bytes: Int64)] = [
        ("B", 1), ("KB", 1_000), ("kB", 1_000), ("MB", 1_000_000), ("GB", 1_000_000_000),
        ("TB", 1_000_000_000_000), ("PB", 1_000_000_000_000_000),
    ]
    static let binaryUnits: [(suffix: String, bytes: Int64)] = [
        ("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30), ("TiB", 1 << 40), ("PiB", 1 << 50),
    ]

    /// Reads a size such as "150KB" or "1MiB".
    ///
    /// - Throws: ``UnitParseError`` naming the text and what is wrong with it.
    public init(parsing text: String) throws(UnitParseError) {
        let exact = try Self.exactBytes(text)
        guard exact.isWhole else { throw UnitParseError(text: text, quantity: .size, kind: .notWholeBytes) }
        guard exact < Decimal(Int64.max) else { throw UnitParseError(text: text, quantity: .size, kind: .overflow) }
        // A whole Decimal prints without a fraction; its text is exact where a Double may not be.
        bytes = Int64(exact.description)!
    }

    /// The size in bytes as an exact decimal, which may have a fraction
    /// ("0.5KB" is 500, "1.5B" is 1.5).
    static func exactBytes(_ text: String) throws(UnitParseError) -> Decimal {
        let q = try QuantityText(text, .size)
        guard !q.unit.isEmpty else { throw UnitParseError(text: text, quantity: .size, kind: .missingUnit) }
        guard let unit = (decimalUnits + binaryUnits).first(where: { $0.suffix == q.unit }) else {
            throw UnitParseError(text: text, quantity: .size, kind: .unknownUnit)
        }
        return q.number * Decimal(unit.bytes)
    }

    /// The size in the largest unit that writes it exactly: a binary unit
    /// when the size is a whole number of KiB but not of KB (1 024 prints
    /// "1KiB", 1 048 576 "1MiB"), otherwise a decimal one (150 000 prints
    /// "150KB", 1 500 000 "1.5MB", 1 536 "1.536KB", 512 "512B").
    public var description: String {
        if bytes >= 1_024, bytes % 1_024 == 0, bytes % 1_000 != 0,
           let unit = Self.binaryUnits.last(where: { bytes % $0.bytes == 0 }) {
            return "\(bytes / unit.bytes)\(unit.suffix)"
        }
        guard let unit = Self.decimalUnits.last(where: { $0.suffix != "kB" && bytes >= $0.bytes }), unit.bytes > 1 else {
            return "\(bytes)B"
        }
        let whole = bytes / unit.bytes
        // The remainder as the unit's number of fractional digits, trailing zeros trimmed.
        let digits = String(unit.bytes).count - 1
        var fraction = String(bytes % unit.bytes)
        fraction = String(repeating: "0", count: digits - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return fraction.isEmpty ? "\(whole)\(unit.suffix)" : "\(whole).\(fraction)\(unit.suffix)"
    }

    public static func < (a: ByteSize, b: ByteSize) -> Bool { a.bytes < b.bytes }
}

// MARK: - Money

/// A price in US dollars per unit of something: per GB transferred, per
/// hour of a machine, per month of a site.
///
/// Written "$0.09/GB", "$0.35/h" (or "/hour", "/hr"), "$150/month" (or
/// "/mo"). The dollar sign may be left out. The amount is exact: it is read
/// into a `Decimal` from its decimal text, never through a `Double`.
public struct Price: Hashable, Sendable, CustomStringConvertible {
    /// What one `amount` buys.
    public enum Per: String, Hashable, Sendable, CaseIterable {
        /// One gigabyte (10^9 bytes) transferred.
        case gigabyte = "GB"
        /// One hour.
        case hour = "h"
        /// One billing month.
        case month = "month"

        static let spellings: [(suffix: String, per: Per)] = [
            ("GB", .gigabyte), ("h", .hour), ("hr", .hour), ("hour", .hour), ("month", .month), ("mo", .month),
        ]
    }

    /// US dollars.
    public var amount: Decimal
    public var per: Per

    public init(amount: Decimal, per: Per) {
        self.amount = amount
        self.per = per
    }

    /// Reads a price such as "$0.09/GB".
    ///
    /// - Throws: ``UnitParseError`` naming the text and what is wrong with it.
    public init(parsing text: String) throws(UnitParseError) {
        var body = Substring(text).trimmingSpaces()
        if body.hasPrefix("-") || body.hasPrefix("$-") {
            throw UnitParseError(text: text, quantity: .price, kind: .negative)
        }
        if body.hasPrefix("$") { body = body.dropFirst() }
        guard let slash = body.firstIndex(of: "/") else {
            let kind: UnitParseError.Kind = DecimalText.parse(body) != nil ? .missingUnit : .malformed
            throw UnitParseError(text: text, quantity: .price, kind: body.isEmpty ? .empty : kind)
        }
        guard let number = DecimalText.parse(body[..<slash].trimmingSpaces()) else {
            throw UnitParseError(text: text, quantity: .price, kind: .malformed)
        }
        let suffix = body[body.index(after: slash)...].trimmingSpaces()
        guard let per = Per.spellings.first(where: { $0.suffix == suffix })?.per else {
            throw UnitParseError(text: text, quantity: .price, kind: suffix.isEmpty ? .missingUnit : .unknownUnit)
        }
        amount = number
        self.per = per
    }

    /// "$0.09/GB", "$0.35/h", "$150/month".
    public var description: String { "$\(amount)/\(per.rawValue)" }
}

// MARK: - Rates

/// How often something happens: a count per unit of time.
///
/// Written "6/h" (or "/hour", "/hr"), "0.2/s" (or "/sec", "/second"),
/// "10/min" (or "/m", "/minute"), "3/d" (or "/day").
public struct EventRate: Hashable, Sendable, CustomStringConvertible {
    /// The unit of time a count is given per.
    public enum Per: String, Hashable, Sendable, CaseIterable {
        case second = "s"
        case minute = "min"
        case hour = "h"
        case day = "d"

        /// Seconds in one unit.
        public var seconds: Decimal {
            switch self {
            case .second: return 1
            case .minute: return 60
            case .hour: return 3_600
            case .day: return 86_400
            }
        }

        static let spellings: [(suffix: String, per: Per)] = [
            ("s", .second), ("sec", .second), ("second", .second),
            ("m", .minute), ("min", .minute), ("minute", .minute),
            ("h", .hour), ("hr", .hour), ("hour", .hour),
            ("d", .day), ("day", .day),
        ]
    }

    /// Events per `per`, exactly as written.
    public var count: Decimal
    public var per: Per

    public init(count: Decimal, per: Per) {
        self.count = count
        self.per = per
    }

    /// Reads a rate such as "6/h".
    ///
    /// - Throws: ``UnitParseError`` naming the text and what is wrong with it.
    public init(parsing text: String) throws(UnitParseError) {
        let body = Substring(text).trimmingSpaces()
        guard !body.isEmpty else { throw UnitParseError(text: text, quantity: .rate, kind: .empty) }
        if body.hasPrefix("-") { throw UnitParseError(text: text, quantity: .rate, kind: .negative) }
        guard let slash = body.firstIndex(of: "/") else {
            let kind: UnitParseError.Kind = DecimalText.parse(body) != nil ? .missingUnit : .malformed
            throw UnitParseError(text: text, quantity: .rate, kind: kind)
        }
        guard let number = DecimalText.parse(body[..<slash].trimmingSpaces()) else {
            throw UnitParseError(text: text, quantity: .rate, kind: .malformed)
        }
        let suffix = body[body.index(after: slash)...].trimmingSpaces()
        guard let per = Per.spellings.first(where: { $0.suffix == suffix })?.per else {
            throw UnitParseError(text: text, quantity: .rate, kind: suffix.isEmpty ? .missingUnit : .unknownUnit)
        }
        count = number
        self.per = per
    }

    /// Events per hour, correctly rounded to a `Double`.
    public var perHour: Double { DecimalText.toDouble(count * 3_600 / per.seconds) }

    /// "6/h", "0.2/s", "10/min", "3/d".
    public var description: String { "\(count)/\(per.rawValue)" }
}

// MARK: - Probabilities

/// A probability or fraction in [0, 1], written as a plain number (0.01) or
/// as a percentage ("1%").
public struct Probability: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var value: Double

    public init(_ value: Double) { self.value = value }

    /// Reads "0.01", "1%", "0", "100%".
    ///
    /// - Throws: ``UnitParseError`` naming the text and what is wrong with it.
    public init(parsing text: String) throws(UnitParseError) {
        var body = Substring(text).trimmingSpaces()
        guard !body.isEmpty else { throw UnitParseError(text: text, quantity: .probability, kind: .empty) }
        if body.hasPrefix("-") { throw UnitParseError(text: text, quantity: .probability, kind: .negative) }
        let percent = body.hasSuffix("%")
        if percent { body = body.dropLast().trimmingSpaces() }
        guard var number = DecimalText.parse(body) else {
            throw UnitParseError(text: text, quantity: .probability, kind: .malformed)
        }
        if percent { number /= 100 }
        guard number <= 1 else { throw UnitParseError(text: text, quantity: .probability, kind: .outOfRange) }
        value = DecimalText.toDouble(number)
    }

    /// The plain number: "0.01", "0.5", "0".
    public var description: String { DecimalText.format(value) }

    public static func < (a: Probability, b: Probability) -> Bool { a.value < b.value }
}

// MARK: - Exact decimal text

/// A number and the unit text after it.
struct QuantityText {
    var number: Decimal
    var unit: Substring

    /// Splits "12.5 MB/s" into 12.5 and "MB/s".
    init(_ text: String, _ quantity: UnitParseError.Quantity) throws(UnitParseError) {
        let body = Substring(text).trimmingSpaces()
        guard !body.isEmpty else { throw UnitParseError(text: text, quantity: quantity, kind: .empty) }
        if body.hasPrefix("-") { throw UnitParseError(text: text, quantity: quantity, kind: .negative) }
        let numberEnd = DecimalText.numberPrefixEnd(body)
        guard numberEnd > body.startIndex, let number = DecimalText.parse(body[..<numberEnd]) else {
            throw UnitParseError(text: text, quantity: quantity, kind: .malformed)
        }
        self.number = number
        self.unit = body[numberEnd...].trimmingSpaces()
    }
}

/// Exact reading and printing of decimal numbers.
enum DecimalText {
    /// Reads `[+]digits[.digits][e[+-]digits]` exactly; nil for anything else
    /// (`Decimal(string:)` alone would read "1abc" as 1).
    static func parse(_ text: Substring) -> Decimal? {
        var s = text
        if s.hasPrefix("+") { s = s.dropFirst() }
        guard numberPrefixEnd(s) == s.endIndex, !s.isEmpty else { return nil }
        var mantissa = s
        var exponent = 0
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = s[..<e]
            guard let x = Int(s[s.index(after: e)...]), abs(x) <= 100 else { return nil }
            exponent = x
        }
        guard mantissa.contains(where: { $0.isASCII && $0.isNumber }),
              mantissa.filter({ $0 == "." }).count <= 1,
              var value = Decimal(string: String(mantissa), locale: Locale(identifier: "en_US_POSIX")) else { return nil }
        if exponent != 0 {
            value *= Decimal(sign: .plus, exponent: exponent, significand: 1)
        }
        return value
    }

    /// The end of the longest prefix made of digits, dots and an exponent.
    static func numberPrefixEnd(_ s: Substring) -> Substring.Index {
        var i = s.startIndex
        while i < s.endIndex, s[i] == "." || (s[i].isASCII && s[i].isNumber) { i = s.index(after: i) }
        // An exponent only when digits follow: "5e3" but not the "e" of a unit.
        if i < s.endIndex, s[i] == "e" || s[i] == "E" {
            var j = s.index(after: i)
            if j < s.endIndex, s[j] == "+" || s[j] == "-" { j = s.index(after: j) }
            if j < s.endIndex, s[j].isASCII, s[j].isNumber {
                while j < s.endIndex, s[j].isASCII, s[j].isNumber { j = s.index(after: j) }
                i = j
            }
        }
        return i
    }

    /// The nearest `Double`, through the exact decimal text.
    static func toDouble(_ value: Decimal) -> Double {
        Double(value.description) ?? NSDecimalNumber(decimal: value).doubleValue
    }

    static func double(_ value: Decimal, _ text: String, _ quantity: UnitParseError.Quantity) throws(UnitParseError) -> Double {
        let d = toDouble(value)
        guard d.isFinite else { throw UnitParseError(text: text, quantity: quantity, kind: .overflow) }
        return d
    }

    /// A `Double` as the shortest text that reads back the same, without a
    /// trailing ".0".
    static func format(_ value: Double) -> String {
        var text = "\(value)"
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }
}

extension Decimal {
    /// Whether the value has no fractional part.
    var isWhole: Bool {
        var copy = self
        var rounded = Decimal()
        NSDecimalRound(&rounded, &copy, 0, .down)
        return rounded == self
    }
}

extension Substring {
    func trimmingSpaces() -> Substring {
        var s = self
        while let c = s.first, c.isWhitespace { s = s.dropFirst() }
        while let c = s.last, c.isWhitespace { s = s.dropLast() }
        return s
    }
}
