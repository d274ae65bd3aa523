import Foundation

/// A metric the report states in a sentence, baseline first: "p99 update
/// latency falls from 98.4 ms to 48.0 ms (2.1x)".
public struct Headline: Sendable, Hashable {
    /// The metric's name in the result files.
    public var metric: String
    /// What the sentence calls it, lower case: "p99 update latency".
    public var subject: String
    /// Whether the subject takes a plural verb ("WAN bytes fall").
    public var plural: Bool

    public init(_ metric: String, _ subject: String, plural: Bool = false) {
        self.metric = metric
        self.subject = subject
        self.plural = plural
    }

    /// The metrics stated in words when the results hold them, in the order
    /// of the page: latency, SLA, alerts, traffic, cost, then replication.
    public static let all: [Headline] = [
        Headline("update_latency_p50", "median update latency at the store"),
        Headline("update_latency_p99", "p99 update latency at the store"),
        Headline("sla_met_fraction", "the share of updates within the SLA at the store"),
        Headline("availability", "availability at the store of the stores a fault touched (updates within the SLA)"),
        Headline("availability_worst_store", "availability at the store of the worst-hit store"),
        Headline("update_latency_region_p50", "median update latency at the regional dashboard"),
        Headline("update_latency_hq_p50", "median update latency at headquarters"),
        Headline("update_latency_hq_p99", "p99 update latency at headquarters"),
        Headline("freshness_store_mean", "the mean age of the store's view"),
        Headline("freshness_region_mean", "the mean age of the regional dashboard's view"),
        Headline("freshness_hq_mean", "the mean age of headquarters' view"),
        Headline("deltas_lost", "deltas lost", plural: true),
        Headline("stockout_detection_time_p99", "p99 stockout detection time"),
        Headline("wan_bytes", "WAN bytes", plural: true),
        Headline("bandwidth_cost_usd_month", "monthly bandwidth cost"),
        Headline("compute_cost_usd_month", "monthly compute cost"),
        Headline("total_cost_usd_month", "monthly cost"),
        Headline("stale_read_fraction", "the stale-read fraction"),
        Headline("hint_backlog_max", "the peak hint backlog"),
        Headline("lost_acknowledged_writes", "lost acknowledged writes", plural: true),
        Headline("read_latency_p99", "p99 read latency"),
        Headline("write_latency_p99", "p99 write latency"),
        Headline("convergence_time_after_heal", "convergence time after the heal"),
    ]

    /// The sentence for a move from `baseline` (cloud_only) to `candidate`
    /// (edge_hybrid), capitalised and without a final stop; nil when either
    /// value is undefined.
    ///
    /// Fractions move by percentage points; other positive values by a
    /// factor ("2.0x"), or by a percentage when they move by less than 10%,
    /// and by neither when either value is zero.
    public func sentence(unit: String, baseline: Double, candidate: Double) -> String? {
        guard baseline.isFinite, candidate.isFinite else { return nil }
        let from = QuantityFormat.value(baseline, unit: unit)
        let to = QuantityFormat.value(candidate, unit: unit)
        let text: String
        if baseline == candidate {
            text = "\(subject) \(plural ? "stay" : "stays") at \(to) in both arms"
        } else if from == to {
            text = "\(subject) \(plural ? "are" : "is") about \(to) in both arms"
        } else {
            let verb = candidate > baseline ? (plural ? "rise" : "rises") : (plural ? "fall" : "falls")
            var change = ""
            if unit == "fraction" {
                change = " (" + QuantityFormat.delta(candidate - baseline, unit: unit).replacingOccurrences(of: " pp", with: " points") + ")"
            } else if let f = QuantityFormat.factor(baseline, candidate) {
                // Small moves read better as a percentage than as "1.0x".
                let relative = (candidate - baseline) / baseline
                change = abs(relative) < 0.1
                    ? " (\(relative < 0 ? "−" : "+")\(QuantityFormat.trimmed(abs(relative) * 100, decimals: 1))%)"
                    : " (\(f))"
            }
            text = "\(subject) \(verb) from \(from) to \(to)\(change)"
        }
        return text.prefix(1).uppercased() + text.dropFirst()
    }
}
