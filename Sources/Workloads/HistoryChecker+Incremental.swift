import Replication

extension HistoryChecker {
    /// The history checker fed operation by operation, in simulated time
    /// order, keeping per key only what it needs to judge what comes later,
    /// so that its memory does not grow with the run's length.
    ///
    /// Each read is judged when it completes: every write it must see was
    /// acknowledged before the read began, so is known by then. Per key the
    /// checker keeps the reads in flight and the writes acknowledged since
    /// the oldest of them began (at least the longest visibility lag back);
    /// older writes are folded into one causal context, and the same per
    /// client for read-your-writes. Per client and key it keeps, for
    /// monotonic reads, the contexts of the reads completed since its
    /// oldest read in flight began, older ones folded. Lost writes are
    /// decided from a ``WriteAncestry`` that the driver prunes of writes no
    /// longer held anywhere (``collect(isLive:)``). Read counts per time
    /// series bucket are counted, not listed.
    ///
    /// The report equals ``HistoryChecker/check(_:)``'s on the same history,
    /// except for a read that completes more than ``horizon`` after it began
    /// (none can in practice: requests time out, and the driver reclaims
    /// packets after ten minutes): a read in flight that long stops holding
    /// writes back; should it complete, it is judged against what was folded
    /// and counted in ``lateReads``.
    public struct Incremental: Sendable {
        /// How long a read in flight holds back the folding of writes and reads.
        public static let horizon: Int64 = 3_600_000_000_000
        static let longestLag = HistoryChecker.visibilityLags.map(\.nanoseconds).max() ?? 0
        let measuredFrom: Int64
        let faultWindows: [(start: Int64, end: Int64)]
        var report: Report
        /// The width of a time series bucket, from ``measuredFrom``; 0 when reads are not counted per bucket.
        var bucket: Int64 = 0
        /// When the replicas agreed after the last heal, once known.
        var convergedAt: Int64?
        /// Stale measured reads that began at ``staleInstant`` and were judged at it: the
        /// only stale reads judged so far that may begin at or after the convergence still to come.
        var staleAtInstant = 0
        var staleInstant: Int64 = -1

        struct RecentWrite {
            var completedAt: Int64
            var dot: Dot
            var client: Int32
        }

        /// What one key needs to judge later reads.
        struct KeyState {
            var recent: [RecentWrite] = []
            var head = 0
            /// Every write folded.
            var folded = VersionVector()
            var foldedByClient: [Int32: VersionVector] = [:]   // looked up, never iterated
            /// The latest acknowledgement folded; -1 when none.
            var foldedUpTo: Int64 = -1
            /// Reads of the key in flight, in order of invocation.
            var inFlight: [(invokedAt: Int64, client: Int32)] = []
        }
        var keys: [KeyState] = []

        /// Completed reads of one client on one key, for monotonic reads.
        struct ClientReads {
            var recent: [(completedAt: Int64, context: VersionVector)] = []
            var head = 0
            var folded = VersionVector()
        }
        var clientReads: [UInt64: ClientReads] = [:]   // looked up, never iterated

        var writes = WriteAncestry()
        /// Sibling sets shown to clients, while every write in them is live.
        var conflicts = Set<[UInt64]>()   // counted, never iterated
        /// Sibling sets counted, then dropped once one of their writes was dead.
        var conflictsForgotten = 0
        /// Reads judged against folded state because they completed more
        /// than ``horizon`` after they began.
        public private(set) var lateReads = 0

        /// A checker for a run measured from `measuredFrom` (ns), with cuts
        /// and partitions over `faultWindows`.
        public init(measuredFrom: Int64, faultWindows: [(start: Int64, end: Int64)]) {
            self.measuredFrom = measuredFrom
            self.faultWindows = faultWindows
            report = Report(hasFaultWindows: !faultWindows.isEmpty)
        }

