import EdgeSim
import Foundation
import Testing

@Suite("report formatting")
struct ReportFormattingTests {
    @Test("values print in human units", arguments: [
        (0.048005119, "s", "48.0 ms"),
        (0.10583471, "s", "106 ms"),
        (4.98283315, "s", "4.98 s"),
        (0.00025, "s", "250 µs"),
        (600, "s", "10.0 min"),
        (2.58896572e+12, "bytes", "2.59 TB"),
        (5159015, "bytes", "5.16 MB"),
        (4578, "bytes", "4.58 KB"),
        (283, "bytes", "283 B"),
        (999_999, "bytes", "1.00 MB"),
        (175329.355, "usd", "$175,329"),
        (61741.3545, "usd", "$61,741"),
        (29.3052417, "usd", "$29.31"),
        (0.123003532, "usd", "$0.12"),
        (0.000657292, "usd", "$0.00066"),
        (0.9945885, "fraction", "99.46%"),
        (1, "fraction", "100%"),
        (0.99999, "fraction", "99.999%"),
        (16_500_000, "count", "16,500,000"),
        (7.5, "count", "7.5"),
        (34.5, "count", "34.5"),
        (8777.5, "count", "8,780"),
        (0.922666667, "ratio", "0.923"),
        (Double.nan, "s", "n/a"),
    ] as [(Double, String, String)])
    func values(_ x: Double, _ unit: String, _ expected: String) {
        #expect(QuantityFormat.value(x, unit: unit) == expected)
    }

    @Test("deltas are signed; fractions move in percentage points")
    func deltas() {
        #expect(QuantityFormat.delta(-0.050429952, unit: "s") == "−50.4 ms")
        #expect(QuantityFormat.delta(166246, unit: "usd") == "+$166,246")
        #expect(QuantityFormat.delta(0.00541149982, unit: "fraction") == "+0.54 pp")
        #expect(QuantityFormat.delta(0, unit: "bytes") == "0")
    }

    @Test("ratios and factors")
    func ratios() {
        #expect(QuantityFormat.ratio(0.487683084) == "0.488")
        #expect(QuantityFormat.ratio(1.99269344e-06) == "1.99e-6")
        #expect(QuantityFormat.ratio(.nan) == "n/a")
        #expect(QuantityFormat.factor(0.098435071, 0.048005119) == "2.1x")
        #expect(QuantityFormat.factor(2.58896572e+12, 5159015) == "502,000x")
        #expect(QuantityFormat.factor(0, 5) == nil)
        #expect(QuantityFormat.duration(2) == "2 s")
        #expect(QuantityFormat.duration(60) == "1 min")
        #expect(QuantityFormat.interval(-150, 197, unit: "s", reference: 23.7) == "−150 s – 197 s")
        #expect(QuantityFormat.interval(197520283, 209004379, unit: "bytes", reference: 203262331) == "198 MB – 209 MB")
    }

    @Test("headline sentences go from the baseline to edge_hybrid")
    func sentences() {
        let p99 = Headline("update_latency_p99", "p99 update latency")
        #expect(p99.sentence(unit: "s", baseline: 0.098435071, candidate: 0.048005119)
                == "P99 update latency falls from 98.4 ms to 48.0 ms (2.1x)")
        let wan = Headline("wan_bytes", "WAN bytes", plural: true)
        #expect(wan.sentence(unit: "bytes", baseline: 2.58896572e+12, candidate: 5159015)
                == "WAN bytes fall from 2.59 TB to 5.16 MB (502,000x)")
        let cost = Headline("total_cost_usd_month", "monthly cost")
        #expect(cost.sentence(unit: "usd", baseline: 175329.355, candidate: 279834.123)
                == "Monthly cost rises from $175,329 to $279,834 (1.6x)")
        let detection = Headline("stockout_detection_time_p99", "p99 stockout detection time")
        #expect(detection.sentence(unit: "s", baseline: 5.10446797, candidate: 4.98283315)
                == "P99 stockout detection time falls from 5.10 s to 4.98 s (−2.4%)")
        #expect(wan.sentence(unit: "bytes", baseline: 100, candidate: 100) == "WAN bytes stay at 100 B in both arms")
        #expect(p99.sentence(unit: "s", baseline: .nan, candidate: 1) == nil)
    }
}
