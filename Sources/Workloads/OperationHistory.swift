import Replication

/// One client operation as the history checker sees it: who asked what,
/// when (true simulated time), and what came back.
///
/// An operation's id is its index in ``OperationHistory/operations``; a
/// write's value carries that id (see ``WriteValue``), so every version a
/// replica returns names the write that created it.
public struct RecordedOperation: Sendable, Hashable {
    /// A read or a write.
    public enum Kind: Sendable, Hashable {
        case read
        case write
    }

    /// How the operation ended, as far as its client knows.
    public enum Outcome: Sendable, Hashable {
        /// No answer yet (or never: lost on the way, or abandoned by a crash
        /// of a replica serving a remote client).
        case pending
        case succeeded
        case failed
    }

    /// A read or a write.
    public var kind: Kind
    /// The key's index in the driver's key table.
    public var key: Int32
    /// The client's node (its index in the topology).
    public var client: Int32
    /// True simulated time the client asked, nanoseconds.
    public var invokedAt: Int64
    /// True simulated time the answer reached the client, nanoseconds; -1 while pending.
    public var completedAt: Int64 = -1
    /// How it ended.
    public var outcome: Outcome = .pending
    /// Writes: the dot the coordinator issued (succeeded writes only).
    public var dot: Dot?
    /// Writes: the writes whose values the client had seen when it wrote (the
    /// versions of the reply whose causal context it passed, and its own
    /// previous write of the key): what this write knowingly supersedes.
    public var observed: [UInt64] = []
    /// Reads: the merged causal context returned.
    public var context = VersionVector()
    /// Reads: the writes whose values were returned (kept for a plain read
    /// only when there were several); writes: the versions the coordinator
    /// held after the write. Sorted.
    public var returned: [UInt64] = []

    /// An operation just invoked.
    public init(kind: Kind, key: Int32, client: Int32, invokedAt: Int64) {
        self.kind = kind
        self.key = key
        self.client = client
        self.invokedAt = invokedAt
    }
}

/// Everything the history checker needs from one run.
public struct OperationHistory: Sendable {
    /// Every client operation, indexed by id.
    public var operations: [RecordedOperation] = []
    /// Per key (index), the writes whose values survive in the final state:
    /// the merge, under the group's policy, of every replica's stored state
    /// and hints for the key. Sorted.
    public var finalVersions: [[UInt64]] = []
    /// Operations invoked before this time (ns) are not measured; they still
    /// count as writes that later reads must see.
    public var measuredFrom: Int64 = 0
    /// The end of the run (ns).
    public var end: Int64 = 0
    /// Operations still pending at the end that were invoked at least this
    /// long before it (ns) count as failed; younger ones were still in flight.
    public var lostAfter: Int64 = 2_000_000_000
    /// [start, end) of every cut or partition, ns.
    public var faultWindows: [(start: Int64, end: Int64)] = []
    /// The end of the last cut or partition, if one ended within the run.
    public var lastHeal: Int64?
    /// The first convergence check at or after ``lastHeal`` at which every
    /// replica of every key agreed, if one did.
    public var convergedAt: Int64?
    /// Keys whose replicas disagreed at the end of the run.
    public var divergentKeysAtEnd = 0

    /// An empty history.
    public init() {}
}

/// The value a simulated client writes: the write's operation id (8 bytes,
/// little-endian) and the units on the shelf (4 bytes), 12 bytes in all.
public enum WriteValue {
    /// The value of write `operation` setting `units`.
    public static func encode(operation: UInt64, units: Int32) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 12)
        for i in 0..<8 { bytes[i] = UInt8(truncatingIfNeeded: operation >> (8 * UInt64(i))) }
        let u = UInt32(bitPattern: units)
        for i in 0..<4 { bytes[8 + i] = UInt8(truncatingIfNeeded: u >> (8 * UInt32(i))) }
        return bytes
    }

    /// The operation id of a value written by ``encode(operation:units:)``.
    public static func operation(of value: [UInt8]) -> UInt64? {
        guard value.count == 12 else { return nil }
        var id: UInt64 = 0
        for i in 0..<8 { id |= UInt64(value[i]) << (8 * UInt64(i)) }
        return id
    }

    /// The units of a value written by ``encode(operation:units:)``.
    public static func units(of value: [UInt8]) -> Int32? {
        guard value.count == 12 else { return nil }
        var u: UInt32 = 0
        for i in 0..<4 { u |= UInt32(value[8 + i]) << (8 * UInt32(i)) }
        return Int32(bitPattern: u)
    }

    /// The writes named by the live versions among `versions`, sorted.
    public static func writes(in versions: [Version]) -> [UInt64] {
        versions.compactMap { $0.value.flatMap(operation(of:)) }.sorted()
    }
}
