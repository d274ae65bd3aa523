import EdgeBase
import Testing

@testable import Replication

@Suite("Crash and restart")
struct CrashTests {
    @Test("a coordinator's crash abandons its pending request; restart keeps the data and resumes")
    func coordinatorCrash() throws {
        let cluster = try TestCluster(size: 3, latency: 20_000_000) { $0.writeQuorum = 3 }
        cluster.run(seconds: 1)
        let request = cluster.submit(.write(key: "sku", value: [1]), at: 0)
        #expect(cluster.replica(0).pendingOperationCount == 1)
        #expect(cluster.crash(0) == [request])
        #expect(cluster.replica(0).pendingOperationCount == 0)
        cluster.run(seconds: 2)
        #expect(cluster.responses[request] == nil)  // nobody is left to answer it
        // While down, requests are refused.
        let refused = cluster.submit(.read(key: "sku"), at: 0)
        #expect(cluster.responses[refused]?.result == .failure(.replicaDown))

        let effects = cluster.restart(0)
        #expect(effects.contains(.setTimer(.heartbeat(incarnation: 1), at: cluster.localTime(0))))
        #expect(cluster.replica(0).incarnation == 1)
        // The local write made before the crash was durable.
        #expect(cluster.replica(0).state(of: "sku")?.values == [[1]])
        cluster.run(seconds: 1)
        let written = try #require(cluster.write("sku", [2], context: cluster.replica(0).state(of: "sku")!.context, at: 0))
        #expect(written.acknowledgedBy == [0, 1, 2])
        let read = try #require(cluster.read("sku", at: 1))
        #expect(read.values == [[2]])
    }

    @Test("a forward target that crashes makes the request time out at its origin")
    func forwardTargetCrash() throws {
        let cluster = try TestCluster(size: 5, latency: 5_000_000)
        let key = cluster.key { !$0.prefix(3).contains(4) }
        let owner = cluster.replica(4).owners(of: key)[0]
        cluster.run(seconds: 1)
        let request = cluster.submit(.write(key: key, value: [1]), at: 4)
        cluster.crash(owner)
        cluster.run(seconds: 1)
        #expect(cluster.responses[request]?.result == .failure(.timeout(needed: 2, got: 0)))
        #expect(cluster.replica(4).counters.requestsTimedOut == 1)
    }

    @Test("a write that cannot gather W before a replica is suspected times out, naming what it got")
    func writeTimesOut() throws {
        let cluster = try TestCluster(size: 3) { $0.writeQuorum = 3 }
        cluster.run(seconds: 1)
        cluster.crash(2)
        let response = try #require(cluster.perform(.write(key: "sku", value: [1]), at: 0))
        #expect(response.result == .failure(.timeout(needed: 3, got: 2)))
        // Once 2 is suspected the same write is refused at once.
        cluster.run(seconds: 1)
        let refused = try #require(cluster.perform(.write(key: "sku", value: [1]), at: 0))
        #expect(refused.result == .failure(.quorumUnavailable(needed: 3, got: 2)))
    }

    @Test("hints are durable across the stand-in's crash; hand-off progress is not")
    func hintsSurviveCrash() throws {
        let cluster = try TestCluster(size: 5)
        let key = cluster.key { $0[0] == 0 }
        let list = cluster.replica(0).extendedPreferenceList(for: key)
        let (owner, standIn) = (list[2], list[3])
        cluster.isolate(owner)
        cluster.run(seconds: 1)
        let written = try #require(cluster.write(key, [3], at: 0))
        cluster.run(seconds: 0.1)
        cluster.crash(standIn)
        cluster.heal()
        cluster.run(seconds: 1)
        #expect(cluster.replica(owner).state(of: key) == nil)
        cluster.restart(standIn)
        cluster.run(seconds: 1)
        #expect(cluster.replica(owner).state(of: key)?.versions == [written.version])
        #expect(cluster.replica(standIn).counters.hintsDelivered == 1)
    }

    @Test("timers of an earlier incarnation are ignored")
    func staleTimers() throws {
        var replica = try Replica(id: 0, configuration: ReplicationConfiguration(group: [0, 1, 2]))
        _ = replica.start(now: .zero)
        replica.crash()
        _ = replica.restart(now: LocalTime(nanoseconds: 5))
        #expect(replica.timerFired(.heartbeat(incarnation: 0), now: LocalTime(nanoseconds: 10)).isEmpty)
        let effects = replica.timerFired(.heartbeat(incarnation: 1), now: LocalTime(nanoseconds: 10))
        #expect(effects.filter { if case .send(.heartbeat, _) = $0 { true } else { false } }.count == 2)
    }
}
