/// A soft preference: each plugin scores every feasible node 0...100.
///
/// A plugin first computes a raw value per node, then normalises the raw
/// values over the nodes feasible in the same step, as kube-scheduler's
/// `NormalizeScore` does. For "lower is better" plugins it is
/// `DefaultNormalizeScore` reversed: `100 - raw * 100 / max(raw)` in integer
/// arithmetic (all 100 when every raw value is 0). The total of a node is
/// the sum of each score times its weight (``ScoreWeights``).
public enum ScorePlugin: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// Raw: latency from the workload's source to the node in nanoseconds (0
    /// without a source). Lower is better; reversed default normalisation.
    case latency
    /// Raw: kube-scheduler's `LeastAllocated` — for CPU and memory (and GPUs
    /// when the workload requests any) `(capacity - allocated - request) * 100 / capacity`,
    /// averaged. Already 0...100, so not normalised further.
    case leastAllocated
    /// Raw: the node's hourly price times the workload's dominant share of
    /// the node (the largest of request / capacity over CPU, memory and GPUs),
    /// in micro-dollars an hour. Lower is better; reversed default normalisation.
    case cost
    /// Raw: the node's observed failures per million hours of uptime
    /// (``ClusterNode/Reliability/failuresPerMillionHours``). Lower is better;
    /// reversed default normalisation.
    case reliability

    /// The plugin's name in configuration and records (the case name).
    public var description: String { rawValue }
}