        /// Counts the succeeded and the stale measured reads per bucket of
        /// `width` nanoseconds from the start of the measurement, by the
        /// time they began (``Report/readsPerBucket``).
        public mutating func countReadsPerBucket(width: Int64) {
            precondition(width > 0, "a bucket lasts some time")
            bucket = width
        }

        /// Records, per bucket, a read that began at `t`.
        func counted(_ buckets: inout [Int], at t: Int64) {
            guard bucket > 0, t >= measuredFrom else { return }
            let b = Int((t - measuredFrom) / bucket)
            if b >= buckets.count { buckets.append(contentsOf: repeatElement(0, count: b + 1 - buckets.count)) }
            buckets[b] += 1
        }

        /// The replicas agreed at `t`, the first agreement after the last heal.
        ///
        /// - Precondition: no read that began at or after `t` has been judged
        ///   yet, except at the instant `t` itself.
        public mutating func converged(at t: Int64) {
            precondition(convergedAt == nil, "the replicas converge once after the last heal")
            convergedAt = t
            report.staleReadsAfterConvergence = staleInstant == t ? staleAtInstant : 0
        }

        mutating func key(_ k: Int) {
            if k >= keys.count { keys.append(contentsOf: repeatElement(KeyState(), count: k + 1 - keys.count)) }
        }

        /// Operation `id` was invoked: a read is in flight; a write's id and
        /// the writes it saw are recorded.
        public mutating func invoked(_ id: UInt64, _ op: RecordedOperation) {
            let k = Int(op.key)
            key(k)
            if op.kind == .read {
                keys[k].inFlight.append((op.invokedAt, op.client))
            } else {
                writes.invoked(id, observed: op.observed)
            }
        }

        /// Operation `id` completed (succeeded or failed) at `op.completedAt`.
        public mutating func completed(_ id: UInt64, _ op: RecordedOperation) {
            let k = Int(op.key)
            key(k)
            let now = op.completedAt
            let measured = op.invokedAt >= measuredFrom
            switch op.outcome {
            case .pending:
                return
            case .failed:
                if measured { if op.kind == .read { report.readFailures += 1 } else { report.writeFailures += 1 } }
                if op.kind == .read { landed(op, key: k, now: now) }
                return
            case .succeeded:
                break
            }
            if measured {
                let latency = op.completedAt - op.invokedAt
                if op.kind == .read {
                    report.reads += 1
                    counted(&report.readsPerBucket, at: op.invokedAt)
                    report.readLatency.record(nanoseconds: latency)
                } else {
                    report.writes += 1
                    report.writeLatency.record(nanoseconds: latency)
                }
                if op.returned.count > 1 { conflicts.insert(op.returned) }
            }
            fold(k, now: now)
            if op.kind == .write {
                if measured { writes.acknowledged(id) }
                if let dot = op.dot { keys[k].recent.append(RecentWrite(completedAt: now, dot: dot, client: op.client)) }
            } else {
                judge(op, key: k, now: now)
                landed(op, key: k, now: now)
            }
        }

        /// Read `read` is no longer in flight: what it held back may fold.
        mutating func landed(_ read: RecordedOperation, key k: Int, now: Int64) {
            if let i = keys[k].inFlight.firstIndex(where: { $0.invokedAt == read.invokedAt && $0.client == read.client }) {
                keys[k].inFlight.remove(at: i)
            }
            fold(k, now: now)
            let ck = ReplicaDriver.sessionKey(read.client, Int32(k))
            if var mine = clientReads[ck] {
                foldReads(&mine, key: k, client: read.client, now: now)
                clientReads[ck] = mine
            }
        }

        /// Reads of key `k` begun before `now - horizon` stop holding anything back.
        mutating func expireInFlight(_ k: Int, now: Int64) {
            let cutoff = now - Self.horizon
            let stale = keys[k].inFlight.prefix { $0.invokedAt < cutoff }.count
            if stale > 0 { keys[k].inFlight.removeFirst(stale) }
        }

