import Scenario
import SimKernel

/// The condition a capacity search looks for: `METRIC OP VALUE`, such as
/// `update_latency_p99 > 2s`, or `METRIC[ARM] OP METRIC[ARM]`, such as
/// `total_cost_usd_month[edge_hybrid] < total_cost_usd_month[cloud_only]`.
///
/// METRIC is a metric name of summary.csv (docs/METRICS.md), compared by its
/// mean over the repetitions of an arm: the arm in brackets, or, without
/// brackets, the arm of `--arm`. OP is `>`, `>=`, `<` or `<=`. VALUE is a
/// plain number in the metric's unit, or a quantity written as in scenario
/// files: a duration (`2s`, `150ms`, for a metric in seconds), a percentage
/// (`99%`, for a fraction), a dollar amount (`$50000` or `$50000/month`, for
/// a cost) or a size (`1GB`, for bytes); or another metric, of the arm its
/// brackets name, in the same unit (two arms compared at each value).
public struct CapacityCondition: Sendable, Hashable, CustomStringConvertible {
    public enum Comparison: String, Sendable, Hashable, CaseIterable {
        case greater = ">", greaterOrEqual = ">=", less = "<", lessOrEqual = "<="
    }

    /// A metric of one arm's results: `update_latency_p99`, or
    /// `total_cost_usd_month[edge_hybrid]`.
    public struct Operand: Sendable, Hashable, CustomStringConvertible {
        public var metric: String
        /// The arm whose mean it is; nil for the arm of `--arm`.
        public var arm: Arm?

        public init(metric: String, arm: Arm? = nil) {
            self.metric = metric
            self.arm = arm
        }

        /// `metric` or `metric[arm]`, as written.
        public var description: String { arm.map { "\(metric)[\($0.rawValue)]" } ?? metric }
    }

    /// The left side's metric.
    public var metric: String
    /// The left side's arm; nil for the arm of `--arm`.
    public var arm: Arm?
    public var comparison: Comparison
    /// The threshold, in the metric's unit (seconds for a duration); NaN
    /// when the right side is a metric (``reference``).
    public var threshold: Double
    /// The right side as written.
    public var thresholdText: String
    /// The unit the threshold was written in (`s`, `fraction`, `usd`,
    /// `bytes`), or nil for a plain number or a metric.
    public var thresholdUnit: String?
    /// The right side when it is a metric of an arm, compared value by value.
    public var reference: Operand?

    public init(metric: String, arm: Arm? = nil, comparison: Comparison, threshold: Double, thresholdText: String? = nil,
                thresholdUnit: String? = nil) {
        self.metric = metric
        self.arm = arm
        self.comparison = comparison
        self.threshold = threshold
        self.thresholdText = thresholdText ?? "\(threshold)"
        self.thresholdUnit = thresholdUnit
    }

    /// A condition comparing a metric with a metric (of another arm, as a rule).
    public init(_ left: Operand, _ comparison: Comparison, _ reference: Operand) {
        self.init(metric: left.metric, arm: left.arm, comparison: comparison, threshold: .nan,
                  thresholdText: reference.description)
        self.reference = reference
    }

    /// The left side.
    public var left: Operand { Operand(metric: metric, arm: arm) }

    /// Reads `METRIC OP VALUE` or `METRIC[ARM] OP METRIC[ARM]`; spaces
    /// around the operator are optional.
    ///
    /// - Throws: ``SweepError`` saying what is missing or malformed.
    public init(parsing text: String) throws(SweepError) {
        let example = "write e.g. \"update_latency_p99 > 2s\", \"sla_met_fraction < 0.99\" or "
            + "\"total_cost_usd_month[edge_hybrid] < total_cost_usd_month[cloud_only]\""
        guard let start = text.firstIndex(where: { "<>".contains($0) }) else {
            throw SweepError("--until \"\(text)\": no comparison (>, >=, < or <=); \(example)")
        }
        var end = text.index(after: start)
        if end < text.endIndex, text[end] == "=" { end = text.index(after: end) }
        guard let comparison = Comparison(rawValue: String(text[start..<end])) else {
            throw SweepError("--until \"\(text)\": unknown comparison; \(example)")
        }
        let leftText = text[..<start].trimmingCharacters(in: " ")
        let value = text[end...].trimmingCharacters(in: " ")
        guard !leftText.isEmpty, let left = try Self.operand(leftText, in: text) else {
            throw SweepError("--until \"\(text)\": expected a metric name before \(comparison.rawValue); \(example)")
        }
        guard !value.isEmpty else {
            throw SweepError("--until \"\(text)\": expected a value after \(comparison.rawValue); \(example)")
        }
        if let (threshold, unit) = Self.quantity(value) {
            self.init(metric: left.metric, arm: left.arm, comparison: comparison, threshold: threshold, thresholdText: value,
                      thresholdUnit: unit)
            return
        }
        // A metric on the right names its arm: a bare word is a mistyped value.
        guard value.hasSuffix("]"), let reference = try Self.operand(value, in: text) else {
            throw SweepError("--until \"\(text)\": \"\(value)\" is not a number, a quantity such as 2s, 150ms, 99%, $50000 or 1GB, "
                + "or a metric of an arm such as total_cost_usd_month[cloud_only]")
        }
        self.init(left, comparison, reference)
    }

