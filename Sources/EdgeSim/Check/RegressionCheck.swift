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

/// One compared metric of one arm (and, in a sweep, one point).
public struct MetricComparison: Sendable, Hashable {
    public enum Verdict: String, Sendable, Hashable {
        case unchanged, within, improved, regressed
    }

    /// How a verdict was reached.
    public enum Method: String, Sendable, Hashable {
        /// One repetition on a side: the change against the tolerance alone.
        case tolerance
        /// Several repetitions on both sides: Welch's t-test (Holm-corrected
        /// across the metrics) and the tolerance.
        case welch = "welch-t"
        /// Informational metrics are reported, never tested.
        case none
    }

    /// The sweep point, `key=value ...`, or "" for a run.
    public var point: String = ""
    public var arm: String
    public var metric: String
    public var unit: String
    public var baseline: Double
    public var current: Double
    public var allowed: Double
    public var direction: MetricDirection
    public var verdict: Verdict
    public var method: Method = .tolerance
    /// Welch's one-sided p-value (two-sided for a stable metric); nil without the test.
    public var pValue: Double?
    /// Whether the change is significant after Holm's correction; nil without the test.
    public var significant: Bool?

    /// current − baseline.
    public var change: Double { current - baseline }

    /// The arm, with the point in a sweep: `edge_hybrid` or `key=value/edge_hybrid`.
    public var label: String { point.isEmpty ? arm : "\(point)/\(arm)" }
}

/// Compares the summary of a run (or a sweep) with a baseline's.
///
/// Every arm, metric and sweep point of the baseline must be in the run:
/// a missing one is reported (``Outcome/missing``) and fails the check
/// unless the caller allows it. A metric regresses when it moved the wrong
/// way (``MetricDirection``) beyond its tolerance and, when both sides have
/// several repetitions, when the move is also significant: Welch's t-test
/// on the means and standard deviations of summary.csv, at ``confidence``,
/// with Holm's step-down correction across every metric tested at once, so
/// that an unchanged model run with another seed passes at that rate.
public struct RegressionCheck: Sendable {
    public var defaultTolerance: Tolerance = .relative(0.05)
    /// Per-metric tolerances, by metric name.
    public var overrides: [String: Tolerance] = [:]
    /// The confidence of the significance test (0.95: a 5% false-alarm rate
    /// across all the metrics of one check).
    public var confidence = 0.95

    public init() {}

    /// What a check found.
    public struct Outcome: Sendable {
        /// Every metric in both summaries, in the baseline's order.
        public var comparisons: [MetricComparison]
        /// What the baseline has and the run lacks, one line each: a point,
        /// an arm, or a metric with the arms that lack it.
        public var missing: [String]
        /// Metrics the run has and the baseline lacks, one line each.
        public var added: [String]
    }

    /// Every metric present in both summaries, in the current summary's order.
    ///
    /// - Throws: ``CheckError`` when a file is missing or unreadable, or the
    ///   scenarios differ.
    public func compare(results: URL, baseline: URL) throws(CheckError) -> [MetricComparison] {
        try check(results: results, baseline: baseline).comparisons
    }

    /// Compares `results` with `baseline`: a run's summary.csv, or a sweep's sweep.csv.
    ///
    /// - Throws: ``CheckError`` when a file is missing or unreadable, the
    ///   scenarios differ, or one is a sweep and the other not.
    public func check(results: URL, baseline: URL) throws(CheckError) -> Outcome {
        let current = try CheckedTable.read(results)
        let base = try CheckedTable.read(baseline)
        guard current.scenario == base.scenario else {
            throw CheckError("the results are of scenario '\(current.scenario)' but the baseline is of '\(base.scenario)'")
        }
        guard current.isSweep == base.isSweep else {
            throw CheckError(base.isSweep ? "the baseline is a sweep but the results are one run" : "the results are a sweep but the baseline is one run")
        }
        var index: [String: CheckedTable.Row] = [:]
        for row in current.rows { index[row.key] = row }
        var comparisons: [MetricComparison] = []
        for row in base.rows {
            guard let now = index[row.key] else { continue }
            comparisons.append(judge(baseline: row, current: now))
        }
        applyHolm(&comparisons)
        return Outcome(comparisons: comparisons, missing: Self.missing(base: base, current: current),
                       added: Self.added(base: base, current: current))
    }

