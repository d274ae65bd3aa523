import Foundation
import Testing
import SimKernel
@testable import Scenario

@Suite("Units")
struct UnitsTests {
    // MARK: Bandwidth

    @Test("bandwidths parse in bits per second", arguments: [
        ("100bps", 100.0),
        ("64kbps", 64e3),
        ("64Kbps", 64e3),
        ("50Mbps", 50e6),
        ("1Gbps", 1e9),
        ("10Gbps", 10e9),
        ("0.1Gbps", 1e8),
        ("2.5 Tbps", 2.5e12),
        ("12.5MB/s", 1e8),
        ("1B/s", 8),
        ("1KiB/s", 8_192),
        ("1MiB/s", 8_388_608),
        ("1e3Mbps", 1e9),
    ])
    func bandwidthParses(text: String, bits: Double) throws {
        #expect(try Bandwidth(parsing: text).bitsPerSecond == bits)
    }

    @Test("bad bandwidths say why", arguments: [
        ("50 Mbps/s", UnitParseError.Kind.unknownUnit),
        ("50", .missingUnit),
        ("", .empty),
        ("fast", .malformed),
        ("-5Mbps", .negative),
        ("5mbps", .unknownUnit),
        ("1.2.3Mbps", .malformed),
    ])
    func bandwidthErrors(text: String, kind: UnitParseError.Kind) {
        #expect(throws: UnitParseError(text: text, quantity: .bandwidth, kind: kind)) {
            try Bandwidth(parsing: text)
        }
    }

    @Test("bandwidth messages show how to write one")
    func bandwidthMessage() {
        #expect(UnitParseError(text: "50 Mbps/s", quantity: .bandwidth, kind: .unknownUnit).description
            == "\"50 Mbps/s\" is not a bandwidth; write e.g. \"50Mbps\" or \"1Gbps\"")
        #expect(UnitParseError(text: "50", quantity: .bandwidth, kind: .missingUnit).description
            == "\"50\" has no unit; write e.g. \"50Mbps\" or \"1Gbps\"")
    }

    @Test("bandwidths print in the largest exact unit and parse back", arguments: [
        (50e6, "50Mbps"), (1e9, "1Gbps"), (1.25e9, "1.25Gbps"), (64e3, "64kbps"), (100, "100bps"),
        (8_388_608, "8.388608Mbps"), (1.5, "1.5bps"), (3e12, "3Tbps"),
    ])
    func bandwidthRoundTrip(bits: Double, text: String) throws {
        let b = Bandwidth(bitsPerSecond: bits)
        #expect(b.description == text)
        #expect(try Bandwidth(parsing: b.description) == b)
    }

    // MARK: Sizes

    @Test("sizes parse in bytes, decimal and binary", arguments: [
        ("512B", Int64(512)),
        ("200KB", 200_000),
        ("200kB", 200_000),
        ("1.5MB", 1_500_000),
        ("2GB", 2_000_000_000),
        ("1TB", 1_000_000_000_000),
        ("1KiB", 1_024),
        ("1MiB", 1_048_576),
        ("1.5KiB", 1_536),
        ("1GiB", 1_073_741_824),
        (" 16 MB ", 16_000_000),
        ("0B", 0),
    ])
    func sizeParses(text: String, bytes: Int64) throws {
        #expect(try ByteSize(parsing: text).bytes == bytes)
    }

    @Test("bad sizes say why", arguments: [
        ("1.5B", UnitParseError.Kind.notWholeBytes),
        ("0.1KiB", .notWholeBytes),
        ("512", .missingUnit),
        ("5Mb", .unknownUnit),
        ("-1KB", .negative),
        ("9999999PB", .overflow),
        ("lots", .malformed),
    ])
    func sizeErrors(text: String, kind: UnitParseError.Kind) {
        #expect(throws: UnitParseError(text: text, quantity: .size, kind: kind)) {
            try ByteSize(parsing: text)
        }
    }

    @Test("sizes print in their shortest exact form and parse back", arguments: [
        (Int64(512), "512B"), (150_000, "150KB"), (1_500_000, "1.5MB"), (1_024, "1KiB"), (1_048_576, "1MiB"),
        (1_000, "1KB"), (0, "0B"), (1_536, "1.536KB"), (3_072, "3KiB"), (2_048_000, "2.048MB"), (999, "999B"), (123_456_789, "123.456789MB"), (10_240_000_000_000, "10.24TB"),
    ])
    func sizeRoundTrip(bytes: Int64, text: String) throws {
        let s = ByteSize(bytes: bytes)
        #expect(s.description == text)
        #expect(try ByteSize(parsing: s.description) == s)
    }

    // MARK: Money

    @Test("prices are exact decimals", arguments: [
        ("$0.09/GB", "0.09", Price.Per.gigabyte),
        ("$0.35/h", "0.35", .hour),
        ("$150/month", "150", .month),
        ("$1.20/hour", "1.2", .hour),
        ("0.085/GB", "0.085", .gigabyte),
        ("$2000/mo", "2000", .month),
        ("$ 0.02 / GB", "0.02", .gigabyte),
    ])
    func priceParses(text: String, amount: String, per: Price.Per) throws {
        let p = try Price(parsing: text)
        #expect(p.amount == Decimal(string: amount)!)
        #expect(p.per == per)
    }

    @Test("money never goes through Double")
    func priceIsExact() throws {
        // 0.1 + 0.2 is not 0.3 in binary floating point; in Decimal it is.
        let a = try Price(parsing: "$0.1/GB").amount, b = try Price(parsing: "$0.2/GB").amount
        #expect(a + b == Decimal(string: "0.3")!)
        #expect(try Price(parsing: "$0.09/GB").amount * 1_000_000 == 90_000)
    }

    @Test("bad prices say why", arguments: [
        ("$0.09", UnitParseError.Kind.missingUnit),
        ("$0.09/", .missingUnit),
        ("$0.09/TB", .unknownUnit),
        ("$-1/h", .negative),
        ("free", .malformed),
        ("$abc/h", .malformed),
    ])
    func priceErrors(text: String, kind: UnitParseError.Kind) {
        #expect(throws: UnitParseError(text: text, quantity: .price, kind: kind)) {
            try Price(parsing: text)
        }
    }

    @Test("prices round-trip", arguments: ["$0.09/GB", "$0.35/h", "$150/month", "$1.2/h"])
    func priceRoundTrip(text: String) throws {
        let p = try Price(parsing: text)
        #expect(p.description == text)
        #expect(try Price(parsing: p.description) == p)
    }

    // MARK: Rates

    @Test("rates convert to events per hour", arguments: [
        ("6/h", 6.0), ("0.2/s", 720), ("10/min", 600), ("10/m", 600), ("48/d", 2), ("1/hour", 1), ("3 / sec", 10_800),
    ])
    func rateParses(text: String, perHour: Double) throws {
        #expect(try EventRate(parsing: text).perHour == perHour)
    }

    @Test("bad rates say why", arguments: [
        ("6", UnitParseError.Kind.missingUnit),
        ("6/week", .unknownUnit),
        ("-1/s", .negative),
        ("often/h", .malformed),
        ("", .empty),
    ])
    func rateErrors(text: String, kind: UnitParseError.Kind) {
        #expect(throws: UnitParseError(text: text, quantity: .rate, kind: kind)) {
            try EventRate(parsing: text)
        }
    }

    @Test("rates round-trip", arguments: ["6/h", "0.2/s", "10/min", "3/d"])
    func rateRoundTrip(text: String) throws {
        let r = try EventRate(parsing: text)
        #expect(r.description == text)
        #expect(try EventRate(parsing: r.description) == r)
    }

    // MARK: Probabilities

    @Test("probabilities are plain numbers or percentages", arguments: [
        ("0.01", 0.01), ("1%", 0.01), ("0", 0), ("1", 1), ("100%", 1), ("60%", 0.6), ("0.5 %", 0.005), ("1e-4", 0.0001),
    ])
    func probabilityParses(text: String, value: Double) throws {
        #expect(try Probability(parsing: text).value == value)
    }

    @Test("bad probabilities say why", arguments: [
        ("1.5", UnitParseError.Kind.outOfRange),
        ("150%", .outOfRange),
        ("-0.1", .negative),
        ("half", .malformed),
        ("%", .malformed),
    ])
    func probabilityErrors(text: String, kind: UnitParseError.Kind) {
        #expect(throws: UnitParseError(text: text, quantity: .probability, kind: kind)) {
            try Probability(parsing: text)
        }
    }

    @Test("probabilities round-trip", arguments: [0.01, 0.5, 0, 1, 0.0001, 0.123456789])
    func probabilityRoundTrip(value: Double) throws {
        let p = Probability(value)
        #expect(try Probability(parsing: p.description) == p)
    }

    // MARK: Durations (SimKernel's parser, as scenarios use it)

    @Test("durations in scenarios use SimKernel's exact parser", arguments: ["250us", "150ms", "2.5s", "5m", "1h", "2d"])
    func durationRoundTrip(text: String) throws {
        let d = try SimDuration(parsing: text)
        #expect(d.description == text)
    }
}
