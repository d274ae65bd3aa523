import Foundation
import Scenario
import SimKernel

/// The fuzz target of the scenario loader, validator and a bounded run, and a
/// structure-aware mutator of scenario files.
///
/// ``check(_:budget:)`` is what every input goes through: decode, parse,
/// validate, estimate; an input that validates and fits the small run budget
/// then runs (one arm, one repetition). Any outcome but a trap or a hang is
/// a pass: refusing an input is the loader's job. libFuzzer drives it through
/// the `edgesim-fuzz` target (`benchmarks/fuzz.sh`); the test suite drives it
/// with ``Mutator`` over a fixed number of mutants of the shipped scenarios.
public enum ScenarioFuzzing {
    /// What became of one input.
    public enum Outcome: String, Sendable, CaseIterable {
        /// Not UTF-8 text.
        case notText
        /// Refused by validation with located issues.
        case rejected
        /// Valid, but estimated beyond the fuzzing budget.
        case overBudget
        /// Valid, and ran to the end.
        case ran
    }

    /// The budget a fuzzed scenario's run must fit: small, so that an
    /// input runs in well under a second.
    public static let runBudget: RunBudget = {
        var b = RunBudget()
        b.maxEvents = 200_000
        b.maxBytesPerRun = 256 * 1_048_576
        return b
    }()

    /// Decodes, parses, validates and estimates `data`; runs it when it fits `budget`.
    public static func check(_ data: Data, budget: RunBudget = runBudget) -> Outcome {
        guard let text = String(data: data, encoding: .utf8) else { return .notText }
        let scenario: Scenario
        do {
            scenario = try ScenarioLoader.parse(yaml: text, file: "fuzz.yaml")
        } catch {
            // Every issue must be located and printable.
            precondition(!error.issues.isEmpty, "a rejection without an issue")
            _ = error.description
            return .rejected
        }
        var one = scenario
        one.arms = [one.arms[0]]
        one.repetitions = 1
        guard budget.issues(RunEstimate(one), file: "fuzz.yaml").isEmpty else { return .overBudget }
        do {
            let runs = try ExperimentRunner(scenario: one, options: { var o = ExperimentRunner.Options(); o.jobs = 1; return o }()).runAll()
            precondition(runs.count == 1, "one run expected")
        } catch {
            return .rejected   // a topology that cannot be built is refused, not a crash
        }
        return .ran
    }

    /// Structure-aware mutations of scenario text, deterministic per stream.
    public struct Mutator {
        let stream: RandomStream
        let seeds: [String]

        /// Values that have broken validators before: extremes of every unit,
        /// empty and structured values, YAML oddities.
        public static let interesting: [String] = [
            "0", "-1", "1", "2", "1000000000", "9223372036854775807", "-9223372036854775808", "1e308", "-1e308",
            "1e-308", ".inf", "-.inf", ".nan", "NaN", "0.5", "3.0", "2.5", "~", "null", "\"\"", "[]", "{}", "[1, 2]",
            "{a: 1}", "1ns", "1us", "0s", "-50ms", "106751d", "36500d", "36501d", "9223372036854775807ns", "1000d",
            "1B", "0B", "1PB", "1GB", "1.5MB", "1bps", "0Mbps", "1e12Gbps", "100%", "101%", "-1%", "1e9/s", "0/h",
            "$0.01/GB", "$-1/h", "true", "false", "yes", "region-0", "store-999999", "cloud-0", "device-0-0",
            "[store-0, region-0]", "[store-0, store-0]", "{distribution: lognormal, median: 10ms, sigma: 50}",
            "{distribution: pareto, shape: 0.01, scale: 1ms}", "{distribution: pareto, shape: 0.01, scale: 100KB}",
            "{distribution: uniform, low: 5ms, high: 1ms}", "{distribution: empirical, points: [[0, 1ms], [1, 2ms]]}",
            "{distribution: gamma, shape: 1e-300, scale: 1s}", "{distribution: weibull, scale: 1s, shape: 0.001}",
            "&x [*x, *x]", "*undefined", "!!binary aGVsbG8=", String(repeating: "n", count: 300),
            "[{at: 1m, kind: crash, node: store-0}]", "[{at: 1m, duration: 36500d, kind: cut, link: [store-0, region-0]}]",
            "[{at: 0s, kind: clock, node: store-0, offset: -36500d, drift_ppm: 999999}]",
        ]

        public init(seed: UInt64, seeds: [String]) {
            stream = RandomStream(name: "fuzz/mutator", masterSeed: seed, generator: .taus2)
            self.seeds = seeds
        }

        func below(_ n: Int) -> Int { n <= 1 ? 0 : stream.uniformInt(below: n) }

        /// One mutant: a seed file with one to three mutations.
        public func next() -> String {
            var lines = seeds[below(seeds.count)].split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for _ in 0..<(1 + below(3)) { mutate(&lines) }
            return lines.joined(separator: "\n")
        }

        private func mutate(_ lines: inout [String]) {
            guard !lines.isEmpty else { lines = [Self.interesting[below(Self.interesting.count)]]; return }
            let i = below(lines.count)
            switch below(8) {
            case 0, 1, 2:
                // A value replaced: after the last ": " of the line, or a list item.
                let value = Self.interesting[below(Self.interesting.count)]
                if let r = lines[i].range(of: ": ", options: .backwards) {
                    lines[i] = String(lines[i][..<r.upperBound]) + value
                } else if let r = lines[i].range(of: "- ") {
                    lines[i] = String(lines[i][..<r.upperBound]) + value
                } else {
                    lines[i] += value
                }
            case 3: lines.remove(at: i)
            case 4: lines.insert(lines[below(lines.count)], at: i)
            case 5: lines.swapAt(i, below(lines.count))
            case 6:
                // A byte flipped, inserted or cut.
                var bytes = Array(lines[i].utf8)
                let j = below(bytes.count + 1)
                switch below(3) {
                case 0 where j < bytes.count: bytes[j] ^= UInt8(1 << below(8))
                case 1: bytes.insert(UInt8(below(128)), at: j)
                default: if j < bytes.count { bytes.remove(at: j) }
                }
                lines[i] = String(decoding: bytes, as: UTF8.self)
            default:
                // Indentation changed: a key moved into or out of a mapping.
                lines[i] = below(2) == 0 ? "  " + lines[i] : String(lines[i].drop { $0 == " " })
            }
        }
    }
}
