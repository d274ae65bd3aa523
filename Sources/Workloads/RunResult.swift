import Metrics

/// What one run of one arm measured.
public struct RunResult: Sendable {
    /// One value per metric, in a fixed order.
    public var metrics: [MetricValue]
    /// (bucket end in seconds from the start, metric, value), in time order.
    public var timeseries: [(t: Double, metric: String, value: MetricNumber)]
    public var eventsHandled: Int
}
