import Replication

extension HistoryChecker {
    /// The history checker fed operation by operation, in simulated time
    /// order, keeping per key only what it needs to judge what comes later,
    /// so that its memory stops growing with the run's length.
    ///
    /// Each read is judged when it completes: every write it must see was
    /// acknowledged before the read began, so is known by then. Per key the
    /// checker keeps the writes acknowledged in the last ``horizon`` and,
    /// folded into one causal context, everything older (the same per client,
    /// for read-your-writes, and per client for monotonic reads). Lost writes
    /// are decided at the end from a compact table of every write: its id,
    /// the writes it saw, and whether it was acknowledged and measured (about
    /// 30 bytes a write, against about 290 for a whole recorded operation).
    ///
    /// The report equals ``HistoryChecker/check(_:)``'s on the same history,
    /// except for a read that completes more than ``horizon`` after it began
    /// (none can in practice: requests time out, and the driver reclaims
    /// packets after ten minutes): it is judged against what was folded and
    /// counted in ``lateReads``.
    public struct Incremental: Sendable {
        /// How long acknowledged writes and completed reads stay unfolded.
        public static let horizon: Int64 = 3_600_000_000_000
        let measuredFrom: Int64
        let faultWindows: [(start: Int64, end: Int64)]
        var report: Report

        struct RecentWrite {
            var completedAt: Int64
            var dot: Dot
            var client: Int32
        }

        /// What one key needs to judge later reads.
        struct KeyState {
            var recent: [RecentWrite] = []
            var head = 0
            /// Every write folded (acknowledged before the horizon).
            var folded = VersionVector()
            var foldedByClient: [Int32: VersionVector] = [:]   // looked up, never iterated
            /// The latest acknowledgement folded; -1 when none.
            var foldedUpTo: Int64 = -1
        }
        var keys: [KeyState] = []

        /// Completed reads of one client on one key, for monotonic reads.
        struct ClientReads {
            var recent: [(completedAt: Int64, context: VersionVector)] = []
            var head = 0
            var folded = VersionVector()
            var foldedUpTo: Int64 = -1
        }
        var clientReads: [UInt64: ClientReads] = [:]   // looked up, never iterated

        // The write table, in id order.
        var writeIDs: [UInt64] = []
        var observedStart: [UInt32] = []
        var observedFlat: [UInt64] = []
        var ackedMeasured: [Bool] = []

        var conflicts = Set<[UInt64]>()   // counted, never iterated
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

        mutating func key(_ k: Int) {
            if k >= keys.count { keys.append(contentsOf: repeatElement(KeyState(), count: k + 1 - keys.count)) }
        }

        /// Operation `id` was invoked: a write's id and the writes it saw are recorded.
        public mutating func invoked(_ id: UInt64, _ op: RecordedOperation) {
            key(Int(op.key))
            guard op.kind == .write else { return }
            writeIDs.append(id)
            observedStart.append(UInt32(observedFlat.count))
            observedFlat.append(contentsOf: op.observed)
            ackedMeasured.append(false)
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
                return
            case .succeeded:
                break
            }
            if measured {
                let latency = op.completedAt - op.invokedAt
                if op.kind == .read {
                    report.reads += 1
                    report.readTimes.append(op.invokedAt)
                    report.readLatency.record(nanoseconds: latency)
                } else {
                    report.writes += 1
                    report.writeLatency.record(nanoseconds: latency)
                }
                if op.returned.count > 1 { conflicts.insert(op.returned) }
            }
            fold(k, now: now)
            if op.kind == .write {
                if let i = index(ofWrite: id), measured { ackedMeasured[i] = true }
                if let dot = op.dot { keys[k].recent.append(RecentWrite(completedAt: now, dot: dot, client: op.client)) }
            } else {
                judge(op, key: k, now: now)
            }
        }

