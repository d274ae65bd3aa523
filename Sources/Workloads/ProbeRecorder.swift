import Metrics
import Replication

/// The bookkeeping of a probe workload, shared by the simulated and the live
/// drivers: a probe writes a fresh key, and once the write is acknowledged a
/// reader on another node reads the key after each delay of a list. A read at
/// delay t is *consistent* when its causal context covers the probe's write.
///
/// Every operation is also recorded in an ``OperationHistory``, key k being
/// probe k, so that the ``HistoryChecker`` judges the run as any other
/// (latencies, stale reads, lost acknowledged writes).
///
/// Times are nanoseconds on whatever clock the driver keeps (true simulated
/// time, or a monotonic wall clock from the start of a live run).
public struct ProbeRecorder: Sendable {
    /// The delays after a write's acknowledgement at which it is read, ns.
    public let delays: [Int64]
    /// Every operation, for the history checker. The driver sets
    /// `finalVersions` (and the fault windows) before checking it.
    public var history = OperationHistory()
    /// Per probe: the id of its write.
    public private(set) var writeOfProbe: [UInt64] = []
    /// Per read operation id: (probe, delay index), or nil for a write.
    var readSlot: [(probe: Int32, delay: Int32)?] = []
    /// Per delay: outcomes of the reads that succeeded (true: consistent).
    public private(set) var outcomes: [[Bool]]

    /// A recorder for probes read at `delays` (nanoseconds) after their acknowledgement.
    public init(delays: [Int64]) {
        self.delays = delays
        outcomes = Array(repeating: [], count: delays.count)
    }

    /// The key index and name of probe `probe`.
    public static func keyName(_ probe: Int) -> String { "probe-\(probe)" }

    /// The number of probes started.
    public var probeCount: Int { writeOfProbe.count }

    /// A probe's write is invoked now: returns the operation to submit.
    public mutating func invokeWrite(client: Int32, at now: Int64) -> ClientRequest {
        let probe = writeOfProbe.count
        let id = UInt64(history.operations.count)
        history.operations.append(RecordedOperation(kind: .write, key: Int32(probe), client: client, invokedAt: now))
        readSlot.append(nil)
        writeOfProbe.append(id)
        let operation = ClientOperation.write(
            key: Self.keyName(probe), value: WriteValue.encode(operation: id, units: Int32(probe)))
        return ClientRequest(id: ClientRequestID(id), operation: operation)
    }

    /// A probe's read at delay index `delay` is invoked now: returns the
    /// operation to submit.
    public mutating func invokeRead(probe: Int, delay: Int, client: Int32, at now: Int64) -> ClientRequest {
        let id = UInt64(history.operations.count)
        history.operations.append(RecordedOperation(kind: .read, key: Int32(probe), client: client, invokedAt: now))
        readSlot.append((Int32(probe), Int32(delay)))
        return ClientRequest(id: ClientRequestID(id), operation: .read(key: Self.keyName(probe)))
    }

    /// The answer to operation `id` reached its client now.
    ///
    /// - Returns: for a probe write that succeeded, its probe number, so
    ///   that the driver schedules the reads at the delays after `now`.
    @discardableResult
    public mutating func complete(_ id: ClientRequestID, _ result: Result<ClientReply, ReplicationError>,
                                  at now: Int64) -> Int? {
        let i = Int(id.rawValue)
        guard i < history.operations.count, history.operations[i].outcome == .pending else { return nil }
        history.operations[i].completedAt = now
        switch result {
        case .success(.write(let w)):
            history.operations[i].outcome = .succeeded
            history.operations[i].dot = w.version.dot
            history.operations[i].returned = WriteValue.writes(in: w.siblings)
            return Int(history.operations[i].key)
        case .success(.read(let r)):
            history.operations[i].outcome = .succeeded
            history.operations[i].context = r.context
            let returned = WriteValue.writes(in: r.versions)
            if returned.count > 1 { history.operations[i].returned = returned }
            if let slot = readSlot[i] {
                let write = history.operations[Int(writeOfProbe[Int(slot.probe)])]
                let consistent = write.dot.map { r.context.covers($0) } ?? false
                outcomes[Int(slot.delay)].append(consistent)
            }
            return nil
        case .failure:
            history.operations[i].outcome = .failed
            return nil
        }
    }

    /// The name of a delay in metric names: `0ms`, `1ms`, `250us`, `1s`.
    public static func label(_ nanoseconds: Int64) -> String {
        if nanoseconds % 1_000_000_000 == 0 && nanoseconds > 0 { return "\(nanoseconds / 1_000_000_000)s" }
        if nanoseconds % 1_000_000 == 0 { return "\(nanoseconds / 1_000_000)ms" }
        if nanoseconds % 1_000 == 0 { return "\(nanoseconds / 1_000)us" }
        return "\(nanoseconds)ns"
    }

    /// Per delay: the fraction of probe reads that were consistent, and its
    /// Student-t 95% interval over the reads (``Summary`` of 0/1 outcomes).
    public var visibility: [(delay: Int64, reads: Int, summary: Summary)] {
        delays.indices.map { d in
            (delays[d], outcomes[d].count, Summary(outcomes[d].map { $0 ? 1.0 : 0.0 }))
        }
    }

    /// `t_visibility_probe_<t>` with `_ci95_low` and `_ci95_high` per delay,
    /// and `probe_reads_<t>`, in the order of the delays.
    public var metrics: [MetricValue] {
        var m: [MetricValue] = []
        for v in visibility {
            let name = "t_visibility_probe_\(Self.label(v.delay))"
            m.append(MetricValue(name, "fraction", .real(v.summary.mean)))
            m.append(MetricValue(name + "_ci95_low", "fraction", .real(v.summary.ci95Low)))
            m.append(MetricValue(name + "_ci95_high", "fraction", .real(v.summary.ci95High)))
            m.append(MetricValue("probe_reads_\(Self.label(v.delay))", "count", .count(v.reads)))
        }
        return m
    }
}
