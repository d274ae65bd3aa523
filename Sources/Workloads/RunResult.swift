import Metrics

/// What one run of one arm measured.
public struct RunResult: Sendable {
    /// One value per metric, in a fixed order.
    public var metrics: [MetricValue]
    /// (bucket end in seconds from the start, metric, value), in time order.
    public var timeseries: [(t: Double, metric: String, value: MetricNumber)]
    public var eventsHandled: Int
    /// With `explain`, one JSON line per placement decision, in decision order.
    public var placementLines: [String] = []
    /// With `explain`, the scheduler's nodes: (id, name, tier, millicores).
    public var placementNodes: [[String]] = []
}
