import Testing

@testable import Replication

@Suite("Read repair and anti-entropy")
struct RepairTests {
    /// A write that misses one owner: strict quorum (no hints), the owner cut
    /// off, then the heal. Returns the cluster, the key, the missed owner
    /// and the write.
    static func divergentAfterHeal(
        _ configure: @escaping (inout ReplicationConfiguration) -> Void
    ) throws -> (TestCluster, String, ReplicaID, WriteResult) {
        let cluster = try TestCluster(size: 5) {
            $0.sloppyQuorum = false
            configure(&$0)
        }
        let key = cluster.key { $0[0] == 0 }
        let missed = cluster.replica(0).owners(of: key)[2]
        cluster.isolate(missed)
        cluster.run(seconds: 1)
        let written = try #require(cluster.write(key, [5], at: 0))
        cluster.heal()
        return (cluster, key, missed, written)
    }

    @Test("with read repair and anti-entropy off, replicas stay divergent after a heal")
    func staysDivergent() throws {
        let (cluster, key, missed, _) = try Self.divergentAfterHeal {
            $0.readRepair = false
            $0.antiEntropy = false
        }
        cluster.run(seconds: 10)
        #expect(cluster.replica(missed).state(of: key) == nil)
        #expect(cluster.replica(0).state(of: key) != nil)
        // Reads do not repair either.
        _ = try #require(cluster.read(key, at: 0))
        cluster.run(seconds: 1)
        #expect(cluster.replica(missed).state(of: key) == nil)
    }

    @Test("with anti-entropy on, replicas converge after a heal without any read")
    func antiEntropyConverges() throws {
        let (cluster, key, missed, written) = try Self.divergentAfterHeal {
            $0.readRepair = false
            $0.antiEntropy = true
        }
        cluster.run(seconds: 6)
        #expect(cluster.replica(missed).state(of: key)?.versions == [written.version])
        #expect(cluster.replica(missed).counters.antiEntropyKeysRepaired >= 1)
        #expect(cluster.replicas.map(\.counters.antiEntropyRounds).allSatisfy { $0 >= 5 })
        for owner in cluster.replica(0).owners(of: key) {
            #expect(cluster.replica(owner).state(of: key) == cluster.replica(0).state(of: key))
        }
    }

    @Test("anti-entropy repairs in both directions in one round")
    func antiEntropyBothWays() throws {
        let cluster = try TestCluster(size: 3) {
            $0.antiEntropy = true
            $0.antiEntropyPeriod = .seconds(1)
            $0.writeQuorum = 1
            $0.readRepair = false
        }
        // 0 and 1 each accept a write the other never sees.
        cluster.partition([0], [1, 2])
        cluster.partition([1], [2])
        cluster.run(seconds: 0.5)
        _ = try #require(cluster.write("a", [1], at: 0))
        _ = try #require(cluster.write("b", [2], at: 1))
        cluster.heal()
        cluster.run(seconds: 4)
        for node in [ReplicaID(0), 1, 2] {
            #expect(cluster.replica(node).state(of: "a")?.values == [[1]])
            #expect(cluster.replica(node).state(of: "b")?.values == [[2]])
        }
    }

    @Test("read repair writes the merged version back to the stale owner")
    func readRepair() throws {
        let (cluster, key, missed, written) = try Self.divergentAfterHeal {
            $0.readRepair = true
            $0.antiEntropy = false
        }
        cluster.run(seconds: 1)
        #expect(cluster.replica(missed).state(of: key) == nil)
        let read = try #require(cluster.read(key, at: 0))
        #expect(read.versions == [written.version])
        cluster.run(seconds: 0.5)
        #expect(cluster.replica(missed).state(of: key)?.versions == [written.version])
        #expect(cluster.replica(0).counters.readRepairs == 1)
    }

    @Test("a read coordinated by a stale owner repairs the coordinator's own copy")
    func readRepairOfCoordinator() throws {
        let (cluster, key, missed, written) = try Self.divergentAfterHeal {
            $0.readRepair = true
            $0.antiEntropy = false
        }
        cluster.run(seconds: 1)
        #expect(cluster.replica(missed).state(of: key) == nil)
        // The stale owner coordinates the read itself.
        let read = try #require(cluster.read(key, at: missed))
        #expect(read.coordinator == missed)
        #expect(read.versions == [written.version])
        cluster.run(seconds: 0.5)
        #expect(cluster.replica(missed).state(of: key)?.versions == [written.version])
        #expect(cluster.replica(missed).counters.readRepairs == 1)
    }
}
