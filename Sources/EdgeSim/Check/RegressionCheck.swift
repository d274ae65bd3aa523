import Foundation
import Metrics
import Scenario
import SimKernel

/// A tolerance for one metric: a fraction of the baseline, or an absolute
/// amount in the metric's unit.
public enum Tolerance: Sendable, Hashable, CustomStringConvertible {
    case relative(Double)
    case absolute(Double)

    /// Reads "5%" (relative), or an absolute amount for a metric with `unit`:
    /// a duration ("2ms") for seconds, a size ("1.5MB") for bytes, a dollar
    /// amount ("$5" or "5") for usd, a plain number otherwise.
    public init(parsing text: String, unit: String) throws(CheckError) {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.hasSuffix("%"), let p = Double(t.dropLast()), p >= 0 {
            self = .relative(p / 100)
            return
        }
        if unit == "s", let d = try? SimDuration(parsing: t) {
            self = .absolute(d.seconds)
            return
        }
        if unit == "bytes", let b = try? ByteSize(parsing: t) {
            self = .absolute(Double(b.bytes))
            return
        }
        let number = t.hasPrefix("$") ? String(t.dropFirst()) : t
        if let x = Double(number), x >= 0, x.isFinite {
            self = .absolute(x)
            return
        }
        throw CheckError("tolerance '\(text)' for a metric in \(unit) is neither a percentage (\"5%\") nor an amount"
                         + (unit == "s" ? " such as \"2ms\"" : unit == "bytes" ? " such as \"1MB\"" : ""))
    }

    /// The allowed move from `baseline`.
    public func allowance(from baseline: Double) -> Double {
        switch self {
        case .relative(let f): return f * abs(baseline)
        case .absolute(let a): return a
        }
    }

    public var description: String {
        switch self {
        case .relative(let f): return MetricNumber.format(f * 100) + "%"
        case .absolute(let a): return MetricNumber.format(a)
        }
    }
}

/// Unusable input to a check: exit status 2.
public struct CheckError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// One compared metric of one arm.
public struct MetricComparison: Sendable, Hashable {
    public enum Verdict: String, Sendable, Hashable {
        case unchanged, within, improved, regressed
    }
    public var arm: String
    public var metric: String
    public var unit: String
    public var baseline: Double
    public var current: Double
    public var allowed: Double
    public var direction: MetricDirection
    public var verdict: Verdict

    /// current − baseline.
    public var change: Double { current - baseline }
}

/// Compares the summary of a run with a baseline's.
public struct RegressionCheck: Sendable {
    public var defaultTolerance: Tolerance = .relative(0.05)
    /// Per-metric tolerances, by metric name.
    public var overrides: [String: Tolerance] = [:]

    public init() {}

    /// Every metric present in both summaries, in the current summary's order.
    ///
    /// - Throws: ``CheckError`` when a file is missing or unreadable, or the
    ///   scenarios differ.
    public func compare(results: URL, baseline: URL) throws(CheckError) -> [MetricComparison] {
        let current = try Self.summary(in: results)
        let base = try Self.summary(in: baseline)
        guard current.scenario == base.scenario else {
            throw CheckError("the results are of scenario '\(current.scenario)' but the baseline is of '\(base.scenario)'")
        }
        var baseMeans: [String: Double] = [:]
        for row in base.rows { baseMeans[row.arm + "\u{1}" + row.metric] = row.mean }
        var out: [MetricComparison] = []
        for row in current.rows {
            guard let old = baseMeans[row.arm + "\u{1}" + row.metric] else { continue }
            out.append(judge(arm: row.arm, metric: row.metric, unit: row.unit, baseline: old, current: row.mean))
        }
        return out
    }

    /// The verdict on one metric.
    public func judge(arm: String, metric: String, unit: String, baseline: Double, current: Double) -> MetricComparison {
        let direction = MetricDirection.of(metric)
        let allowed = (overrides[metric] ?? defaultTolerance).allowance(from: baseline)
        let verdict: MetricComparison.Verdict
        if baseline == current || (baseline.isNaN && current.isNaN) {
            verdict = .unchanged
        } else if baseline.isNaN || current.isNaN {
            verdict = direction == .informational ? .within : .regressed
        } else {
            let change = current - baseline
            switch direction {
            case .informational:
                verdict = .within
            case .lowerIsBetter:
                verdict = change > allowed ? .regressed : (change < -allowed ? .improved : .within)
            case .higherIsBetter:
                verdict = change < -allowed ? .regressed : (change > allowed ? .improved : .within)
            case .stable:
                verdict = abs(change) > allowed ? .regressed : .within
            }
        }
        return MetricComparison(arm: arm, metric: metric, unit: unit, baseline: baseline, current: current,
                                allowed: allowed, direction: direction, verdict: verdict)
    }

    struct SummaryRow {
        var arm: String
        var metric: String
        var unit: String
        var mean: Double
    }

    static func summary(in folder: URL) throws(CheckError) -> (scenario: String, rows: [SummaryRow]) {
        let file = folder.appendingPathComponent("summary.csv")
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw CheckError("\(file.path): no such file (is \(folder.path) a results folder of 'edgesim run'?)")
        }
        guard let table = CSVTable.parse(String(decoding: data, as: UTF8.self)),
              table.header == ["scenario", "arm", "metric", "unit", "n", "mean", "stddev", "ci95_low", "ci95_high"]
        else { throw CheckError("\(file.path): not a summary.csv written by 'edgesim run'") }
        guard let scenario = table.rows.first?[0] else { throw CheckError("\(file.path): holds no metric") }
        var rows: [SummaryRow] = []
        for r in table.rows {
            guard r[0] == scenario else { throw CheckError("\(file.path): mixes scenarios '\(scenario)' and '\(r[0])'") }
            let mean = r[5] == "nan" ? Double.nan : Double(r[5])
            guard let mean else { throw CheckError("\(file.path): mean '\(r[5])' of \(r[2]) is not a number") }
            rows.append(SummaryRow(arm: r[1], metric: r[2], unit: r[3], mean: mean))
        }
        return (scenario, rows)
    }

    /// JUnit XML: one test case per compared metric and arm, a failure per regression.
    public static func junit(_ comparisons: [MetricComparison], scenario: String) -> String {
        func escape(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        let failures = comparisons.filter { $0.verdict == .regressed }.count
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites tests=\"\(comparisons.count)\" failures=\"\(failures)\">\n"
        xml += "  <testsuite name=\"edgesim-check.\(escape(scenario))\" tests=\"\(comparisons.count)\" failures=\"\(failures)\">\n"
        for c in comparisons {
            xml += "    <testcase classname=\"\(escape(scenario)).\(escape(c.arm))\" name=\"\(escape(c.metric))\""
            if c.verdict == .regressed {
                let message = "\(c.metric) (\(c.arm)) moved from \(MetricNumber.format(c.baseline)) to "
                    + "\(MetricNumber.format(c.current)) \(c.unit); allowed \(MetricNumber.format(c.allowed)) "
                    + "(\(c.direction.rawValue) is better)"
                xml += ">\n      <failure message=\"\(escape(message))\"/>\n    </testcase>\n"
            } else {
                xml += "/>\n"
            }
        }
        xml += "  </testsuite>\n</testsuites>\n"
        return xml
    }
}
