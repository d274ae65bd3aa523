/// What ``ReferenceCluster/placeAll(configuration:randomSource:)`` did.
public struct ReferencePlacementResult: Hashable, Sendable, CustomStringConvertible {
    /// FNV-1a over 64-bit words.
    struct Checksum {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        mutating func fold(_ word: UInt64) {
            for shift in stride(from: 0, to: 64, by: 8) {
                value ^= (word >> UInt64(shift)) & 0xff
                value &*= 0x0000_0100_0000_01b3
            }
        }
    }

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
