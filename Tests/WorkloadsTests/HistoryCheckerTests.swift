import Replication
import Testing
@testable import Workloads

/// Hand-written histories with known answers.
@Suite("History checker")
struct HistoryCheckerTests {
    static let ms: Int64 = 1_000_000

    static func write(_ key: Int32 = 0, client: Int32, at t: Int64, ack: Int64?, dot: (Int32, UInt64)?,
                      observed: [UInt64] = []) -> RecordedOperation {
        var op = RecordedOperation(kind: .write, key: key, client: client, invokedAt: t * ms)
        if let ack {
            op.completedAt = ack * ms
            op.outcome = .succeeded
        }
        op.dot = dot.map { Dot(replica: ReplicaID($0.0), counter: $0.1) }
        op.observed = observed
        return op
    }

    static func read(_ key: Int32 = 0, client: Int32, at t: Int64, done: Int64, context: [(Int32, UInt64)],
                     returned: [UInt64] = []) -> RecordedOperation {
        var op = RecordedOperation(kind: .read, key: key, client: client, invokedAt: t * ms)
        op.completedAt = done * ms
        op.outcome = .succeeded
        op.context = VersionVector(context.map { (ReplicaID($0.0), $0.1) })
        op.returned = returned
        return op
    }

    static func history(_ ops: [RecordedOperation], final: [[UInt64]] = [[]], end: Int64 = 10_000) -> OperationHistory {
        var h = OperationHistory()
        h.operations = ops
        h.finalVersions = final
        h.end = end * ms
        return h
    }

    @Test("a read that misses a write acknowledged before it began is stale; t-visibility counts lags")
    func staleness() {
        let h = Self.history([
            Self.write(client: 1, at: 0, ack: 10, dot: (1, 1)),                   // 0
            Self.read(client: 2, at: 11, done: 12, context: []),                  // 1: misses it, 1 ms after
            Self.read(client: 2, at: 50, done: 51, context: [(1, 1)], returned: [0]),   // 2: sees it
            Self.read(client: 3, at: 5, done: 30, context: []),                   // 3: began before the ack
            Self.read(client: 3, at: 200, done: 201, context: []),                // 4: misses it, 190 ms after
        ], final: [[0]])
        let r = HistoryChecker.check(h)
        #expect(r.reads == 4)
        #expect(r.staleReads == 2)
        #expect(r.staleReadFraction == 0.5)
        #expect(r.readsAfterAWrite == 3)
        // Lags 0, 1 ms, 10 ms, 100 ms, 1 s: read 1 is exactly 1 ms after (not more), read 4 190 ms after.
        #expect(r.visibleAtLag == [1, 2, 2, 2, 3])
        #expect(r.lostAcknowledgedWrites == 0)
    }

    @Test("a write discarded unseen is lost; one its own writer or a reader-writer saw is not")
    func lostWrites() {
        let ops = [
            Self.write(client: 1, at: 0, ack: 1, dot: (1, 1)),                    // 0: A
            Self.write(client: 2, at: 0, ack: 1, dot: (2, 1)),                    // 1: B, concurrent with A
            Self.write(client: 1, at: 5, ack: 6, dot: (1, 2), observed: [0]),     // 2: A again, saw only its own
        ]
        // lww kept A's latest: B's write is gone, A's first is superseded by A.
        let lww = HistoryChecker.check(Self.history(ops, final: [[2]]))
        #expect(lww.lostAcknowledgedWrites == 1)
        #expect(lww.conflictsDetected == 0)
        // siblings kept both concurrent lines.
        let siblings = HistoryChecker.check(Self.history(ops, final: [[1, 2]]))
        #expect(siblings.lostAcknowledgedWrites == 0)
        #expect(siblings.conflictsDetected == 1)
        // A later write that saw B (say after a read) preserves B transitively.
        var merged = ops
        merged.append(Self.write(client: 3, at: 8, ack: 9, dot: (1, 3), observed: [1, 2]))
        #expect(HistoryChecker.check(Self.history(merged, final: [[3]])).lostAcknowledgedWrites == 0)
        // An unacknowledged write is never counted lost.
        var failed = ops
        failed[1].outcome = .failed
        failed[1].dot = nil
        #expect(HistoryChecker.check(Self.history(failed, final: [[2]])).lostAcknowledgedWrites == 0)
    }

    @Test("monotonic reads and read-your-writes are checked per client and key")
    func sessionGuarantees() {
        let h = Self.history([
            Self.write(client: 1, at: 0, ack: 10, dot: (1, 1)),                   // 0
            Self.write(client: 1, at: 20, ack: 30, dot: (1, 2), observed: [0]),   // 1
            Self.read(client: 1, at: 40, done: 41, context: [(1, 1)]),            // 2: misses its own write 1
            Self.read(client: 2, at: 40, done: 45, context: [(1, 2)]),            // 3
            Self.read(client: 2, at: 44, done: 48, context: [(1, 1)]),            // 4: overlaps 3: no violation
            Self.read(client: 2, at: 50, done: 52, context: [(1, 1)]),            // 5: after 3: violation
            Self.read(1, client: 2, at: 60, done: 61, context: []),               // 6: another key
        ], final: [[1], []])
        let r = HistoryChecker.check(h)
        #expect(r.readYourWritesViolations == 1)
        #expect(r.monotonicReadViolations == 1)
        #expect(r.staleReads == 3)
    }

    @Test("failures, warm-up, convergence")
    func bookkeeping() {
        var ops = [
            Self.write(client: 1, at: 0, ack: nil, dot: nil),                     // pending long: lost on the way
            Self.write(client: 1, at: 9_999, ack: nil, dot: nil),                 // pending, still in flight
            Self.read(client: 2, at: 100, done: 101, context: []),
        ]
        ops[2].outcome = .failed
        var h = Self.history(ops)
        h.measuredFrom = 0
        h.lastHeal = 1_000 * Self.ms
        h.convergedAt = 6_000 * Self.ms
        var r = HistoryChecker.check(h)
        #expect(r.writeFailures == 1)
        #expect(r.readFailures == 1)
        #expect(r.convergenceTimeAfterHeal == 5)
        h.convergedAt = nil
        r = HistoryChecker.check(h)
        #expect(r.convergenceTimeAfterHeal == .infinity)
        h.lastHeal = nil
        #expect(HistoryChecker.check(h).convergenceTimeAfterHeal.isNaN)
        h.measuredFrom = 200 * Self.ms
        r = HistoryChecker.check(h)
        #expect(r.readFailures == 0)
        #expect(r.writeFailures == 0)
        #expect(!r.metrics.contains { $0.name == "stale_reads_during_faults" })
        h.faultWindows = [(0, 1)]
        #expect(HistoryChecker.check(h).metrics.contains { $0.name == "stale_reads_during_faults" })
    }

    @Test("a write value names its operation")
    func values() {
        let bytes = WriteValue.encode(operation: 0x0102_0304_0506_0708, units: -3)
        #expect(bytes.count == 12)
        #expect(WriteValue.operation(of: bytes) == 0x0102_0304_0506_0708)
        #expect(WriteValue.units(of: bytes) == -3)
        #expect(WriteValue.operation(of: [1, 2]) == nil)
    }
}