    /// `name` or `name[arm]`; nil when the name is not a metric name.
    ///
    /// - Throws: ``SweepError`` for an arm that does not exist or a bracket not closed.
    static func operand(_ text: String, in condition: String) throws(SweepError) -> Operand? {
        var name = Substring(text), arm: Arm?
        if let open = text.firstIndex(of: "[") {
            guard text.hasSuffix("]") else {
                throw SweepError("--until \"\(condition)\": \"\(text)\": write the arm in brackets after the metric, e.g. total_cost_usd_month[cloud_only]")
            }
            let armText = text[text.index(after: open)..<text.index(before: text.endIndex)].trimmingCharacters(in: " ")
            guard let a = Arm(rawValue: armText) else {
                throw SweepError("--until \"\(condition)\": unknown arm \"\(armText)\"; use "
                    + Arm.allCases.map(\.rawValue).joined(separator: ", "))
            }
            arm = a
            name = text[..<open]
        }
        let metric = name.trimmingCharacters(in: " ")
        guard !metric.isEmpty, metric.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
        return Operand(metric: metric, arm: arm)
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

    /// The arms whose results the condition reads, in the order the runner
    /// runs arms: the arms its brackets name, and `defaultArm` for a metric
    /// without brackets.
    public func arms(default defaultArm: Arm) -> [Arm] {
        let read = [arm ?? defaultArm] + (reference.map { [$0.arm ?? defaultArm] } ?? [])
        return Arm.allCases.filter(read.contains)
    }

    /// Whether a metric without brackets reads the arm of `--arm`.
    public var readsDefaultArm: Bool { arm == nil || (reference != nil && reference?.arm == nil) }

    /// Checks the condition against the metrics a scenario's results hold,
    /// before anything runs: each metric must be one of its arm's, a
    /// threshold written with a unit must be in the metric's unit, and two
    /// metrics compared must share a unit.
    ///
    /// - Parameters:
    ///   - metrics: every metric name and unit of an arm's results, in results order.
    ///   - defaultArm: the arm of a metric without brackets.
    /// - Returns: the unit of the metrics compared.
    /// - Throws: ``SweepError`` naming the metric, with the nearest name
    ///   ("did you mean") or the metric's unit.
    @discardableResult
    public func check(against metrics: (Arm) -> [(name: String, unit: String)], defaultArm: Arm) throws(SweepError) -> String {
        func unit(of operand: Operand) throws(SweepError) -> String {
            let arm = operand.arm ?? defaultArm
            let names = metrics(arm)
            guard let unit = names.first(where: { $0.name == operand.metric })?.unit else {
                let hint = Self.closest(to: operand.metric, among: names.map(\.name)).map { "; did you mean \($0)?" }
                    ?? "; see docs/METRICS.md or summary.csv for the names"
                throw SweepError("--until \"\(self)\": this scenario's results have no metric \(operand.metric) in \(arm.rawValue)\(hint)")
            }
            return unit
        }
        let leftUnit = try unit(of: left)
        if let reference {
            let rightUnit = try unit(of: reference)
            if rightUnit != leftUnit {
                throw SweepError("--until \"\(self)\": \(metric) is in \(Self.unitName(leftUnit)), but \(reference.metric) is in \(Self.unitName(rightUnit))")
            }
        } else if let thresholdUnit, thresholdUnit != leftUnit {
            throw SweepError("--until \"\(self)\": \(metric) is in \(Self.unitName(leftUnit)), but \(thresholdText) is in \(Self.unitName(thresholdUnit))")
        }
        return leftUnit
    }

    /// One evaluation of the condition: both sides and whether it holds.
    public struct Evaluation: Sendable, Hashable {
        /// The left side's mean.
        public var value: Double
        /// The right side's mean, when it is a metric.
        public var reference: Double?
        public var holds: Bool

        public init(value: Double, reference: Double?, holds: Bool) {
            self.value = value
            self.reference = reference
            self.holds = holds
        }
    }

    /// Evaluates the condition on means of metrics.
    ///
    /// - Parameters:
    ///   - defaultArm: the arm of a metric without brackets.
    ///   - mean: the mean of a metric over an arm's repetitions; nil when the
    ///     results lack it.
    /// - Returns: nil when a metric the condition reads is missing.
    public func evaluate(defaultArm: Arm, mean: (String, Arm) -> Double?) -> Evaluation? {
        guard let x = mean(metric, arm ?? defaultArm) else { return nil }
        guard let reference else { return Evaluation(value: x, reference: nil, holds: holds(x)) }
        guard let y = mean(reference.metric, reference.arm ?? defaultArm) else { return nil }
        return Evaluation(value: x, reference: y, holds: holds(x, y))
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

    /// Whether a measured value meets the condition's threshold (never for NaN).
    public func holds(_ x: Double) -> Bool { holds(x, threshold) }

    /// Whether `x` compares with `y` as the condition says (never for NaN).
    public func holds(_ x: Double, _ y: Double) -> Bool {
        switch comparison {
        case .greater: return x > y
        case .greaterOrEqual: return x >= y
        case .less: return x < y
        case .lessOrEqual: return x <= y
        }
    }

    /// `metric op value`, as written (spaces around the operator).
    public var description: String { "\(left) \(comparison.rawValue) \(thresholdText)" }
}

private extension StringProtocol {
    func trimmingCharacters(in set: Character) -> String {
        String(drop(while: { $0 == set }).reversed().drop(while: { $0 == set }).reversed())
    }
}
