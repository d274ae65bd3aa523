import Metrics
import Scenario
import SimKernel
import SimNetwork
import Testing
@testable import Workloads

func metric(_ r: RunResult, _ name: String) throws -> Double {
    try #require(r.metrics.first { $0.name == name }, "no metric \(name)").value.doubleValue
}

func texts(_ r: RunResult) -> [String] { r.metrics.map { "\($0.name)=\($0.value.text)" } }

@Suite("Replication in the simulated world")
struct ReplicationSimulationTests {
    // MARK: - Retail world

    @Test("a store cut from its region keeps writing; siblings lose nothing, hints drain, replicas converge")
    func storePartition() throws {
        let scenario = ReplicationFixtures.storePartition(at: .minutes(2), cut: .minutes(1), duration: .minutes(5))
        var world = try RetailWorld(scenario: scenario, arm: .edgeHybrid, seed: 3)
        let r = world.run()
        #expect(try metric(r, "lost_acknowledged_writes") == 0)
        let stored = try metric(r, "hints_stored")
        #expect(stored > 0)
        #expect(try metric(r, "hints_delivered") == stored)
        #expect(try metric(r, "hints_expired") == 0)
        #expect(try metric(r, "hint_backlog_max") > 0)
        #expect(try metric(r, "hint_backlog_end") == 0)
        let convergence = try metric(r, "convergence_time_after_heal")
        #expect(convergence.isFinite && convergence >= 0, "\(convergence)")
        #expect(try metric(r, "divergent_keys_at_end") == 0)
        // The cut store kept writing locally (w = 1) while readers elsewhere
        // could not see it; once the replicas agree, reads of all owners
        // (r = n) see every acknowledged write.
        #expect(try metric(r, "stale_reads_during_faults") > 0)
        #expect(try metric(r, "stale_reads_after_convergence") == 0)
        #expect(try metric(r, "stale_read_fraction") > 0)
        #expect(try metric(r, "read_your_writes_violations") == 0)
        #expect(try metric(r, "replication_writes") > 0)
        // The retail metrics are all still there.
        #expect(try metric(r, "sla_met_fraction") > 0.99)
        #expect(try metric(r, "update_latency_p99") > 0)
    }

    @Test("the cloud-only arm keeps its inventory in a one-node group")
    func cloudOnlyArm() throws {
        let scenario = ReplicationFixtures.storePartition(at: .minutes(2), cut: .minutes(2), duration: .minutes(6))
        var world = try RetailWorld(scenario: scenario, arm: .cloudOnly, seed: 3)
        let r = world.run()
        #expect(try metric(r, "replication_writes") > 0)
        #expect(try metric(r, "replication_reads") > 0)
        #expect(try metric(r, "stale_read_fraction") == 0)
        #expect(try metric(r, "lost_acknowledged_writes") == 0)
        #expect(try metric(r, "divergent_keys_at_end") == 0)
    }

    @Test("without the section a run has no replication metrics")
    func absentSectionRunsNothing() throws {
        var plain = ReplicationFixtures.storePartition(at: .minutes(2), cut: .minutes(1), duration: .minutes(4))
        plain.replication = nil
        var a = try RetailWorld(scenario: plain, arm: .edgeHybrid, seed: 4)
        let ra = a.run()
        #expect(!ra.metrics.contains { $0.name == "stale_read_fraction" })
        #expect(!ra.metrics.contains { $0.name == "replication_writes" })
    }

    @Test("the same seed gives the same metrics, replication included")
    func deterministic() throws {
        let scenario = ReplicationFixtures.storePartition(at: .minutes(2), cut: .minutes(2), duration: .minutes(5))
        var a = try RetailWorld(scenario: scenario, arm: .edgeHybrid, seed: 11)
        var b = try RetailWorld(scenario: scenario, arm: .edgeHybrid, seed: 11)
        let ra = a.run(), rb = b.run()
        #expect(texts(ra) == texts(rb))
        #expect(ra.eventsHandled == rb.eventsHandled)
        var c = try RetailWorld(scenario: scenario, arm: .edgeHybrid, seed: 12)
        #expect(texts(c.run()) != texts(ra))
    }

