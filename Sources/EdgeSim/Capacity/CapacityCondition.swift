import SimKernel

/// The condition a capacity search looks for: `METRIC OP VALUE`, such as
/// `update_latency_p99 > 2s`.
///
/// METRIC is a metric name of summary.csv (docs/METRICS.md); OP is `>`,
/// `>=`, `<` or `<=`; VALUE is a plain number, or a duration with its unit
/// (`2s`, `150ms`), compared in seconds, the unit latency metrics are
/// written in.
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

    public init(metric: String, comparison: Comparison, threshold: Double, thresholdText: String? = nil) {
        self.metric = metric
        self.comparison = comparison
        self.threshold = threshold
        self.thresholdText = thresholdText ?? "\(threshold)"
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
        let threshold: Double
        if let plain = Double(value), plain.isFinite {
            threshold = plain
        } else {
            do {
                threshold = try SimDuration(parsing: value).seconds
            } catch {
                throw SweepError("--until \"\(text)\": \"\(value)\" is neither a number nor a duration such as 2s or 150ms")
            }
        }
        self.init(metric: metric, comparison: comparison, threshold: threshold, thresholdText: value)
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