        /// Folds the writes of key `k` that every read still to be judged
        /// (in flight, or begun from `now` on) must see at every lag.
        mutating func fold(_ k: Int, now: Int64) {
            expireInFlight(k, now: now)
            var s = keys[k]
            // A write is in every read's required set once it was
            // acknowledged more than the longest lag before the read began.
            let limit = min(now, s.inFlight.first?.invokedAt ?? now) - Self.longestLag
            guard s.head < s.recent.count, s.recent[s.head].completedAt < limit else { return }
            while s.head < s.recent.count, s.recent[s.head].completedAt < limit {
                let w = s.recent[s.head]
                s.folded = s.folded.adding(w.dot)
                s.foldedByClient[w.client] = (s.foldedByClient[w.client] ?? VersionVector()).adding(w.dot)
                s.foldedUpTo = max(s.foldedUpTo, w.completedAt)
                s.head += 1
            }
            if s.head > 64 && s.head * 2 > s.recent.count {
                // A new array: one that grew while reads were in flight shrinks back.
                s.recent = Array(s.recent[s.head...])
                s.head = 0
            }
            keys[k] = s
        }

        /// Folds the reads of `client` on key `k` that every read of it
        /// still to be judged began after.
        mutating func foldReads(_ mine: inout ClientReads, key k: Int, client: Int32, now: Int64) {
            let limit = min(now, keys[k].inFlight.first { $0.client == client }?.invokedAt ?? now)
            while mine.head < mine.recent.count, mine.recent[mine.head].completedAt < limit {
                mine.folded.merge(mine.recent[mine.head].context)
                mine.head += 1
            }
            if mine.head == mine.recent.count {
                mine.recent.removeAll(keepingCapacity: true)
                mine.head = 0
            } else if mine.head > 64 && mine.head * 2 > mine.recent.count {
                mine.recent = Array(mine.recent[mine.head...])
                mine.head = 0
            }
        }

        mutating func judge(_ read: RecordedOperation, key k: Int, now: Int64) {
            let s = keys[k]
            if s.foldedUpTo >= 0, read.invokedAt - Self.longestLag <= s.foldedUpTo { lateReads += 1 }
            var required = Array(repeating: s.folded, count: visibilityLags.count)
            var own = s.foldedByClient[read.client] ?? VersionVector()
            for w in s.recent[s.head...] {
                for (j, lag) in visibilityLags.enumerated() where w.completedAt + lag.nanoseconds < read.invokedAt {
                    required[j] = required[j].adding(w.dot)
                }
                if w.client == read.client, w.completedAt < read.invokedAt { own = own.adding(w.dot) }
            }
            let measured = read.invokedAt >= measuredFrom
            if measured {
                if !covers(read.context, required[0]) {
                    report.staleReads += 1
                    counted(&report.staleReadsPerBucket, at: read.invokedAt)
                    if faultWindows.contains(where: { read.invokedAt >= $0.start && read.invokedAt < $0.end }) {
                        report.staleReadsDuringFaults += 1
                    }
                    if let convergedAt {
                        if read.invokedAt >= convergedAt { report.staleReadsAfterConvergence += 1 }
                    } else if read.invokedAt == now {
                        // Judged at the instant it began: the agreement, if it
                        // comes at this instant, comes no later than the read.
                        if staleInstant != now { (staleInstant, staleAtInstant) = (now, 0) }
                        staleAtInstant += 1
                    }
                }
                if !covers(read.context, own) { report.readYourWritesViolations += 1 }
                if !required[0].isEmpty {
                    report.readsAfterAWrite += 1
                    for j in visibilityLags.indices where covers(read.context, required[j]) { report.visibleAtLag[j] += 1 }
                }
            }
            // Monotonic reads: against every earlier read of this client and
            // key that completed before this one began.
            let ck = ReplicaDriver.sessionKey(read.client, Int32(k))
            var mine = clientReads[ck] ?? ClientReads()
            foldReads(&mine, key: k, client: read.client, now: now)
            if measured {
                var seen = mine.folded
                for r in mine.recent[mine.head...] where r.completedAt < read.invokedAt { seen.merge(r.context) }
                if !covers(read.context, seen) { report.monotonicReadViolations += 1 }
            }
            mine.recent.append((now, read.context))
            clientReads[ck] = mine
        }