    @Test("clock-skew scenario: lww loses the corrections of a dashboard 2 s behind; siblings loses none")
    func retailClockSkew() throws {
        func run(_ policy: String, skew: SimDuration = .seconds(2)) throws -> RunResult {
            let scenario = ReplicationFixtures.clockSkew(policy: policy, duration: .minutes(5), skew: skew)
            var world = try RetailWorld(scenario: scenario, arm: .edgeHybrid, seed: 3)
            return world.run()
        }
        let lww = try run("lww"), inSync = try run("lww", skew: .zero), siblings = try run("siblings")
        let lost = try metric(lww, "lost_acknowledged_writes")
        #expect(lost > 0)
        #expect(lost > 2 * (try metric(inSync, "lost_acknowledged_writes")), "\(lost)")
        #expect(try metric(lww, "versions_discarded_by_timestamp") > 0)
        #expect(try metric(siblings, "lost_acknowledged_writes") == 0)
        #expect(try metric(siblings, "versions_discarded_by_timestamp") == 0)
    }

    // MARK: - Key-value world

    /// Two stores write the same 50 keys for a minute; store-1's clock is
    /// `skew` behind; every member owns every key (n = 3 of 3).
    static func skewRun(policy: String, skew: SimDuration) throws -> RunResult {
        var s = ReplicationFixtures.keyValue(duration: .minutes(2), stores: 2, replication: [
            "enabled": "true", "n": "3", "r": "2", "w": "2", "policy": policy, "read_rate": "2",
        ])
        if skew > .zero {
            s.faults = [FaultSpec(at: .zero, duration: nil, kind: .clock("store-1", offset: .zero - skew, driftPPM: 0))]
        }
        var load = KeyValueLoad()
        load.keysPerStore = 50
        load.writeRate = 25
        load.writingStores = [0, 1]
        load.sharedKeysOf = 0
        load.writesUntil = .seconds(60)
        var world = try KeyValueWorld(scenario: s, load: load, seed: 1)
        return world.run()
    }

    @Test("concurrent writes with a clock 2 s behind: lww loses acknowledged writes, siblings reports conflicts")
    func clockSkew() throws {
        let lww = try Self.skewRun(policy: "lww", skew: .seconds(2))
        let lwwInSync = try Self.skewRun(policy: "lww", skew: .zero)
        let siblings = try Self.skewRun(policy: "siblings", skew: .seconds(2))
        let lost = try metric(lww, "lost_acknowledged_writes")
        #expect(lost > 0)
        // The skew, not only concurrency, is what lww pays for.
        #expect(lost > 10 * max(1, try metric(lwwInSync, "lost_acknowledged_writes")), "\(lost)")
        #expect(try metric(siblings, "lost_acknowledged_writes") == 0)
        #expect(try metric(siblings, "conflicts_detected") > 0)
        #expect(try metric(lww, "conflicts_detected") == 0)
    }

    /// One region of three stores, every store writing its own ten keys
    /// 22 times a second and five readers reading 44 times a second; no faults.
    static func quorumRun(r: String, w: String, sloppy: String, duration: SimDuration) throws -> RunResult {
        let s = ReplicationFixtures.keyValue(duration: duration, stores: 3, replication: [
            "enabled": "true", "n": "3", "r": r, "w": w, "sloppy": sloppy, "read_rate": "44",
        ])
        var load = KeyValueLoad()
        load.keysPerStore = 10
        load.writeRate = 22
        var world = try KeyValueWorld(scenario: s, load: load, seed: 1)
        return world.run()
    }

    @Test("a strict quorum (R + W > N) never reads stale, over 100 000 operations")
    func strictQuorum() throws {
        let r = try Self.quorumRun(r: "2", w: "2", sloppy: "false", duration: .seconds(300))
        let operations = try metric(r, "replication_reads") + metric(r, "replication_writes")
        #expect(operations >= 100_000, "\(operations)")
        #expect(try metric(r, "read_failures") == 0)
        #expect(try metric(r, "write_failures") == 0)
        #expect(try metric(r, "stale_read_fraction") == 0)
        #expect(try metric(r, "read_your_writes_violations") == 0)
        #expect(try metric(r, "t_visibility_0ms") == 1)
    }

