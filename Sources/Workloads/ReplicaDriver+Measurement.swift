import Metrics
import Replication
import SimKernel
import SimNetwork

// Agreement between replicas, the final state of every key, and the metrics.

extension ReplicaDriver {
    /// The slots of the owners of `key`, from any member of its group (every
    /// member computes the same placement).
    mutating func owners(of key: Int) -> [Int32] {
        if ownerSlots[key].isEmpty {
            let g = groups[Int(groupOfStore[key / keysPerStore])]
            let any = replicas[Int(slotOfNode[Int(g.members[0].index)])]
            ownerSlots[key] = any.owners(of: keyNames[key]).map { slotOfNode[Int($0.rawValue)] }
        }
        return ownerSlots[key]
    }

    /// Keys whose owners do not all hold the same state (compared by digest;
    /// a missing key reads as the empty state).
    public mutating func divergentKeyCount() -> Int {
        let empty = SiblingSet().digest
        var count = 0
        for key in keyNames.indices {
            let owners = owners(of: key)
            let name = keyNames[key]
            let first = replicas[Int(owners[0])].state(of: name)?.digest ?? empty
            for o in owners.dropFirst() where (replicas[Int(o)].state(of: name)?.digest ?? empty) != first {
                count += 1
                break
            }
        }
        return count
    }

    /// Convergence after the last heal: checked every second until every
    /// replica of every key agrees.
    mutating func checkConvergence<E: ReplicaEventCarrier>(sim: inout Simulation<E>) {
        guard history.convergedAt == nil else { return }
        if divergentKeyCount() == 0 {
            history.convergedAt = sim.now.nanoseconds
            checker.converged(at: sim.now.nanoseconds)
            return
        }
        let next = sim.now + Self.convergenceCheckInterval
        if next <= end { sim.schedule(.replica(.convergenceCheck), at: next) }
    }

    /// The state every replica would reach by exchanging everything it holds:
    /// the merge, under the group's policy and in replica order, of every
    /// member's stored state and hints of the key.
    func finalStates() -> [[UInt64]] {
        var result = Array(repeating: [UInt64](), count: keyNames.count)
        let written = keyWritten
        // Hints by key, per replica, gathered once.
        var hinted: [[String: [SiblingSet]]] = []
        for replica in replicas {
            var byKey: [String: [SiblingSet]] = [:]
            for hint in replica.hintStore.hints { byKey[hint.key, default: []].append(hint.state) }
            hinted.append(byKey)
        }
        for key in keyNames.indices where written[key] {
            let g = groups[Int(groupOfStore[key / keysPerStore])]
            let policy = g.configuration.conflictPolicy
            let name = keyNames[key]
            var merged = SiblingSet()
            for member in g.members {
                let slot = Int(slotOfNode[Int(member.index)])
                if let state = replicas[slot].state(of: name) { merged.merge(state, policy: policy) }
                for state in hinted[slot][name] ?? [] { merged.merge(state, policy: policy) }
            }
            result[key] = WriteValue.writes(in: merged.versions)
        }
        return result
    }

    /// Prunes the history checker's table of writes (and its sibling sets)
    /// of every write no longer live: held by no replica (stored, hinted or
    /// in an open operation), carried by no packet in flight, in no writer's
    /// view and not pending. No later input can bring such a write back into
    /// a final state or a later write's view, so the report does not change.
    /// Called between events, when no effect is half applied; the next
    /// pruning comes when the table has doubled, so the cost per write is
    /// constant.
    mutating func collectHistory() {
        var live = Set<UInt64>()
        func note(_ value: [UInt8]) {
            if let id = WriteValue.operation(of: value) { live.insert(id) }
        }
        for replica in replicas { replica.forEachHeldValue(note) }
        for slot in packets {
            switch slot.packet {
            case .replica(let message)?: message.forEachValue(note)
            case .request(_, let request)?: request.forEachValue(note)
            case .response(let response)?: if case .success(let reply) = response.result { reply.forEachValue(note) }
            case nil: break
            }
        }
        for session in sessions.values { live.formUnion(session.view) }
        if keepsHistory {
            for (id, op) in history.operations.enumerated() where op.outcome == .pending && op.kind == .write {
                live.insert(UInt64(id))
            }
        } else {
            for (id, op) in self.live where op.kind == .write { live.insert(id) }
        }
        checker.collect { live.contains($0) }
        collections += 1
        nextCollection = max(collectionFloor, 2 * checker.writes.count)
    }