        /// Forgets what concerns only writes that are not live (see
        /// ``WriteAncestry/collect(isLive:)``): the report stays the same.
        ///
        /// - Parameter isLive: whether a write may still end in the final
        ///   state or be seen by a later write (held by a replica or a
        ///   client, carried by a message, or pending).
        public mutating func collect(isLive: (UInt64) -> Bool) {
            writes.collect(isLive: isLive)
            // A sibling set with a dead write can never be shown again.
            let before = conflicts.count
            conflicts = conflicts.filter { $0.allSatisfy(isLive) }
            conflictsForgotten += before - conflicts.count
        }

        /// The records kept: writes of the ancestry table, recent writes
        /// and reads, reads in flight and sibling sets. Bounded by the keys,
        /// clients and operations in flight, not by the run's length.
        public var retainedRecords: Int {
            var n = writes.count + conflicts.count
            for s in keys { n += s.recent.count - s.head + s.inFlight.count + s.foldedByClient.count }
            for r in clientReads.values { n += r.recent.count - r.head + 1 }
            return n
        }

        /// The report, once the run is over.
        ///
        /// - Parameters:
        ///   - pending: operations never completed; those invoked at least
        ///     `lostAfter` before `end` count as failed.
        ///   - finalVersions: per key, the writes that survive in the final state.
        ///   - lastHeal: the end of the last cut or partition, if one ended
        ///     within the run; the agreement after it is ``converged(at:)``'s.
        public func finish(end: Int64, lostAfter: Int64, pending: [RecordedOperation], finalVersions: [[UInt64]],
                           lastHeal: Int64?, divergentKeysAtEnd: Int) -> Report {
            var r = report
            for op in pending where op.invokedAt >= measuredFrom && op.invokedAt + lostAfter <= end {
                if op.kind == .read { r.readFailures += 1 } else { r.writeFailures += 1 }
            }
            r.lostAcknowledgedWrites = writes.lost(final: finalVersions)
            var all = conflicts
            for versions in finalVersions where versions.count > 1 { all.insert(versions) }
            r.conflictsDetected = conflictsForgotten + all.count
            if let lastHeal { r.convergenceTimeAfterHeal = convergedAt.map { Double($0 - lastHeal) * 1e-9 } ?? .infinity }
            r.divergentKeysAtEnd = divergentKeysAtEnd
            return r
        }
    }

    /// Checks a whole history by feeding it, in time order, to ``Incremental``.
    ///
    /// - Complexity: O(n log n) in the number of operations.
    public static func check(_ h: OperationHistory) -> Report {
        var checker = Incremental(measuredFrom: h.measuredFrom, faultWindows: h.faultWindows)
        if let t = h.convergedAt { checker.converged(at: t) }
        // Invocations and completions in time order; at one instant, in id order,
        // invocations first (an operation completes no earlier than it begins).
        var events: [(time: Int64, completion: Bool, id: Int)] = []
        events.reserveCapacity(h.operations.count * 2)
        for (i, op) in h.operations.enumerated() {
            events.append((op.invokedAt, false, i))
            if op.outcome != .pending { events.append((op.completedAt, true, i)) }
        }
        events.sort { ($0.time, $0.completion ? 1 : 0, $0.id) < ($1.time, $1.completion ? 1 : 0, $1.id) }
        for e in events {
            if e.completion { checker.completed(UInt64(e.id), h.operations[e.id]) } else { checker.invoked(UInt64(e.id), h.operations[e.id]) }
        }
        return checker.finish(end: h.end, lostAfter: h.lostAfter, pending: h.operations.filter { $0.outcome == .pending },
                              finalVersions: h.finalVersions, lastHeal: h.lastHeal,
                              divergentKeysAtEnd: h.divergentKeysAtEnd)
    }
}
