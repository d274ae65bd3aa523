import EdgeBase
import Testing

@testable import Replication

@Suite("Client coordinators")
struct ClientCoordinatorTests {
    /// Three replicas holding every key; the client's legs have the delays
    /// `toReplica[r]` (client to replica r) and `fromReplica[r]` (back), in ms.
    func cluster(
        r: Int, w: Int, toReplica: [Int64], fromReplica: [Int64], readRepair: Bool = false
    ) throws -> (TestCluster, ReplicaID) {
        let cluster = try TestCluster(size: 3) {
            $0.replicationFactor = 3
            $0.readQuorum = r
            $0.writeQuorum = w
            $0.sloppyQuorum = false
            $0.readRepair = readRepair
        }
        let client = try cluster.addCoordinator()
        cluster.latency = { from, to in
            if from == client { return toReplica[Int(to.rawValue)] * 1_000_000 }
            if to == client { return fromReplica[Int(from.rawValue)] * 1_000_000 }
            return 1_000_000
        }
        return (cluster, client)
    }

    @Test("a write goes to every owner and completes on the W-th acknowledgement", arguments: [1, 2, 3])
    func writeQuorum(w: Int) throws {
        // Round trips through replicas 0, 1, 2: 30, 12 and 21 ms.
        let (cluster, client) = try cluster(r: 1, w: w, toReplica: [10, 2, 20], fromReplica: [20, 10, 1])
        let start = cluster.now
        let id = cluster.submit(.write(key: "k", value: [1]), at: client)
        let roundTrips: [(Int64, ReplicaID)] = [(30, 0), (12, 1), (21, 2)].sorted { $0.0 < $1.0 }
        cluster.run(for: roundTrips[w - 1].0 * 1_000_000 - 1)
        #expect(cluster.responses[id] == nil)
        cluster.run(for: 1)
        let result = try #require(try cluster.responses[id]?.result.get().write)
        #expect(cluster.now - start == roundTrips[w - 1].0 * 1_000_000)
        #expect(result.acknowledgedBy == roundTrips.prefix(w).map(\.1).sorted())
        #expect(result.coordinator == client)
        #expect(result.version.dot == Dot(replica: client, counter: 1))
        // Every owner got its copy, whatever W.
        cluster.run(seconds: 0.1)
        for replica in 0..<3 { #expect(cluster.replica(ReplicaID(Int32(replica))).state(of: "k")?.values == [[1]]) }
    }

    @Test("a read completes on the R-th reply, and may miss a write acknowledged by another owner")
    func readQuorumAndStaleness() throws {
        // The write reaches replica 0 in 1 ms and the others in 50 ms.
        let (cluster, client) = try cluster(r: 1, w: 1, toReplica: [1, 50, 50], fromReplica: [1, 50, 50])
        let write = try #require(cluster.write("k", [7], at: client))
        #expect(write.acknowledgedBy == [0])
        // Now replica 1 is the near one: it answers first, without the write.
        cluster.latency = { from, to in
            let near = from == 1 || to == 1
            return (near ? 1 : 50) * 1_000_000
        }
        let stale = try #require(cluster.read("k", at: client))
        #expect(stale.responders == [ReplicaID(1)])
        #expect(stale.values.isEmpty)
        cluster.run(seconds: 0.2)
        let fresh = try #require(cluster.read("k", at: client))
        #expect(fresh.values == [[7]])
    }

    @Test("with R + W > N a read after an acknowledged write always returns it", arguments: [UInt64(1), 2, 3, 4])
    func strictQuorumsOverlap(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let cluster = try TestCluster(size: 5) {
            $0.replicationFactor = 3
            $0.readQuorum = 2
            $0.writeQuorum = 2
            $0.sloppyQuorum = false
            $0.readRepair = false
        }
        let writer = try cluster.addCoordinator()
        let reader = try cluster.addCoordinator()
        var delays = SplitMix64(seed: seed &+ 7)
        cluster.latency = { _, _ in Int64(1 + delays.below(40)) * 1_000_000 }
        for n in 0..<60 {
            let key = "key-\(random.below(4))"
            let written = try #require(cluster.write(key, [UInt8(n)], at: writer))
            let read = try #require(cluster.read(key, at: reader))
            #expect(read.context.covers(written.version.dot))
        }
    }

    @Test("a coordinator's writes of one key are in session order, even when they arrive reversed")
    func sessionOrder() throws {
        let (cluster, client) = try cluster(r: 1, w: 1, toReplica: [1, 1, 1], fromReplica: [1, 1, 1])
        // The first write's three copies take 30 ms, the second's 5 ms.
        var count = 0
        cluster.latency = { from, _ in
            guard from == client else { return 1_000_000 }
            count += 1
            return count <= 3 ? 30_000_000 : 5_000_000
        }
        let first = cluster.submit(.write(key: "k", value: [1]), at: client)
        let second = cluster.submit(.write(key: "k", value: [2]), at: client)
        cluster.run(seconds: 0.1)
        let a = try #require(try cluster.responses[first]?.result.get().write)
        let b = try #require(try cluster.responses[second]?.result.get().write)
        #expect(b.version.past.covers(a.version.dot))
        for replica in 0..<3 {
            let state = try #require(cluster.replica(ReplicaID(Int32(replica))).state(of: "k"))
            #expect(state.values == [[2]])
            #expect(state.context.covers(a.version.dot) && state.context.covers(b.version.dot))
        }
    }

    @Test("an owner cut off makes W = 3 time out, and R = W = 2 still succeed")
    func timeouts() throws {
        let (strict, client) = try cluster(r: 3, w: 3, toReplica: [2, 2, 2], fromReplica: [2, 2, 2])
        strict.partition([client], [ReplicaID(2)])
        let write = strict.perform(.write(key: "k", value: [1]), at: client)
        #expect(throws: ReplicationError.self) { try write?.result.get() }
        #expect(strict.coordinator(client).pendingOperationCount == 0)

        let (majority, other) = try cluster(r: 2, w: 2, toReplica: [2, 2, 2], fromReplica: [2, 2, 2])
        majority.partition([other], [ReplicaID(2)])
        #expect(majority.write("k", [1], at: other) != nil)
        #expect(majority.read("k", at: other)?.values == [[1]])
    }

    @Test("read repair sends the merged state to the owners that answered stale")
    func readRepair() throws {
        let (cluster, client) = try cluster(
            r: 1, w: 1, toReplica: [1, 1, 1], fromReplica: [1, 1, 1], readRepair: true)
        cluster.partition([client], [ReplicaID(2)])
        _ = try #require(cluster.write("k", [3], at: client))
        cluster.heal()
        #expect(cluster.replica(2).state(of: "k") == nil)
        _ = try #require(cluster.read("k", at: client))
        cluster.run(seconds: 0.05)
        #expect(cluster.replica(2).state(of: "k")?.values == [[3]])
        #expect(cluster.coordinator(client).pendingOperationCount == 0)
    }

    @Test("a coordinator must not be a member, and replicas ignore its messages about keys they do not own")
    func membership() throws {
        let config = ReplicationConfiguration(group: [0, 1, 2, 3]) { $0.replicationFactor = 2 }
        #expect(throws: ReplicationConfigurationError.self) { try ClientCoordinator(id: 2, configuration: config) }
        var replica = try Replica(id: 0, configuration: config)
        _ = replica.start(now: .zero)
        let coordinator = try ClientCoordinator(id: 99, configuration: config)
        var key = ""
        for n in 0..<1_000 where !coordinator.owners(of: "key-\(n)").contains(0) {
            key = "key-\(n)"
            break
        }
        let effects = replica.receive(.readRequest(operation: OperationID(incarnation: 0, sequence: 1), key: key),
                                      from: 99, now: .zero)
        #expect(effects.isEmpty)
    }
}
