import EdgeBase
import Testing

@testable import Replication

@Suite("Message sizes")
struct MessageSizeTests {
    static let operation = OperationID(incarnation: 0, sequence: 1)

    static func state(valueBytes: Int) -> SiblingSet {
        var state = SiblingSet()
        _ = state.write(
            [UInt8](repeating: 0, count: valueBytes), context: VersionVector(), coordinator: 0, timestamp: .zero,
            policy: .siblings)
        return state
    }

    @Test("fixed-size messages have their documented sizes")
    func fixedSizes() {
        #expect(ReplicaMessage.heartbeat(incarnation: 0).encodedSize == 20)
        #expect(ReplicaMessage.replicateAck(operation: Self.operation).encodedSize == 28)
        #expect(ReplicaMessage.hintAck(id: 1).encodedSize == 24)
        #expect(ReplicaMessage.readRequest(operation: Self.operation, key: "k").encodedSize == 16 + 12 + 3)
    }

    @Test("a replicate message carries the whole state: header, operation, key, versions, context")
    func replicateSize() {
        // version: dot 12 + past 2 + timestamp 8 + flag 1 + value 4 + 10 = 37;
        // state: count 2 + 37 + context (2 + 12) = 53.
        let state = Self.state(valueBytes: 10)
        #expect(state.encodedSize == 53)
        let message = ReplicaMessage.replicate(operation: Self.operation, key: "k", state: state, hintFor: nil)
        #expect(message.encodedSize == 16 + 12 + 3 + 53 + 1)
        let hinted = ReplicaMessage.replicate(operation: Self.operation, key: "k", state: state, hintFor: 2)
        #expect(hinted.encodedSize == message.encodedSize + 4)
    }

    @Test("sizes grow byte for byte with the value", arguments: [0, 1, 100, 4_096])
    func growsWithValue(bytes: Int) {
        let base = Self.state(valueBytes: 0)
        let state = Self.state(valueBytes: bytes)
        #expect(state.encodedSize - base.encodedSize == bytes)
        let hint = ReplicaMessage.hint(id: 1, key: "key", state: state)
        #expect(hint.encodedSize == 16 + 8 + 5 + state.encodedSize)
    }

    @Test("every message a busy cluster sends reports at least a header")
    func everyMessageHasASize() throws {
        let cluster = try TestCluster(size: 4) { $0.antiEntropy = true }
        cluster.isolate(3)
        cluster.run(seconds: 1)
        for n in 0..<20 { _ = cluster.write("k\(n)", [1, 2, 3], at: ReplicaID(Int32(n % 3))) }
        _ = cluster.read("k1", at: 1)
        cluster.heal()
        cluster.run(seconds: 3)
        var kinds: Set<String> = []
        for sent in cluster.sent {
            #expect(sent.message.encodedSize >= 16)
            kinds.insert(sent.message.name)
        }
        #expect(kinds.isSuperset(of: ["heartbeat", "replicate", "replicateAck", "hint", "hintAck", "antiEntropyDigest"]))
    }
}

@Suite("FailureDetector and HintStore")
struct FailureDetectorTests {
    @Test("a member is suspected once silent for longer than the timeout, and trusted again when heard")
    func suspicion() {
        let t = { LocalTime(nanoseconds: $0 * 1_000_000) }
        var detector = FailureDetector(members: [1, 2], suspicionTimeout: .milliseconds(100), now: t(0))
        #expect(!detector.isSuspected(1, now: t(100)))
        #expect(detector.isSuspected(1, now: t(101)))
        #expect(detector.suspectedFor(1, now: t(350)) == .milliseconds(250))
        detector.heard(from: 1, at: t(340))
        #expect(!detector.isSuspected(1, now: t(350)))
        #expect(detector.isSuspected(2, now: t(350)))
        #expect(detector.isSuspected(9, now: t(0)))  // not a member
    }

    @Test("hints keep arrival order, expire by age and are removed by id")
    func hintStore() {
        var store = HintStore()
        let a = store.add(owner: 1, key: "a", state: SiblingSet(), now: LocalTime(nanoseconds: 0))
        let b = store.add(owner: 2, key: "b", state: SiblingSet(), now: LocalTime(nanoseconds: 70))
        let c = store.add(owner: 1, key: "a", state: SiblingSet(), now: LocalTime(nanoseconds: 100))
        #expect(store.hints.map(\.id) == [a, b, c])
        #expect(store.states(of: "a").count == 2)
        let expired = store.expire(olderThan: .nanoseconds(60), now: LocalTime(nanoseconds: 120))
        #expect(expired == [a])
        let removed = store.remove(id: c)
        let removedTwice = store.remove(id: c)
        #expect(removed && !removedTwice)
        #expect(store.hints.map(\.id) == [b])
    }
}
