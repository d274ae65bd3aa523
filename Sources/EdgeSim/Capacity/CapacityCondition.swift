import Scenario
import SimKernel

/// The condition a capacity search looks for: `METRIC OP VALUE`, such as
/// `update_latency_p99 > 2s`.
///
/// METRIC is a metric name of summary.csv (docs/METRICS.md); OP is `>`,
/// `>=`, `<` or `<=`; VALUE is a plain number in the metric's unit, or a
/// quantity written as in scenario files: a duration (`2s`, `150ms`, for a
/// metric in seconds), a percentage (`99%`, for a fraction), a dollar amount
/// (`$50000` or `$50000/month`, for a cost) or a size (`1GB`, for bytes).
public struct CapacityCondition: Sendable, Hashable, CustomStringConvertible {
    public enum Comparison: String, Sendable, Hashable, CaseIterable {
        case greater = ">", greaterOrEqual = ">=", less = "<", lessOrEqual = "<="
    }

    public var metric: String
    public var comparison: Comparison
    /// The threshold, in the metric's unit (seconds for a duration).
    public var threshold: Double
    /// The threshold as written.
    public var thresholdText: String
    /// The unit the threshold was written in (`s`, `fraction`, `usd`,
    /// `bytes`), or nil for a plain number.
    public var thresholdUnit: String?

    public init(metric: String, comparison: Comparison, threshold: Double, thresholdText: String? = nil,
                thresholdUnit: String? = nil) {
        self.metric = metric
        self.comparison = comparison
        self.threshold = threshold
        self.thresholdText = thresholdText ?? "\(threshold)"
        self.thresholdUnit = thresholdUnit
    }

    /// Reads `METRIC OP VALUE`; spaces around the operator are optional.
    ///
    /// - Throws: ``SweepError`` saying what is missing or malformed.
    public init(parsing text: String) throws(SweepError) {
        let example = "write e.g. \"update_latency_p99 > 2s\" or \"sla_met_fraction < 0.99\""
        guard let start = text.firstIndex(where: { "<>".contains($0) }) else {
            throw SweepError("--until \"\(text)\": no comparison (>, >=, < or <=); \(example)")
        }
        var end = text.index(after: start)
        if end < text.endIndex, text[end] == "=" { end = text.index(after: end) }
        guard let comparison = Comparison(rawValue: String(text[start..<end])) else {
            throw SweepError("--until \"\(text)\": unknown comparison; \(example)")
        }
        let metric = text[..<start].trimmingCharacters(in: " ")
        let value = text[end...].trimmingCharacters(in: " ")
        guard !metric.isEmpty, metric.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            throw SweepError("--until \"\(text)\": expected a metric name before \(comparison.rawValue); \(example)")
        }
        guard !value.isEmpty else {
            throw SweepError("--until \"\(text)\": expected a value after \(comparison.rawValue); \(example)")
        }
        guard let (threshold, unit) = Self.quantity(value) else {
            throw SweepError("--until \"\(text)\": \"\(value)\" is not a number or a quantity such as 2s, 150ms, 99%, $50000 or 1GB")
        }
        self.init(metric: metric, comparison: comparison, threshold: threshold, thresholdText: value, thresholdUnit: unit)
    }

    /// A threshold and the unit it was written in, as scenario files write
    /// quantities; nil when it is none of them.
    static func quantity(_ text: String) -> (Double, String?)? {
        if let plain = Double(text), plain.isFinite { return (plain, nil) }
        if text.hasSuffix("%"), let p = Double(text.dropLast().trimmingCharacters(in: " ")), p.isFinite { return (p / 100, "fraction") }
        if text.hasPrefix("$") {
            var body = text.dropFirst()
            for per in ["/month", "/mo"] where body.hasSuffix(per) { body = body.dropLast(per.count) }
            if let x = Double(body.filter { $0 != "," }), x.isFinite { return (x, "usd") }
            return nil
        }
        if let d = try? SimDuration(parsing: text) { return (d.seconds, "s") }
        if let b = try? ByteSize(parsing: text) { return (Double(b.bytes), "bytes") }
        return nil
    }

    /// Checks the condition against the metrics a scenario's results hold,
    /// before anything runs: the metric must be one of them, and a threshold
    /// written with a unit must be in the metric's unit.
    ///
    /// - Parameter metrics: every metric name and unit, in results order.
    /// - Throws: ``SweepError`` naming the metric, with the nearest name
    ///   ("did you mean") or the metric's unit.
    public func check(against metrics: [(name: String, unit: String)]) throws(SweepError) {
        guard let unit = metrics.first(where: { $0.name == metric })?.unit else {
            let hint = Self.closest(to: metric, among: metrics.map(\.name)).map { "; did you mean \($0)?" }
                ?? "; see docs/METRICS.md or summary.csv for the names"
            throw SweepError("--until \"\(self)\": this scenario's results have no metric \(metric)\(hint)")
        }
        if let thresholdUnit, thresholdUnit != unit {
            throw SweepError("--until \"\(self)\": \(metric) is in \(Self.unitName(unit)), but \(thresholdText) is in \(Self.unitName(thresholdUnit))")
        }
    }

    static func unitName(_ unit: String) -> String {
        switch unit {
        case "s": return "seconds"
        case "usd": return "dollars"
        case "fraction": return "a fraction (write 0.99 or 99%)"
        default: return unit
        }
    }

    /// The candidate nearest to `word` by edit distance (ties to the
    /// earlier), when within about a third of its length.
    static func closest(to word: String, among candidates: [String]) -> String? {
        var best: (String, Int)?
        let w = Array(word.lowercased())
        for c in candidates {
            let d = distance(w, Array(c.lowercased()))
            if d <= max(2, c.count / 3), d < (best?.1 ?? .max) { best = (c, d) }
        }
        return best?.0
    }

    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var row = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = row
        }
        return previous[b.count]
    }

    /// Whether a measured value meets the condition (never for NaN).
    public func holds(_ x: Double) -> Bool {
        switch comparison {
        case .greater: return x > threshold
        case .greaterOrEqual: return x >= threshold
        case .less: return x < threshold
        case .lessOrEqual: return x <= threshold
        }
    }

    /// `metric op value`, as written.
    public var description: String { "\(metric) \(comparison.rawValue) \(thresholdText)" }
}

private extension StringProtocol {
    func trimmingCharacters(in set: Character) -> String {
        String(drop(while: { $0 == set }).reversed().drop(while: { $0 == set }).reversed())
    }
}
