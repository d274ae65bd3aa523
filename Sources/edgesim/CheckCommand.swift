import ArgumentParser
import EdgeSim
import Foundation
import Metrics

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Compare a results folder with a baseline and fail on regressions.",
        discussion: """
            Compares RESULTS (a folder of `edgesim run`, or of `edgesim sweep` \
            point by point) with BASELINE, arm by arm, metric by metric.

            Every arm, metric, percentile and sweep point of the baseline must be \
            in the results: each one missing is named and fails the check \
            (--allow-missing makes it a warning). Metrics only the results have \
            are listed as information.

            A metric regresses when it moved the wrong way beyond its tolerance \
            (latencies, bytes and costs may only fall, sla_met_fraction and \
            availability may only rise, workload volumes must stay put, \
            events_handled is informational; docs/METRICS.md) and, when both \
            sides have several repetitions, when the move is also significant: \
            Welch's t-test on the means and standard deviations of summary.csv \
            at --confidence, with Holm's correction across all the metrics \
            tested, so a run of the unchanged model with another seed passes. \
            With one repetition on a side, the tolerance alone decides. The \
            JUnit file names the test used for each metric.

            --bless then copies RESULTS into BASELINE (replaced whole, \
            atomically; BASELINE must be a folder EdgeSim wrote, or new) after \
            printing what changed, and exits 0.

            Exit status: 0 when nothing regressed or is missing, 1 on a \
            regression or a missing arm, metric or point, 2 on unusable input \
            (a missing folder or file, a baseline of another scenario, a \
            malformed tolerance, a baseline folder that cannot be written).

            EXAMPLES:
              edgesim run Scenarios/smoke.yaml --out /tmp/smoke
              edgesim check /tmp/smoke --baseline Results/smoke --junit /tmp/check.xml
              edgesim check /tmp/smoke --baseline Results/smoke --tolerance update_latency_max=2ms
              edgesim check /tmp/smoke --baseline /tmp/smoke-baseline --bless
            """
    )

    @Argument(help: "The results folder to check (written by `edgesim run` or `edgesim sweep`).")
    var results: String

    @Option(help: "The baseline results folder.")
    var baseline: String

    @Option(name: .customLong("default-tolerance"), help: "Tolerance for metrics without an override: a percentage of the baseline, or an amount.")
    var defaultTolerance: String = "5%"

    @Option(name: .customLong("tolerance"),
            help: ArgumentHelp("Per-metric tolerance, METRIC=AMOUNT: 5% (relative), 2ms, 1MB, $10 or a number (absolute). Repeatable.",
                               valueName: "metric=amount"))
    var tolerances: [String] = []

    @Option(help: "Confidence of the significance test with several repetitions: 95%, 99% or 0.95 (default 95%).")
    var confidence: String = "95%"

    @Flag(help: "Warn, do not fail, when the results lack an arm, metric or point of the baseline.")
    var allowMissing = false

    @Flag(help: "After printing what changed, copy RESULTS into BASELINE (atomically) and exit 0.")
    var bless = false

    @Option(help: "Also write the verdicts as JUnit XML, one test case per metric and arm, naming the test used.")
    var junit: String?

    func run() throws {
        do {
            try check()
        } catch let error as CheckError {
            FileHandle.standardError.write(Data("edgesim check: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }

    func parsedConfidence() throws(CheckError) -> Double {
        let t = confidence.trimmingCharacters(in: .whitespaces)
        let value = t.hasSuffix("%") ? Double(t.dropLast()).map { $0 / 100 } : Double(t)
        guard let value, value > 0, value < 1 else {
            throw CheckError("--confidence '\(confidence)' is not a level between 0 and 100% such as 95% or 0.99")
        }
        return value
    }

    func check() throws {
        var checker = RegressionCheck()
        checker.confidence = try parsedConfidence()
        let resultsURL = URL(fileURLWithPath: results), baselineURL = URL(fileURLWithPath: baseline)
        if bless && !FileManager.default.fileExists(atPath: baselineURL.path) {
            _ = try checker.check(results: resultsURL, baseline: resultsURL)  // RESULTS must be readable results
            try blessFolder(resultsURL, into: baselineURL)
            return
        }
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
        let outcome = try checker.check(results: resultsURL, baseline: baselineURL)
        let comparisons = outcome.comparisons
        let moved = comparisons.filter { $0.verdict != .unchanged }
        let regressions = comparisons.filter { $0.verdict == .regressed }

        var table = [["arm", "metric", "baseline", "current", "change", "allowed", "test", "verdict"]]
        for c in moved {
            let test: String
            switch c.method {
            case .welch: test = "welch p=" + MetricNumber.format(c.pValue ?? .nan) + (c.significant == true ? " (significant)" : "")
            case .tolerance: test = "tolerance"
            case .none: test = "none"
            }
            table.append([c.label, c.metric, MetricNumber.format(c.baseline) + " " + c.unit,
                          MetricNumber.format(c.current), (c.change >= 0 ? "+" : "") + MetricNumber.format(c.change),
                          "±" + MetricNumber.format(c.allowed) + " (\(c.direction.rawValue))", test, c.verdict.rawValue])
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
        for line in outcome.missing {
            print("missing from the results\(allowMissing ? " (allowed)" : ""): \(line)")
        }
        for line in outcome.added {
            print("new in the results (information): \(line)")
        }
        let welch = comparisons.filter { $0.method == .welch }.count
        let level = MetricNumber.format(checker.confidence * 100) + "%"
        let tests = welch > 0 ? " (\(welch) by Welch's t-test at \(level), Holm-corrected; the rest by tolerance)" : " (by tolerance)"
        print("\(comparisons.count) metrics compared\(tests), \(moved.count) moved, \(regressions.count) regressed, "
              + "\(outcome.missing.count) missing")
        if let junit {
            let scenario = (try? String(contentsOf: resultsURL.appendingPathComponent("summary.csv"), encoding: .utf8))
                .flatMap { CSVTable.parse($0)?.rows.first?[0] } ?? resultsURL.lastPathComponent
            let xml = RegressionCheck.junit(outcome, scenario: scenario, confidence: checker.confidence, allowMissing: allowMissing)
            do {
                try Data(xml.utf8).write(to: URL(fileURLWithPath: junit))
            } catch {
                throw CheckError("cannot write \(junit): \(OutputError.cause(of: error))")
            }
        }
        if bless {
            try blessFolder(resultsURL, into: baselineURL)
            return
        }
        for c in regressions {
            FileHandle.standardError.write(Data("regression: \(c.metric) (\(c.label))\n".utf8))
        }
        if !allowMissing {
            for line in outcome.missing { FileHandle.standardError.write(Data("missing: \(line)\n".utf8)) }
        }
        if !regressions.isEmpty || (!allowMissing && !outcome.missing.isEmpty) { throw ExitCode(1) }
    }

    /// Replaces the baseline with a copy of the results, through the atomic writer.
    func blessFolder(_ source: URL, into destination: URL) throws {
        do {
            let files = try ResultsFolder.contents(of: source)
            try ResultsFolder.write(data: files, to: destination)
            print("blessed: \(baseline) now holds the \(files.count) files of \(results)")
        } catch {
            throw CheckError("--bless: \(error)")
        }
    }
}
