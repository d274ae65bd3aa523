import Metrics

/// The files of a capacity search: capacity.csv (the metric's curve, one
/// row per value evaluated, in value order) and capacity.json (the question
/// and the answer).
public enum CapacityReport {
    /// capacity.csv, one row per value evaluated, in value order: the value
    /// of the varied key, the metric's name and unit, its mean over the
    /// repetitions at that value, and whether the condition holds there.
    /// When the condition compares two metrics (`reference`, e.g.
    /// `total_cost_usd_month[cloud_only]`), two more columns name the other
    /// metric and give its mean.
    public static func curve(_ steps: [CapacitySearch.Step], metric: String, unit: String,
                             reference: String? = nil) -> String {
        var table = CSVTable(header: reference == nil ? header : header + referenceColumns)
        for s in steps.sorted(by: { $0.value < $1.value }) {
            var row = [String(s.value), metric, unit, MetricNumber.format(s.metric), s.holds ? "true" : "false"]
            if let reference { row += [reference, MetricNumber.format(s.reference ?? .nan)] }
            table.append(row)
        }
        return table.text
    }

    /// The columns of capacity.csv.
    public static let header = ["value", "metric", "unit", "metric_value", "holds"]
    /// The further columns of capacity.csv when the condition compares two metrics.
    public static let referenceColumns = ["reference", "reference_value"]

    /// capacity.json: the key, the range, the condition, the arm of a
    /// metric without brackets, the arms run, the outcome and the knee; keys
    /// in a fixed order.
    public static func summary(scenario: String, key: String, search: CapacitySearch, condition: CapacityCondition,
                               arm: String, arms: [String], overrides: [String], outcome: CapacitySearch.Outcome,
                               runs: Int) -> String {
        func quoted(_ s: String) -> String {
            "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        var fields: [(String, String)] = [
            ("format", quoted(ResultsFolder.formatField("capacity"))),
            ("scenario", quoted(scenario)),
            ("vary", quoted(key)),
            ("from", String(search.from)),
            ("to", String(search.to)),
            ("resolution", String(search.resolution)),
            ("until", quoted(condition.description)),
            ("arm", quoted(arm)),
            ("arms", "[" + arms.map(quoted).joined(separator: ", ") + "]"),
            ("overrides", "[" + overrides.map(quoted).joined(separator: ", ") + "]"),
            ("evaluations", String(runs)),
        ]
        switch outcome {
        case .knee(let below, let above):
            fields += [("outcome", quoted("knee")), ("knee", String(below)), ("first_holding", String(above))]
        case .holdsAtStart:
            fields += [("outcome", quoted("holds at --from"))]
        case .neverHolds:
            fields += [("outcome", quoted("never holds up to --to"))]
        }
        return "{\n" + fields.map { "  \(quoted($0.0)): \($0.1)" }.joined(separator: ",\n") + "\n}\n"
    }
}