    @Test("R = W = 1 reads stale right after a write, and visibility rises with t")
    func weakQuorum() throws {
        let r = try Self.quorumRun(r: "1", w: "1", sloppy: "true", duration: .seconds(150))
        #expect(try metric(r, "stale_read_fraction") > 0)
        let curve = try HistoryChecker.visibilityLags.map { try metric(r, "t_visibility_\($0.name)") }
        #expect(curve[0] < 1)
        #expect(zip(curve, curve.dropFirst()).allSatisfy { $0 <= $1 }, "\(curve)")
        // Links are 10 ms each way: a second after the write every replica has it.
        #expect(curve[0] < curve[4])
        #expect(curve[4] == 1)
    }

    /// store-0 writes its keys from 20 s to 80 s while cut off from 30 s to
    /// 90 s; nobody writes afterwards.
    static func repairRun(readRepair: String, antiEntropy: String) throws -> RunResult {
        let s = ReplicationFixtures.keyValue(
            duration: .seconds(180), stores: 3,
            replication: [
                "enabled": "true", "n": "3", "r": "1", "w": "1", "read_repair": readRepair,
                "anti_entropy_period": antiEntropy, "read_rate": "2",
            ],
            faults: [FaultSpec(at: .seconds(30), duration: .seconds(60), kind: .cut(LinkRef(a: "store-0", b: "region-0")))])
        var load = KeyValueLoad()
        load.keysPerStore = 10
        load.writingStores = [0]
        load.writesFrom = .seconds(20)
        load.writesUntil = .seconds(80)
        var world = try KeyValueWorld(scenario: s, load: load, seed: 1)
        return world.run()
    }

    @Test("negative control: without read repair and anti-entropy, replicas that missed writes stay divergent")
    func noRepairStaysDivergent() throws {
        let off = try Self.repairRun(readRepair: "false", antiEntropy: "off")
        #expect(try metric(off, "divergent_keys_at_end") > 0)
        #expect(try metric(off, "convergence_time_after_heal") == .infinity)
        #expect(try metric(off, "anti_entropy_keys_repaired") == 0)
        #expect(try metric(off, "read_repairs") == 0)
        // Divergent is not lost: the merge of all replicas still holds every write.
        #expect(try metric(off, "lost_acknowledged_writes") == 0)

        let antiEntropy = try Self.repairRun(readRepair: "false", antiEntropy: "5s")
        #expect(try metric(antiEntropy, "divergent_keys_at_end") == 0)
        let convergence = try metric(antiEntropy, "convergence_time_after_heal")
        #expect(convergence.isFinite && convergence <= 30, "\(convergence)")
        #expect(try metric(antiEntropy, "anti_entropy_keys_repaired") > 0)
    }

    @Test("a key-value world is deterministic")
    func keyValueDeterministic() throws {
        let a = try Self.repairRun(readRepair: "true", antiEntropy: "10s")
        let b = try Self.repairRun(readRepair: "true", antiEntropy: "10s")
        #expect(texts(a) == texts(b))
    }

    @Test("a node that crashes and restarts keeps its keys and rejoins")
    func crashAndRestart() throws {
        let s = ReplicationFixtures.keyValue(
            duration: .seconds(120), stores: 3,
            replication: ["enabled": "true", "n": "3", "r": "2", "w": "2", "anti_entropy_period": "5s"],
            faults: [FaultSpec(at: .seconds(30), duration: .seconds(20), kind: .crash("store-1"))])
        var load = KeyValueLoad()
        load.keysPerStore = 10
        load.writeRate = 2
        var world = try KeyValueWorld(scenario: s, load: load, seed: 2)
        let r = world.run()
        #expect(try metric(r, "lost_acknowledged_writes") == 0)
        #expect(try metric(r, "divergent_keys_at_end") == 0)
        #expect(try metric(r, "hints_stored") > 0)
        #expect(try metric(r, "hint_backlog_end") == 0)
        let driver = world.replicaDriver
        let node = try #require(driver.topology.node(named: "store-1"))
        let store1 = try #require(driver.replica(on: node))
        #expect(store1.isRunning)
        #expect(store1.incarnation == 1)
    }