    /// What `base` has and `current` lacks: whole points, whole arms, then
    /// metrics with the arms that lack them.
    static func missing(base: CheckedTable, current: CheckedTable) -> [String] {
        var lines: [String] = []
        let currentPoints = Set(current.rows.map(\.point))
        let currentArms = Set(current.rows.map { $0.point + "\u{1}" + $0.arm })
        let currentKeys = Set(current.rows.map(\.key))
        var seen = Set<String>()
        for row in base.rows where !currentPoints.contains(row.point) && seen.insert("p" + row.point).inserted {
            lines.append("point \(row.point)")
        }
        for row in base.rows where currentPoints.contains(row.point) && !currentArms.contains(row.point + "\u{1}" + row.arm)
            && seen.insert("a" + row.point + "\u{1}" + row.arm).inserted {
            lines.append("arm \(row.arm)" + (row.point.isEmpty ? "" : " at \(row.point)"))
        }
        var metricOrder: [String] = []
        var lacking: [String: [String]] = [:]
        for row in base.rows where currentArms.contains(row.point + "\u{1}" + row.arm) && !currentKeys.contains(row.key) {
            let kind = row.metric.range(of: #"_p[0-9]+$"#, options: .regularExpression) != nil ? "percentile" : "metric"
            let name = "\(kind) \(row.metric)"
            if lacking[name] == nil { metricOrder.append(name) }
            lacking[name, default: []].append(row.point.isEmpty ? row.arm : "\(row.point)/\(row.arm)")
        }
        for name in metricOrder { lines.append("\(name) (\(lacking[name]!.joined(separator: ", ")))") }
        return lines
    }

    /// Metrics of `current` that `base` lacks, with the arms that have them.
    static func added(base: CheckedTable, current: CheckedTable) -> [String] {
        let baseMetrics = Set(base.rows.map(\.metric))
        var order: [String] = []
        var arms: [String: [String]] = [:]
        for row in current.rows where !baseMetrics.contains(row.metric) {
            if arms[row.metric] == nil { order.append(row.metric) }
            if !arms[row.metric, default: []].contains(row.arm) { arms[row.metric, default: []].append(row.arm) }
        }
        return order.map { "metric \($0) (\(arms[$0]!.joined(separator: ", ")))" }
    }

    /// The verdict on one metric from its means alone (one repetition).
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
                                allowed: allowed, direction: direction, verdict: verdict,
                                method: direction == .informational ? .none : .tolerance)
    }

    /// The verdict on one row, before the correction across metrics: with
    /// several repetitions on both sides, the p-value of Welch's test.
    func judge(baseline: CheckedTable.Row, current: CheckedTable.Row) -> MetricComparison {
        var c = judge(arm: baseline.arm, metric: baseline.metric, unit: baseline.unit.isEmpty ? current.unit : baseline.unit,
                      baseline: baseline.mean, current: current.mean)
        c.point = baseline.point
        guard c.direction != .informational, baseline.n >= 2, current.n >= 2,
              baseline.mean.isFinite, current.mean.isFinite else { return c }
        c.method = .welch
        let tail: WelchTest.Tail
        switch c.direction {
        case .lowerIsBetter: tail = .greater
        case .higherIsBetter: tail = .less
        case .stable, .informational: tail = .twoSided
        }
        c.pValue = WelchTest.pValue((baseline.n, baseline.mean, baseline.stddev),
                                    (current.n, current.mean, current.stddev), tail: tail)
        return c
    }

    /// Holm's step-down correction over every row with a p-value: sorted by
    /// p, the k-th smallest (from 0) is significant while p ≤ α / (m − k).
    /// A move beyond the tolerance that is not significant is `within`.
    func applyHolm(_ comparisons: inout [MetricComparison]) {
        let alpha = 1 - confidence
        let tested = comparisons.indices.filter { comparisons[$0].pValue != nil }
            .sorted { (comparisons[$0].pValue!, $0) < (comparisons[$1].pValue!, $1) }
        var rejecting = true
        for (k, i) in tested.enumerated() {
            if rejecting, comparisons[i].pValue! > alpha / Double(tested.count - k) { rejecting = false }
            comparisons[i].significant = rejecting
            if !rejecting, comparisons[i].verdict == .regressed || comparisons[i].verdict == .improved {
                comparisons[i].verdict = .within
            }
        }
    }

    /// JUnit XML: one test case per compared metric and arm, a failure per
    /// regression and per missing item (skipped when allowed); each test
    /// case says which test decided it.
    public static func junit(_ outcome: Outcome, scenario: String, confidence: Double, allowMissing: Bool) -> String {
        func escape(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        let comparisons = outcome.comparisons
        let regressions = comparisons.filter { $0.verdict == .regressed }.count
        let failures = regressions + (allowMissing ? 0 : outcome.missing.count)
        let tests = comparisons.count + outcome.missing.count
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites tests=\"\(tests)\" failures=\"\(failures)\">\n"
        xml += "  <testsuite name=\"edgesim-check.\(escape(scenario))\" tests=\"\(tests)\" failures=\"\(failures)\""
            + " skipped=\"\(allowMissing ? outcome.missing.count : 0)\">\n"
        let level = MetricNumber.format(confidence * 100) + "%"
        for c in comparisons {
            xml += "    <testcase classname=\"\(escape(scenario)).\(escape(c.label))\" name=\"\(escape(c.metric))\">\n"
            let how: String
            switch c.method {
            case .welch:
                how = "welch-t at \(level), Holm-corrected, p=\(MetricNumber.format(c.pValue ?? .nan)), "
                    + "significant=\(c.significant == true), and tolerance ±\(MetricNumber.format(c.allowed))"
            case .tolerance: how = "tolerance ±\(MetricNumber.format(c.allowed)) (one repetition on a side)"
            case .none: how = "none (informational)"
            }
            xml += "      <properties><property name=\"test\" value=\"\(c.method.rawValue)\"/>"
            if let p = c.pValue { xml += "<property name=\"p_value\" value=\"\(MetricNumber.format(p))\"/>" }
            xml += "</properties>\n"
            if c.verdict == .regressed {
                let message = "\(c.metric) (\(c.label)) moved from \(MetricNumber.format(c.baseline)) to "
                    + "\(MetricNumber.format(c.current)) \(c.unit); allowed \(MetricNumber.format(c.allowed)) "
                    + "(\(c.direction.rawValue) is better); test: \(how)"
                xml += "      <failure message=\"\(escape(message))\"/>\n"
            }
            xml += "      <system-out>\(escape("\(c.verdict.rawValue); test: \(how)"))</system-out>\n"
            xml += "    </testcase>\n"
        }
        for line in outcome.missing {
            xml += "    <testcase classname=\"\(escape(scenario)).missing\" name=\"\(escape(line))\">\n"
            xml += "      <properties><property name=\"test\" value=\"presence\"/></properties>\n"
            xml += allowMissing
                ? "      <skipped message=\"\(escape("missing from the results (allowed): \(line)"))\"/>\n"
                : "      <failure message=\"\(escape("in the baseline, missing from the results: \(line)"))\"/>\n"
            xml += "    </testcase>\n"
        }
        xml += "  </testsuite>\n</testsuites>\n"
        return xml
    }
}
