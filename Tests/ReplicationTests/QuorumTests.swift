import EdgeBase
import Testing

@testable import Replication

@Suite("Quorums")
struct QuorumTests {
    @Test("strict R + W > N with no faults never returns a stale read", arguments: [UInt64(1), 2, 3])
    func strictQuorumNeverStale(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let cluster = try TestCluster(size: 5) {
            $0.replicationFactor = 3
            $0.readQuorum = 2
            $0.writeQuorum = 2
            $0.sloppyQuorum = false
            $0.readRepair = false  // repairs would only hide staleness
        }
        // Every message takes 1 to 30 ms, so replies arrive out of order.
        var delays = SplitMix64(seed: seed &+ 100)
        let table: [Int64] = (0..<4096).map { _ in Int64(1 + delays.below(30)) * 1_000_000 }
        var cursor = 0
        cluster.latency = { _, _ in
            cursor = (cursor + 1) % table.count
            return table[cursor]
        }
        let keys = (0..<6).map { "sku-\($0)" }
        var lastAcked: [String: Version] = [:]
        var contexts: [String: VersionVector] = [:]
        var reads = 0
        for n in 0..<300 {
            let key = keys[random.below(keys.count)]
            let node = ReplicaID(Int32(random.below(5)))
            if random.below(2) == 0 {
                let context = contexts[key] ?? VersionVector()
                let written = try #require(cluster.write(key, [UInt8(n % 256), UInt8(n / 256)], context: context, at: node))
                lastAcked[key] = written.version
                contexts[key] = written.context
            } else {
                let read = try #require(cluster.read(key, at: node))
                reads += 1
                contexts[key] = read.context
                if let acked = lastAcked[key] {
                    #expect(read.versions == [acked], "read \(n) of \(key) at \(node) is stale")
                    #expect(read.context.covers(acked.dot))
                } else {
                    #expect(read.versions.isEmpty)
                }
            }
        }
        #expect(reads > 100)
    }

    @Test("R = W = 1 with slow links can read stale")
    func weakQuorumReadsStale() throws {
        let cluster = try TestCluster(size: 3, latency: 50_000_000) {
            $0.replicationFactor = 3
            $0.readQuorum = 1
            $0.writeQuorum = 1
        }
        cluster.run(seconds: 1)
        let written = try #require(cluster.write("sku", [1], at: 0))
        #expect(written.acknowledgedBy == [0])
        // Node 1 answers from its own copy before the replica message lands.
        let stale = try #require(cluster.read("sku", at: 1))
        #expect(stale.versions.isEmpty)
        #expect(!stale.context.covers(written.version.dot))
        cluster.run(seconds: 0.2)
        let fresh = try #require(cluster.read("sku", at: 1))
        #expect(fresh.versions == [written.version])
    }

    @Test("strict quorum refuses fast when too few owners are up; sloppy quorum takes stand-ins")
    func quorumUnavailable() throws {
        for sloppy in [false, true] {
            let cluster = try TestCluster(size: 5) {
                $0.sloppyQuorum = sloppy
                $0.writeQuorum = 3
            }
            let key = cluster.key { $0[0] == 0 }
            let owners = Array(cluster.replica(0).owners(of: key))
            cluster.isolate(owners[1])
            cluster.isolate(owners[2])
            cluster.run(seconds: 1)
            let response = try #require(cluster.perform(.write(key: key, value: [1]), at: 0))
            if sloppy {
                let result = try #require(try? response.result.get().write)
                #expect(result.hintedCopies == 2)
                #expect(cluster.replica(0).counters.sloppyWrites == 1)
            } else {
                #expect(response.result == .failure(.quorumUnavailable(needed: 3, got: 1)))
                #expect(cluster.replica(0).counters.requestsUnavailable == 1)
            }
        }
    }

    @Test("a replica that is not an owner forwards to one")
    func forwarding() throws {
        let cluster = try TestCluster(size: 5)
        let key = cluster.key { !$0.prefix(3).contains(4) }
        let written = try #require(cluster.write(key, [9], at: 4))
        #expect(written.coordinator != 4)
        #expect(cluster.replica(4).state(of: key) == nil)
        let read = try #require(cluster.read(key, at: 4))
        #expect(read.values == [[9]])
        #expect(cluster.replica(4).counters.requestsForwarded == 2)
    }

    @Test("with home pinning a store's keys are coordinated at home, without forwarding")
    func homePinning() throws {
        let homes: [String: ReplicaID] = ["store-0": 0, "store-1": 1, "store-2": 2, "store-3": 3, "store-4": 4]
        let cluster = try TestCluster(size: 5) { $0.homePinning = .keyPrefix(separator: "/", homes: homes) }
        for store in 0..<5 {
            let home = ReplicaID(Int32(store))
            for sku in 0..<10 {
                let key = "store-\(store)/sku-\(sku)"
                #expect(cluster.replica(home).owners(of: key).first == home)
                let written = try #require(cluster.write(key, [UInt8(sku)], at: home))
                #expect(written.coordinator == home)
            }
            #expect(cluster.replica(home).counters.requestsForwarded == 0)
            #expect(cluster.replica(home).storedKeys.filter { $0.hasPrefix("store-\(store)/") }.count == 10)
        }
    }
}
