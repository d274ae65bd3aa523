import Testing

@testable import Replication

@Suite("Hinted handoff")
struct HintedHandoffTests {
    /// A five-node cluster, a key whose first owner is 0, and the roles:
    /// `owner` is the owner the tests cut off, `other` the remaining owner,
    /// `standIn` the first node after the owners on the ring.
    struct Setup {
        var cluster: TestCluster
        var key: String
        var other: ReplicaID
        var owner: ReplicaID
        var standIn: ReplicaID
    }

    static func setup(_ configure: (inout ReplicationConfiguration) -> Void = { _ in }) throws -> Setup {
        let cluster = try TestCluster(size: 5, configure: configure)
        let key = cluster.key { $0[0] == 0 }
        let list = cluster.replica(0).extendedPreferenceList(for: key)
        return Setup(cluster: cluster, key: key, other: list[1], owner: list[2], standIn: list[3])
    }

    @Test("a partitioned owner's copy goes to a stand-in, which hands it over after the heal")
    func handoffAfterHeal() throws {
        let s = try Self.setup()
        let (cluster, key, owner, standIn) = (s.cluster, s.key, s.owner, s.standIn)
        cluster.isolate(owner)
        cluster.run(seconds: 1)
        let written = try #require(cluster.write(key, [42], at: 0))
        #expect(written.hintedCopies == 1)
        #expect(written.acknowledgedBy.count >= 2)
        #expect(cluster.replica(0).counters.sloppyWrites == 1)
        cluster.run(seconds: 0.1)
        #expect(cluster.replica(standIn).counters.hintsStored == 1)
        #expect(cluster.replica(standIn).counters.hintBacklog == 1)
        #expect(cluster.replica(standIn).state(of: key) == nil)  // a hint, not a stored copy
        #expect(cluster.replica(owner).state(of: key) == nil)

        cluster.heal()
        cluster.run(seconds: 1)
        #expect(cluster.replica(owner).state(of: key)?.versions == [written.version])
        let counters = cluster.replica(standIn).counters
        #expect(counters.hintsDelivered == 1)
        #expect(counters.hintBacklog == 0)
        #expect(counters.hintsExpired == 0)
    }

    @Test("hints past their TTL are dropped undelivered and counted")
    func hintsExpire() throws {
        let s = try Self.setup { $0.hintTTL = .seconds(2) }
        let (cluster, key, owner, standIn) = (s.cluster, s.key, s.owner, s.standIn)
        cluster.isolate(owner)
        cluster.run(seconds: 1)
        _ = try #require(cluster.write(key, [42], at: 0))
        cluster.run(seconds: 3)
        cluster.heal()
        cluster.run(seconds: 2)
        let counters = cluster.replica(standIn).counters
        #expect(counters.hintsStored == 1)
        #expect(counters.hintsExpired == 1)
        #expect(counters.hintsDelivered == 0)
        #expect(counters.hintBacklog == 0)
        #expect(cluster.replica(owner).state(of: key) == nil)
    }

    @Test("a hint delivered after a delete does not resurrect the value; nor does an expired one")
    func noResurrection() throws {
        for expire in [false, true] {
            let s = try Self.setup { $0.hintTTL = expire ? .seconds(3) : .seconds(30) }
            let (cluster, key, owner, standIn) = (s.cluster, s.key, s.owner, s.standIn)
            // The value is written while the owner is away: the stand-in holds it as a hint.
            cluster.isolate(owner)
            cluster.run(seconds: 1)
            _ = try #require(cluster.write(key, [42], at: 0))
            // The stand-in goes away with its hint; the owner comes back; the value is deleted.
            cluster.heal()
            cluster.isolate(standIn)
            cluster.run(seconds: 1)
            let read = try #require(cluster.read(key, at: 0))
            #expect(read.values == [[42]])
            let deleted = try #require(cluster.perform(.delete(key: key, context: read.context), at: 0))
            #expect(try deleted.result.get().write?.version.isTombstone == true)
            cluster.run(seconds: 0.5)
            #expect(cluster.replica(owner).state(of: key)?.isDeleted == true)
            // The stand-in returns; its hint is delivered (or has expired meanwhile).
            if expire { cluster.run(seconds: 3) }
            cluster.heal()
            cluster.run(seconds: 1)
            let counters = cluster.replica(standIn).counters
            #expect(counters.hintsDelivered == (expire ? 0 : 1))
            #expect(counters.hintsExpired == (expire ? 1 : 0))
            for node in [0, s.other, owner] {
                #expect(cluster.replica(node).state(of: key)?.isDeleted == true, "resurrected at \(node)")
            }
            let after = try #require(cluster.read(key, at: owner))
            #expect(!after.isFound)
        }
    }

