import Metrics
import Replication

/// Consistency measured from what clients saw, not from what replicas say
/// about themselves.
///
/// The input is the record of every client operation (``OperationHistory``):
/// invocation and completion in true simulated time, the dot and observed
/// writes of each write, the causal context and returned writes of each read,
/// and the final state of every key. Only operations invoked at or after the
/// warm-up are measured; every acknowledged write, warm-up included, is one
/// that later reads must see.
///
/// Definitions (also in docs/METRICS.md):
///
/// - A write is **acknowledged** when its success reached the client; its
///   acknowledgement time is that moment.
/// - A read **returns** a write when the read's causal context covers the
///   write's dot: the read saw the write or something that superseded it
///   (or, under `lww`, something that discarded it: that is a lost write,
///   counted as such, not a stale read).
/// - **Stale read**: a read that does not return some write on its key
///   acknowledged before the read was invoked.
/// - **t-visibility(t)**: among reads whose key had an acknowledged write
///   before the read began, the fraction that return every write on their key
///   acknowledged more than t before the read began. At t = 0 it is one minus
///   the stale fraction of those reads; it never falls as t grows.
/// - **Monotonic-read violation**: a read whose context does not contain the
///   context of an earlier read (completed before this one was invoked) by
///   the same client on the same key.
/// - **Read-your-writes violation**: a read that does not return a write by
///   the same client on the same key acknowledged before the read began.
/// - **Lost acknowledged write**: an acknowledged write that no version of
///   the key's final state is, or descends from through writers that saw it.
///   A write *saw* the writes whose values its client held when it wrote (the
///   versions of the reply whose context it passed); seeing is transitive.
///   Causal contexts alone do not decide it: under `lww` and the heuristic a
///   context covers writes that were discarded unseen.
/// - **Conflict**: a set of two or more concurrent live versions of a key
///   shown to a client (in a read's or a write's reply) or left in the final
///   state; each distinct set counts once.
public enum HistoryChecker {
    /// The lags of `t_visibility_<name>`, in nanoseconds.
    public static let visibilityLags: [(name: String, nanoseconds: Int64)] = [
        ("0ms", 0), ("1ms", 1_000_000), ("10ms", 10_000_000), ("100ms", 100_000_000), ("1s", 1_000_000_000),
    ]

    /// What the checker found.
    public struct Report: Sendable {
        /// Measured reads that succeeded.
        public var reads = 0
        /// Measured writes that succeeded.
        public var writes = 0
        /// Measured reads that failed or were lost on the way.
        public var readFailures = 0
        /// Measured writes that failed or were lost on the way.
        public var writeFailures = 0
        /// Latencies of the succeeded measured reads.
        public var readLatency = LatencyHistogram()
        /// Latencies of the succeeded measured writes.
        public var writeLatency = LatencyHistogram()
        /// Measured reads that missed a write acknowledged before they began.
        public var staleReads = 0
        /// Succeeded measured reads per time series bucket, by the time they
        /// began (bucket `b` from the warm-up plus `b` widths); empty unless
        /// counted (``Incremental/countReadsPerBucket(width:)``).
        public var readsPerBucket: [Int] = []
        /// Stale reads per time series bucket, likewise.
        public var staleReadsPerBucket: [Int] = []
        /// Reads whose key had an acknowledged write before they began.
        public var readsAfterAWrite = 0
        /// Per lag of ``visibilityLags``: of ``readsAfterAWrite``, those that
        /// returned every write acknowledged more than the lag before.
        public var visibleAtLag: [Int] = Array(repeating: 0, count: HistoryChecker.visibilityLags.count)
        /// Reads that returned less than an earlier read of the same client and key.
        public var monotonicReadViolations = 0
        /// Reads that missed an acknowledged write of their own client.
        public var readYourWritesViolations = 0
        /// Acknowledged writes neither in nor seen by the final state.
        public var lostAcknowledgedWrites = 0
        /// Distinct sibling sets shown to clients or left in the final state.
        public var conflictsDetected = 0
        /// Stale reads invoked while a cut or partition was active.
        public var staleReadsDuringFaults = 0
        /// Stale reads invoked once the replicas had converged after the last heal.
        public var staleReadsAfterConvergence = 0
        /// Seconds from the last heal to agreement; NaN without a heal, +inf if never.
        public var convergenceTimeAfterHeal = Double.nan
        /// Keys whose owners disagreed at the end.
        public var divergentKeysAtEnd = 0
        let hasFaultWindows: Bool

        init(hasFaultWindows: Bool) { self.hasFaultWindows = hasFaultWindows }

        /// Stale reads over succeeded reads; NaN without reads.
        public var staleReadFraction: Double { reads > 0 ? Double(staleReads) / Double(reads) : .nan }

        /// t-visibility at each lag of ``HistoryChecker/visibilityLags``.
        public var tVisibility: [Double] {
            visibleAtLag.map { readsAfterAWrite > 0 ? Double($0) / Double(readsAfterAWrite) : .nan }
        }

        /// The metrics, named as in docs/METRICS.md.
        public var metrics: [MetricValue] {
            var m: [MetricValue] = []
            func count(_ name: String, _ x: Int) { m.append(MetricValue(name, "count", .count(x))) }
            func real(_ name: String, _ unit: String, _ x: Double) { m.append(MetricValue(name, unit, .real(x))) }
            count("replication_reads", reads)
            count("replication_writes", writes)
            count("read_failures", readFailures)
            count("write_failures", writeFailures)
            real("read_latency_p50", "s", readLatency.percentile(50))
            real("read_latency_p99", "s", readLatency.percentile(99))
            real("write_latency_p50", "s", writeLatency.percentile(50))
            real("write_latency_p99", "s", writeLatency.percentile(99))
            real("stale_read_fraction", "fraction", staleReadFraction)
            for (lag, value) in zip(HistoryChecker.visibilityLags, tVisibility) {
                real("t_visibility_\(lag.name)", "fraction", value)
            }
            count("monotonic_read_violations", monotonicReadViolations)
            count("read_your_writes_violations", readYourWritesViolations)
            count("lost_acknowledged_writes", lostAcknowledgedWrites)
            count("conflicts_detected", conflictsDetected)
            if hasFaultWindows {
                count("stale_reads_during_faults", staleReadsDuringFaults)
                count("stale_reads_after_convergence", staleReadsAfterConvergence)
            }
            real("convergence_time_after_heal", "s", convergenceTimeAfterHeal)
            count("divergent_keys_at_end", divergentKeysAtEnd)
            return m
        }
    }

    /// Whether `context` covers every dot `required` stands for.
    static func covers(_ context: VersionVector, _ required: VersionVector) -> Bool {
        required.entries.allSatisfy { context[$0.replica] >= $0.counter }
    }
}
