import Testing
import SimKernel

@Suite("SimDuration units")
struct SimDurationTests {
    @Test("human units parse exactly", arguments: [
        ("250us", Int64(250_000)),
        ("250µs", 250_000),
        ("150ms", 150_000_000),
        ("2.5s", 2_500_000_000),
        ("5m", 300_000_000_000),
        ("1h", 3_600_000_000_000),
        ("2d", 172_800_000_000_000),
        ("0.1ms", 100_000),
        ("1.000000001s", 1_000_000_001),
        ("17ns", 17),
        (" 3 s ", 3_000_000_000),
        ("0s", 0),
        (".5s", 500_000_000),
        ("1.5m", 90_000_000_000),
    ])
    func parses(text: String, nanoseconds: Int64) throws {
        #expect(try SimDuration(parsing: text).nanoseconds == nanoseconds)
    }

    @Test("printing picks the largest exact unit", arguments: [
        (Int64(150_000_000), "150ms"),
        (2_500_000_000, "2.5s"),
        (90_000_000_000, "1.5m"),
        (100_000_000_000, "100s"),
        (3_600_000_000_000, "1h"),
        (172_800_000_000_000, "2d"),
        (250_000, "250us"),
        (1, "1ns"),
        (0, "0s"),
    ])
    func prints(nanoseconds: Int64, text: String) {
        #expect(SimDuration(nanoseconds: nanoseconds).description == text)
    }

    @Test("print then parse gives the same duration back", arguments: 0..<10)
    func roundTrips(seed: Int) throws {
        let stream = RandomStream(name: "test/durations", masterSeed: UInt64(seed))
        var mismatches: [String] = []
        for _ in 0..<2_000 {
            // Spread magnitudes over ns .. days.
            let digits = stream.uniformInt(below: 17)
            var n: Int64 = 1
            for _ in 0..<digits { n *= 10 }
            let wide = UInt64(stream.next()) << 32 | UInt64(stream.next())
            let value = Int64(wide % UInt64(n)) * Int64(1 + stream.uniformInt(below: 9))
            let d = SimDuration(nanoseconds: value)
            if (try? SimDuration(parsing: d.description)) != d { mismatches.append("\(value) printed as \(d)") }
        }
        #expect(mismatches.isEmpty)
    }

    @Test("malformed or negative durations are typed errors naming the text", arguments: [
        ("", DurationParseError.Kind.empty),
        ("   ", .empty),
        ("150", .unknownUnit),
        ("150 parsecs", .unknownUnit),
        ("fast ms", .malformedNumber),
        ("1.2.3s", .malformedNumber),
        ("1.s", .malformedNumber),
        ("ms", .malformedNumber),
        ("1e3ms", .malformedNumber),
        ("-5ms", .negative),
        ("0.0000000001s", .tooPrecise),
        ("1.5ns", .tooPrecise),
        ("300000d", .overflow),
        ("99999999999999999999ns", .overflow),
    ])
    func rejects(text: String, kind: DurationParseError.Kind) {
        #expect {
            _ = try SimDuration(parsing: text)
        } throws: { error in
            guard let e = error as? DurationParseError else { return false }
            return e.kind == kind && e.text == text && e.description.contains("\"\(text)\"")
        }
    }

    @Test("time arithmetic")
    func arithmetic() throws {
        let t = SimTime.zero + (try SimDuration(parsing: "1.5s"))
        #expect(t.nanoseconds == 1_500_000_000)
        #expect((t - SimTime.zero) == .milliseconds(1_500))
        #expect(SimDuration(seconds: 0.25) == .milliseconds(250))
        #expect(t.description == "t+1.5s")
    }
}