    @Test("a node down at 0 s boots at its restart")
    func crashedAtStart() throws {
        let s = ReplicationFixtures.keyValue(
            duration: .seconds(60), stores: 3,
            replication: ["enabled": "true", "n": "3", "r": "1", "w": "1", "anti_entropy_period": "5s"],
            faults: [FaultSpec(at: .zero, duration: .seconds(20), kind: .crash("store-2"))])
        var load = KeyValueLoad()
        load.keysPerStore = 5
        var world = try KeyValueWorld(scenario: s, load: load, seed: 3)
        let r = world.run()
        let driver = world.replicaDriver
        let node = try #require(driver.topology.node(named: "store-2"))
        let store2 = try #require(driver.replica(on: node))
        #expect(store2.isRunning)
        #expect(store2.incarnation == 0)
        #expect(try metric(r, "divergent_keys_at_end") == 0)
        #expect(try metric(r, "lost_acknowledged_writes") == 0)
    }

    @Test("a packet not claimed within ten minutes is reclaimed, and its late message dropped")
    func packetReclaim() throws {
        let s = ReplicationFixtures.keyValue(duration: .hours(1), stores: 2, replication: ["enabled": "true"])
        let world = try KeyValueWorld(scenario: s, load: KeyValueLoad(), seed: 1)
        var driver = world.replicaDriver
        var network = Network<KeyValuePayload>(topology: driver.topology, streams: RandomStreams(masterSeed: 1))
        var sim = Simulation<KeyValueEvent>()
        let minute: Int64 = 60_000_000_000
        let lostStored = driver.storePacket(.replica(.heartbeat(incarnation: 0)), now: 0)
        let lost = try #require(lostStored)
        let youngStored = driver.storePacket(.replica(.heartbeat(incarnation: 0)), now: 5 * minute)
        let young = try #require(youngStored)
        // The first packet is more than ten minutes old: reclaimed, its slot reused.
        let nextStored = driver.storePacket(.replica(.heartbeat(incarnation: 1)), now: 11 * minute)
        let next = try #require(nextStored)
        #expect(next.slot == lost.slot)
        #expect(next.generation != lost.generation)
        #expect(driver.packets[young.slot].packet != nil)
        // The lost packet's message arrives after all: dropped, the slot's new packet untouched.
        let a = try #require(driver.topology.node(named: "store-0")), b = try #require(driver.topology.node(named: "store-1"))
        driver.deliver(lost, from: a, to: b, network: &network, sim: &sim)
        #expect(driver.packets[next.slot].packet != nil)
        driver.deliver(next, from: a, to: b, network: &network, sim: &sim)
        #expect(driver.packets[next.slot].packet == nil)
    }

    @Test("a full packet table applies backpressure: the message is not sent, and counted")
    func packetBackpressure() throws {
        let s = ReplicationFixtures.keyValue(duration: .hours(1), stores: 2, replication: ["enabled": "true"])
        let world = try KeyValueWorld(scenario: s, load: KeyValueLoad(), seed: 1)
        var driver = world.replicaDriver
        driver.packetLimit = 3
        var network = Network<KeyValuePayload>(topology: driver.topology, streams: RandomStreams(masterSeed: 1))
        var sim = Simulation<KeyValueEvent>()
        let a = try #require(driver.topology.node(named: "store-0")), b = try #require(driver.topology.node(named: "store-1"))
        for _ in 0..<5 {
            driver.send(.replica(.heartbeat(incarnation: 0)), from: a, to: b, network: &network, sim: &sim)
        }
        #expect(driver.packets.count == 3)
        #expect(driver.packetsRefused == 2)
        let refused = driver.storePacket(.replica(.heartbeat(incarnation: 0)), now: 0)
        #expect(refused == nil)
        // Once one lands, its slot is free again.
        driver.releasePacket(0)
        let accepted = driver.storePacket(.replica(.heartbeat(incarnation: 0)), now: 0)
        #expect(accepted != nil)
    }
}
