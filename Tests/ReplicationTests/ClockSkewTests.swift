import Testing

@testable import Replication

@Suite("Clock skew and conflict policies in a cluster")
struct ClockSkewTests {
    /// Node 1's clock runs 2 s behind. At 10 s node 0 accepts a write; at
    /// 11 s node 1 accepts another (stamped 9 s). Returns both write results
    /// and a full read at 12 s.
    static func run(policy: ConflictPolicy, secondSawFirst: Bool) throws -> (WriteResult, WriteResult, ReadResult) {
        let cluster = try TestCluster(size: 3) {
            $0.conflictPolicy = policy
            $0.readQuorum = 3
        }
        cluster.skew[1] = -2_000_000_000
        cluster.run(seconds: 10)
        let first = try #require(cluster.write("stock", [1], at: 0))
        cluster.run(for: 1_000_000_000 - 4_000_000)
        let context = secondSawFirst ? try #require(cluster.read("stock", at: 1)).context : VersionVector()
        let second = try #require(cluster.write("stock", [2], context: context, at: 1))
        cluster.run(seconds: 1)
        let read = try #require(cluster.read("stock", at: 2))
        return (first, second, read)
    }

    @Test("LWW with a clock 2 s behind loses an acknowledged write; siblings keeps both", arguments: [false, true])
    func lwwLosesAcknowledgedWrite(secondSawFirst: Bool) throws {
        let (first, second, lww) = try Self.run(policy: .lastWriterWins, secondSawFirst: secondSawFirst)
        #expect(first.version.timestamp.nanoseconds == 10_000_000_000)
        #expect(second.version.timestamp < first.version.timestamp)
        #expect(second.acknowledgedBy.count >= 2)
        // Acknowledged, yet gone: the read covers its dot but returns the older value.
        #expect(lww.values == [[1]])
        #expect(lww.context.covers(second.version.dot))
        #expect(!lww.versions.contains { $0.dot == second.version.dot })

        let (_, _, siblings) = try Self.run(policy: .siblings, secondSawFirst: secondSawFirst)
        // Concurrent writes are both kept; a write that saw the first replaces it.
        #expect(siblings.values == (secondSawFirst ? [[2]] : [[1], [2]]))
    }

    @Test("the heuristic silently drops one of two concurrent writes made close together")
    func heuristicLosesConcurrentWrite() throws {
        let (_, second, read) = try Self.run(
            policy: .timestampHeuristic(threshold: ConflictPolicy.defaultHeuristicThreshold), secondSawFirst: false)
        #expect(read.values == [[1]])
        #expect(!read.versions.contains { $0.dot == second.version.dot })
    }
}