    /// Records the driver and its history checker keep about operations
    /// (pending operations, the checker's tables): bounded by the keys,
    /// clients and operations in flight, not by the run's length, unless
    /// the whole history is kept (``keepsHistory``).
    public var retainedRecords: Int {
        checker.retainedRecords + live.count + purposes.count + (keepsHistory ? history.operations.count : 0)
    }

    /// Counts the succeeded and the stale measured reads per time series
    /// bucket of `width` nanoseconds from the warm-up (the report's
    /// ``HistoryChecker/Report/readsPerBucket``).
    public mutating func countReadsPerBucket(width: Int64) {
        checker.countReadsPerBucket(width: width)
    }

    /// Every replica's counters, added up.
    var summedCounters: ReplicaCounters {
        var sum = ReplicaCounters()
        for replica in replicas {
            let c = replica.counters
            sum.readsCoordinated += c.readsCoordinated
            sum.writesCoordinated += c.writesCoordinated
            sum.requestsForwarded += c.requestsForwarded
            sum.sloppyWrites += c.sloppyWrites
            sum.hintsStored += c.hintsStored
            sum.hintsDelivered += c.hintsDelivered
            sum.hintsExpired += c.hintsExpired
            sum.hintBacklog += c.hintBacklog
            sum.conflictsDetected += c.conflictsDetected
            sum.versionsDiscardedByTimestamp += c.versionsDiscardedByTimestamp
            sum.readRepairs += c.readRepairs
            sum.antiEntropyRounds += c.antiEntropyRounds
            sum.antiEntropyKeysRepaired += c.antiEntropyKeysRepaired
            sum.requestsTimedOut += c.requestsTimedOut
            sum.requestsUnavailable += c.requestsUnavailable
        }
        return sum
    }

    /// The history as it stands, completed with the final state of every key
    /// and the agreement at the end.
    public mutating func finishedHistory() -> OperationHistory {
        var h = history
        h.finalVersions = finalStates()
        h.divergentKeysAtEnd = divergentKeyCount()
        return h
    }

    /// The replication metrics of the run (see docs/METRICS.md): the history
    /// checker's, then the library counters' since the warm-up.
    public mutating func metrics() -> [MetricValue] {
        measure().metrics
    }

    /// The replication metrics and the history checker's report they came
    /// from (its read times feed the time series).
    public mutating func measure() -> (metrics: [MetricValue], report: HistoryChecker.Report) {
        let pending = keepsHistory ? history.operations.filter { $0.outcome == .pending } : Array(live.values)
        let report = checker.finish(end: history.end, lostAfter: history.lostAfter, pending: pending,
                                    finalVersions: finalStates(), lastHeal: history.lastHeal, divergentKeysAtEnd: divergentKeyCount())
        var m = report.metrics
        let now = summedCounters
        let base = measuring ? countersAtWarmup : ReplicaCounters()
        func count(_ name: String, _ x: Int) { m.append(MetricValue(name, "count", .count(x))) }
        count("sloppy_writes", now.sloppyWrites - base.sloppyWrites)
        count("hints_stored", now.hintsStored - base.hintsStored)
        count("hints_delivered", now.hintsDelivered - base.hintsDelivered)
        count("hints_expired", now.hintsExpired - base.hintsExpired)
        count("hint_backlog_max", backlogMax)
        count("hint_backlog_end", now.hintBacklog)
        count("versions_discarded_by_timestamp", now.versionsDiscardedByTimestamp - base.versionsDiscardedByTimestamp)
        count("read_repairs", now.readRepairs - base.readRepairs)
        count("anti_entropy_keys_repaired", now.antiEntropyKeysRepaired - base.antiEntropyKeysRepaired)
        count("replication_messages", messagesSent)
        m.append(MetricValue("replication_bytes", "bytes", .count(bytesSent)))
        // Present only when backpressure happened, so other results are unchanged.
        if packetsRefused > 0 { count("replication_backpressure_drops", packetsRefused) }
        return (m, report)
    }
}
