/// Which way a metric may move before a change counts as a regression.
///
/// The table is documented in docs/METRICS.md ("Directions").
public enum MetricDirection: String, Sendable, Hashable {
    /// Latencies, bytes, costs, losses: a rise beyond the tolerance is a regression.
    case lowerIsBetter = "lower"
    /// SLA and availability fractions, applied updates: a fall beyond the tolerance is a regression.
    case higherIsBetter = "higher"
    /// Workload volumes that should not change: any move beyond the tolerance is a regression.
    case stable
    /// Reported, never a regression (events handled).
    case informational

    /// The direction of a metric, by name.
    public static func of(_ metric: String) -> MetricDirection {
        if informationalNames.contains(metric) { return .informational }
        if higher.contains(metric) || higherPrefixes.contains(where: metric.hasPrefix) { return .higherIsBetter }
        if lowerPrefixes.contains(where: metric.hasPrefix) || lowerSuffixes.contains(where: metric.hasSuffix)
            || lower.contains(metric) {
            return .lowerIsBetter
        }
        return .stable
    }

    static let informationalNames: Set<String> = ["events_handled"]
    static let higher: Set<String> = ["sla_met_fraction", "availability", "updates_applied", "delta_compression_ratio"]
    static let higherPrefixes = ["t_visibility_", "sla_met_fraction_", "availability_"]
    static let lowerPrefixes = [
        "update_latency_", "stockout_detection_time_", "bytes_", "messages_", "write_latency_", "read_latency_",
        "reschedule_time_", "freshness_", "upload_backlog_time_", "provisioned_",
    ]
    static let lowerSuffixes = ["_cost_usd_month", "_violations"]
    static let lower: Set<String> = [
        "wan_bytes", "stockouts_undetected", "delta_wire_bytes", "stale_read_fraction",
        "lost_acknowledged_writes", "convergence_time_after_heal", "hint_backlog_max", "write_failures",
        "hints_expired", "unschedulable", "sla_violating_placements", "outbox_peak_bytes", "deltas_lost",
        "delta_entries_lost", "outbox_overflow",
    ]
}