    @Test("no hints for an owner suspected longer than the hint window")
    func hintWindow() throws {
        let s = try Self.setup { $0.hintWindow = .seconds(1) }
        let (cluster, key, owner) = (s.cluster, s.key, s.owner)
        cluster.isolate(owner)
        cluster.run(seconds: 3)
        let written = try #require(cluster.write(key, [1], at: 0))
        #expect(written.hintedCopies == 0)
        #expect(written.acknowledgedBy == [0, s.other].sorted())
        cluster.run(seconds: 0.1)
        #expect(cluster.replicas.map(\.counters.hintsStored).reduce(0, +) == 0)
    }

    @Test("hand-off sends at most the throttle per owner per tick")
    func throttle() throws {
        // Four nodes, N = 3: node 3 is the stand-in for every key 0..2 own.
        let cluster = try TestCluster(size: 4) { $0.handoffThrottle = 3 }
        let keys = (0..<200).map { "sku-\($0)" }.filter {
            cluster.replica(0).owners(of: $0).sorted() == [0, 1, 2]
        }.prefix(10)
        #expect(keys.count == 10)
        cluster.isolate(2)
        cluster.run(seconds: 1)
        for key in keys { _ = try #require(cluster.write(key, [7], at: 0)) }
        cluster.run(seconds: 0.1)
        #expect(cluster.replica(3).counters.hintBacklog == 10)
        let healedAt = cluster.now
        cluster.heal()
        cluster.run(seconds: 2)
        var perTick: [Int64: Int] = [:]
        for sent in cluster.sent where sent.time >= healedAt && sent.from == 3 {
            if case .hint = sent.message { perTick[sent.time, default: 0] += 1 }
        }
        #expect(perTick.values.max() == 3)
        #expect(perTick.values.reduce(0, +) == 10)
        #expect(cluster.replica(3).counters.hintsDelivered == 10)
        #expect(cluster.replica(3).counters.hintBacklog == 0)
        for key in keys { #expect(cluster.replica(2).state(of: key)?.values == [[7]]) }
    }

    @Test("a hint whose acknowledgement is lost in flight is sent again until acknowledged")
    func hintResentAfterLostAck() throws {
        let s = try Self.setup()
        let (cluster, key, owner, standIn) = (s.cluster, s.key, s.owner, s.standIn)
        cluster.isolate(owner)
        cluster.run(seconds: 1)
        let written = try #require(cluster.write(key, [7], at: 0))
        #expect(written.hintedCopies == 1)
        cluster.run(seconds: 0.1)
        #expect(cluster.replica(standIn).counters.hintBacklog == 1)
        // The owner merges the first hand-off, but its acknowledgement is lost.
        var acksLost = 0
        cluster.losesInFlight = { from, to, message in
            guard case .hintAck = message, from == owner, to == standIn, acksLost == 0 else { return false }
            acksLost += 1
            return true
        }
        cluster.heal()
        cluster.run(seconds: 2)
        #expect(acksLost == 1)
        #expect(cluster.replica(owner).state(of: key)?.versions == [written.version])
        let hintsSent = cluster.sent.filter { $0.from == standIn && $0.to == owner && $0.message.name == "hint" }.count
        #expect(hintsSent >= 2, "the hint was sent \(hintsSent) time(s)")
        let counters = cluster.replica(standIn).counters
        #expect(counters.hintBacklog == 0)
        #expect(counters.hintsDelivered == 1)
    }
}
