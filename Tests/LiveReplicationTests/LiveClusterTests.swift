import EdgeBase
import Replication
import SimKernel
import Testing
import Workloads

@testable import LiveReplication

@Suite("Live cluster")
struct LiveClusterTests {
    @Test("every message survives the wire format", arguments: 0..<13)
    func roundTrip(tag: Int) throws {
        let v1 = Version(dot: Dot(replica: 1, counter: 3), past: VersionVector([1: 2, 7: 9]),
                         timestamp: LocalTime(nanoseconds: -5), value: [1, 2, 3])
        let v2 = Version(dot: Dot(replica: 2, counter: 1), past: VersionVector(), timestamp: LocalTime(nanoseconds: 9),
                         value: nil)
        let state = SiblingSet(versions: [v1, v2], context: VersionVector([1: 3, 2: 1, 7: 9]))
        let op = OperationID(incarnation: 2, sequence: 77)
        let read = ReadResult(key: "k", versions: [v1], context: state.context, responders: [1, 2], coordinator: 1)
        let write = WriteResult(key: "k", version: v1, context: state.context, siblings: [v1, v2],
                                acknowledgedBy: [0, 1], hintedCopies: 1, coordinator: 1)
        let messages: [ReplicaMessage] = [
            .heartbeat(incarnation: 4),
            .replicate(operation: op, key: "é-key", state: state, hintFor: 3),
            .replicateAck(operation: op),
            .readRequest(operation: op, key: "k"),
            .readResponse(operation: op, key: "k", state: state),
            .readRepair(key: "k", state: SiblingSet()),
            .forward(operation: op, request: .write(key: "k", value: [9], context: state.context)),
            .forwardResult(operation: op, result: [.success(.read(read)), .success(.write(write)),
                                                   .failure(.timeout(needed: 2, got: 1))][tag % 3]),
            .hint(id: 12, key: "k", state: state),
            .hintAck(id: 12),
            .antiEntropyDigest(entries: [KeyDigest(key: "a", digest: 1), KeyDigest(key: "b", digest: .max)]),
            .antiEntropyReply(states: [KeyedState(key: "a", state: state)], wanted: ["b", "c"]),
            .antiEntropyPush(states: [KeyedState(key: "a", state: state)]),
        ]
        let body = WireFormat.encode(messages[tag], from: 1_001)
        let decoded = try WireFormat.decode(body)
        #expect(decoded.sender == 1_001)
        #expect(decoded.message == messages[tag])
        #expect(throws: WireFormatError.self) { try WireFormat.decode(Array(body.dropLast())) }
    }

    @Test("a short live cluster with a cut loses no acknowledged write under siblings")
    func cutLosesNothing() throws {
        var settings = ProbeSettings(leg: try .exponential(mean: 0.005))
        settings.probes = 120
        settings.probeInterval = .milliseconds(40)
        settings.start = .milliseconds(300)
        settings.delays = [.zero, .milliseconds(10)]
        let cluster = LiveCluster(settings: settings,
                                  cut: LiveCut(replica: 2, from: .milliseconds(1_500), until: .seconds(3)), seed: 3)
        let (metrics, history) = try cluster.run()
        func metric(_ name: String) -> Double { metrics.first { $0.name == name }!.value.doubleValue }
        #expect(metric("replication_writes") >= 100)
        #expect(metric("probe_reads_0ms") >= 100)
        #expect(metric("lost_acknowledged_writes") == 0)
        // Every acknowledged probe write is in the final state of its key.
        for (i, op) in history.operations.enumerated() where op.kind == .write && op.outcome == .succeeded {
            #expect(history.finalVersions[Int(op.key)].contains(UInt64(i)))
        }
    }
}
