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
    /// The itemised monthly bill; `total_cost_usd_month` is its sum.
    public var costItems: [CostLineItem] = []
    /// Per cloud fleet, every change of the GPUs that exist: (time ns, delta), the first at 0.
    public var fleetChanges: [[(at: Int64, delta: Int)]] = []
}