        /// Folds what has left the horizon at `now` for key `k`.
        mutating func fold(_ k: Int, now: Int64) {
            let cutoff = now - Self.horizon
            var s = keys[k]
            guard s.head < s.recent.count, s.recent[s.head].completedAt < cutoff else { return }
            while s.head < s.recent.count, s.recent[s.head].completedAt < cutoff {
                let w = s.recent[s.head]
                s.folded = s.folded.adding(w.dot)
                s.foldedByClient[w.client] = (s.foldedByClient[w.client] ?? VersionVector()).adding(w.dot)
                s.foldedUpTo = max(s.foldedUpTo, w.completedAt)
                s.head += 1
            }
            if s.head > 64 && s.head * 2 > s.recent.count {
                s.recent.removeFirst(s.head)
                s.head = 0
            }
            keys[k] = s
        }

        mutating func judge(_ read: RecordedOperation, key k: Int, now: Int64) {
            let s = keys[k]
            let maxLag = HistoryChecker.visibilityLags.map(\.nanoseconds).max() ?? 0
            if s.foldedUpTo >= 0, read.invokedAt - maxLag <= s.foldedUpTo { lateReads += 1 }
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
                    report.staleReadTimes.append(read.invokedAt)
                    if faultWindows.contains(where: { read.invokedAt >= $0.start && read.invokedAt < $0.end }) {
                        report.staleReadsDuringFaults += 1
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
            let cutoff = now - Self.horizon
            while mine.head < mine.recent.count, mine.recent[mine.head].completedAt < cutoff {
                mine.folded.merge(mine.recent[mine.head].context)
                mine.foldedUpTo = max(mine.foldedUpTo, mine.recent[mine.head].completedAt)
                mine.head += 1
            }
            if mine.head > 64 && mine.head * 2 > mine.recent.count {
                mine.recent.removeFirst(mine.head)
                mine.head = 0
            }
            if measured {
                var seen = mine.folded
                for r in mine.recent[mine.head...] where r.completedAt < read.invokedAt { seen.merge(r.context) }
                if !covers(read.context, seen) { report.monotonicReadViolations += 1 }
            }
            mine.recent.append((now, read.context))
            clientReads[ck] = mine
        }

        func index(ofWrite id: UInt64) -> Int? {
            var lo = 0, hi = writeIDs.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if writeIDs[mid] < id { lo = mid + 1 } else { hi = mid }
            }
            return lo < writeIDs.count && writeIDs[lo] == id ? lo : nil
        }

        /// The report, once the run is over.
        ///
        /// - Parameters:
        ///   - pending: operations never completed; those invoked at least
        ///     `lostAfter` before `end` count as failed.
        ///   - finalVersions: per key, the writes that survive in the final state.
        public func finish(end: Int64, lostAfter: Int64, pending: [RecordedOperation], finalVersions: [[UInt64]],
                           convergedAt: Int64?, lastHeal: Int64?, divergentKeysAtEnd: Int) -> Report {
            var r = report
            for op in pending where op.invokedAt >= measuredFrom && op.invokedAt + lostAfter <= end {
                if op.kind == .read { r.readFailures += 1 } else { r.writeFailures += 1 }
            }
            r.readTimes.sort()
            r.staleReadTimes.sort()
            if let convergedAt { r.staleReadsAfterConvergence = r.staleReadTimes.filter { $0 >= convergedAt }.count }

            // Lost writes: what the final state's versions saw, transitively.
            var preserved = Array(repeating: false, count: writeIDs.count)
            var stack: [UInt64] = finalVersions.flatMap { $0 }
            while let id = stack.popLast() {
                guard let i = index(ofWrite: id), !preserved[i] else { continue }
                preserved[i] = true
                let end = i + 1 < observedStart.count ? Int(observedStart[i + 1]) : observedFlat.count
                stack.append(contentsOf: observedFlat[Int(observedStart[i])..<end])
            }
            r.lostAcknowledgedWrites = zip(ackedMeasured, preserved).filter { $0 && !$1 }.count

            var all = conflicts
            for versions in finalVersions where versions.count > 1 { all.insert(versions) }
            r.conflictsDetected = all.count
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
                              finalVersions: h.finalVersions, convergedAt: h.convergedAt, lastHeal: h.lastHeal,
                              divergentKeysAtEnd: h.divergentKeysAtEnd)
    }
}
