/// Whether a replica runs with its normal request or its degraded one.
public enum PlacementMode: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// The workload's ``WorkloadRequest/resources``.
    case normal
    /// The workload's ``WorkloadRequest/degraded`` request (a lower frame rate, say).
    case degraded

    /// The case name.
    public var description: String { rawValue }
}
