import EdgeSim
import Foundation
import Scenario
import Testing

/// A fast, deterministic slice of the fuzzing `benchmarks/fuzz.sh` runs with
/// libFuzzer: a fixed set of mutants of the shipped scenarios through the
/// same target. A trap fails the whole test run, which is the point.
@Suite("Fuzz slice")
struct FuzzSliceTests {
    static let scenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Scenarios")

    static func shipped() throws -> [String] {
        try ["smoke", "store-partition", "clock-skew", "edge-failover", "retail-chain", "bad-example"].map {
            try String(contentsOf: scenarios.appendingPathComponent("\($0).yaml"), encoding: .utf8)
        }
    }

    @Test("3000 mutants of the shipped scenarios: each rejected with located issues, over budget, or run to the end")
    func slice() throws {
        var budget = RunBudget()
        budget.maxEvents = 15_000
        budget.maxBytesPerRun = 64 * 1_048_576
        let mutator = ScenarioFuzzing.Mutator(seed: 15, seeds: try Self.shipped())
        var outcomes: [ScenarioFuzzing.Outcome: Int] = [:]
        for _ in 0..<3_000 {
            outcomes[ScenarioFuzzing.check(Data(mutator.next().utf8), budget: budget), default: 0] += 1
        }
        // The mutants reach every stage: refused, refused by the budget, and run.
        #expect(outcomes[.rejected, default: 0] > 1_000)
        #expect(outcomes[.overBudget, default: 0] > 0)
        #expect(outcomes[.ran, default: 0] > 0)
    }

    @Test("bytes that are not UTF-8 are refused as such")
    func notText() {
        #expect(ScenarioFuzzing.check(Data([0xFF, 0xFE, 0x00])) == .notText)
    }
}
