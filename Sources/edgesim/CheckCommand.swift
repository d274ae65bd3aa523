import ArgumentParser
import EdgeSim
import Foundation
import Metrics

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Compare a results folder with a baseline and fail on regressions.",
        discussion: """
            Compares every metric present in both summary.csv files, arm by arm, \\
            and prints each one that moved: baseline, current, change, allowed \\
            move and verdict. Each metric has a direction (docs/METRICS.md): \\
            latencies, bytes and costs may only fall, sla_met_fraction and \\
            availability may only rise, workload volumes must stay put, and \\
            events_handled is informational.

            Exit status: 0 when every metric is within tolerance, 1 on any \\
            regression, 2 on unusable input (a missing folder or file, a baseline \\
            of another scenario, a malformed tolerance).

            Examples:
              edgesim check Results/smoke-new --baseline Results/smoke
              edgesim check out --baseline Results/smoke --tolerance update_latency_p99=5% \\
                  --tolerance update_latency_max=2ms --junit check.xml
            """
    )

    @Argument(help: "The results folder to check (written by 'edgesim run').")
    var results: String

    @Option(help: "The baseline results folder.")
    var baseline: String

    @Option(name: .customLong("default-tolerance"), help: "Tolerance for metrics without an override: a percentage of the baseline, or an amount.")
    var defaultTolerance: String = "5%"

    @Option(name: .customLong("tolerance"),
            help: ArgumentHelp("Per-metric tolerance, METRIC=AMOUNT: 5% (relative), 2ms, 1MB, $10 or a number (absolute). Repeatable.",
                               valueName: "metric=amount"))
    var tolerances: [String] = []

    @Option(help: "Also write the verdicts as JUnit XML, one test case per metric and arm.")
    var junit: String?

    func run() throws {
        do {
            try check()
        } catch let error as CheckError {
            FileHandle.standardError.write(Data("edgesim check: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }

    func check() throws {
        var checker = RegressionCheck()
        let resultsURL = URL(fileURLWithPath: results), baselineURL = URL(fileURLWithPath: baseline)
        // Units per metric come from the results, to read absolute tolerances.
        let probe = try checker.compare(results: resultsURL, baseline: baselineURL)
        let units = Dictionary(probe.map { ($0.metric, $0.unit) }, uniquingKeysWith: { a, _ in a })
        checker.defaultTolerance = try Tolerance(parsing: defaultTolerance, unit: "")
        for entry in tolerances {
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty else {
                throw CheckError("--tolerance '\(entry)' is not METRIC=AMOUNT")
            }
            guard let unit = units[parts[0]] else {
                throw CheckError("--tolerance names '\(parts[0])', which is in neither summary")
            }
            checker.overrides[parts[0]] = try Tolerance(parsing: parts[1], unit: unit)
        }
        let comparisons = try checker.compare(results: resultsURL, baseline: baselineURL)
        let moved = comparisons.filter { $0.verdict != .unchanged }
        let regressions = comparisons.filter { $0.verdict == .regressed }

        var table = [["arm", "metric", "baseline", "current", "change", "allowed", "verdict"]]
        for c in moved {
            table.append([c.arm, c.metric, MetricNumber.format(c.baseline) + " " + c.unit,
                          MetricNumber.format(c.current), (c.change >= 0 ? "+" : "") + MetricNumber.format(c.change),
                          "±" + MetricNumber.format(c.allowed) + " (\(c.direction.rawValue))", c.verdict.rawValue])
        }
        if moved.isEmpty {
            print("no metric moved")
        } else {
            let widths = (0..<table[0].count).map { col in table.map { $0[col].count }.max()! }
            for row in table {
                print(zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                    .joined(separator: "  ").trimmingCharacters(in: .whitespaces))
            }
        }
        print("\(comparisons.count) metrics compared, \(moved.count) moved, \(regressions.count) regressed")
        if let junit {
            let scenario = (try? String(contentsOf: resultsURL.appendingPathComponent("summary.csv"), encoding: .utf8))
                .flatMap { CSVTable.parse($0)?.rows.first?[0] } ?? "scenario"
            try Data(RegressionCheck.junit(comparisons, scenario: scenario).utf8).write(to: URL(fileURLWithPath: junit))
        }
        if !regressions.isEmpty {
            for c in regressions {
                FileHandle.standardError.write(Data("regression: \(c.metric) (\(c.arm))\n".utf8))
            }
            throw ExitCode(1)
        }
    }
}
