/// What ``ReferenceCluster/placeAll(configuration:randomSource:)`` did.
public struct ReferencePlacementResult: Hashable, Sendable, CustomStringConvertible {
    /// Workloads submitted.
    public var workloads: Int
    /// The scheduler's counters after the batch.
    public var counters: SchedulerCounters
    /// Placements of store-resident workloads outside their store, counted
    /// afresh from node and source locations (a cross-check of
    /// ``SchedulerCounters/sovereigntyViolatingPlacements``).
    public var residencyViolations: Int
    /// FNV-1a over each replica's node and mode in workload order (pending
    /// replicas fold as all ones): equal across runs of the same input.
    public var checksum: UInt64

    /// One line: workloads, counters, residency check, checksum in hex.
    public var description: String {
        "workloads=\(workloads) \(counters) residencyViolations=\(residencyViolations) checksum=\(String(checksum, radix: 16))"
    }
}
