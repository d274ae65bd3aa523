import EdgeBase
import Testing

@testable import Replication

@Suite("Determinism")
struct DeterminismTests {
    /// A run with random writes, reads, a partition, a crash and clock
    /// skew, every effect recorded.
    static func trace(seed: UInt64) throws -> [String] {
        var random = SplitMix64(seed: seed)
        let cluster = try TestCluster(size: 5) {
            $0.antiEntropy = true
            $0.antiEntropyPeriod = .milliseconds(700)
        }
        cluster.recordsTrace = true
        cluster.skew[3] = 1_500_000_000
        for step in 0..<120 {
            if step == 30 { cluster.isolate(2) }
            if step == 60 { cluster.crash(4) }
            if step == 80 {
                cluster.heal()
                cluster.restart(4)
            }
            let key = "sku-\(random.below(12))"
            let node = ReplicaID(Int32(random.below(5)))
            if random.below(2) == 0 {
                _ = cluster.perform(.write(key: key, value: [UInt8(step)]), at: node, limit: 400_000_000)
            } else {
                _ = cluster.perform(.read(key: key), at: node, limit: 400_000_000)
            }
            cluster.run(for: Int64(random.below(50)) * 1_000_000)
        }
        cluster.run(seconds: 3)
        return cluster.trace
    }

    @Test("the same inputs give the same effects, in the same order", arguments: [UInt64(7), 8])
    func sameInputsSameEffects(seed: UInt64) throws {
        let a = try Self.trace(seed: seed)
        let b = try Self.trace(seed: seed)
        #expect(a.count > 1_000)
        #expect(a == b)
        #expect(try Self.trace(seed: seed + 100) != a)
    }

    @Test("anti-entropy digests do not depend on the order keys were stored in")
    func digestOrder() throws {
        let config = ReplicationConfiguration(group: [0, 1]) { $0.replicationFactor = 2; $0.writeQuorum = 1 }
        var effects: [[ReplicaEffect]] = []
        for order in [Array(0..<50), Array((0..<50).reversed())] {
            var replica = try Replica(id: 0, configuration: config)
            _ = replica.start(now: .zero)
            for n in order {
                _ = replica.submit(
                    ClientRequest(id: ClientRequestID(UInt64(n)), operation: .write(key: "k\(n)", value: [1])),
                    now: .zero)
            }
            effects.append(replica.timerFired(.antiEntropy(incarnation: 0), now: .zero))
        }
        #expect(effects[0] == effects[1])
        guard case .send(.antiEntropyDigest(let entries), to: 1) = effects[0].first else {
            Issue.record("expected a digest to replica 1, got \(effects[0])")
            return
        }
        #expect(entries.map(\.key) == (0..<50).map { "k\($0)" }.sorted())
    }
}
