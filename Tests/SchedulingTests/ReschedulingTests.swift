import EdgeBase
import Testing
@testable import Scheduling

/// Heartbeats, failure detection at ticks, failover, recovery and rebalancing.
@Suite("Rescheduling")
struct ReschedulingTests {
    static let timeout = LocalDuration.seconds(10)

    static func scheduler(_ fixture: Fixture = Fixture(), rebalance: SchedulerConfiguration.RebalancePolicy) throws -> Scheduler {
        var configuration = SchedulerConfiguration.edgeAware
        configuration.heartbeatTimeout = timeout
        configuration.rebalance = rebalance
        return try Scheduler(cluster: fixture.cluster, configuration: configuration, at: .zero)
    }

    static func at(_ seconds: Int64) -> LocalTime { .zero + .seconds(seconds) }

    /// Every node but `silent` heartbeats at `time`.
    static func heartbeatAll(_ scheduler: inout Scheduler, except silent: ClusterNodeID?, at time: LocalTime) {
        for i in 0..<Fixture.nodeCount where ClusterNodeID(i) != silent { scheduler.heartbeat(from: ClusterNodeID(i), at: time) }
    }

    @Test("a node silent for longer than the timeout is declared failed at a tick, and its replica moves")
    func failover() throws {
        let f = Fixture()
        var s = try Self.scheduler(f, rebalance: .stay)
        let id = try s.submit(Fixture.camera(f.camera0), at: .zero)
        let replica = WorkloadReplicaID(workload: id, index: 0)
        let home = try #require(s.placement(of: replica)?.node)
        _ = s.takeOutputs()

        Self.heartbeatAll(&s, except: home, at: Self.at(5))
        s.tick(at: Self.at(10))  // exactly the timeout: not yet
        #expect(s.takeOutputs().isEmpty)
        #expect(s.cluster.nodes[home.rawValue].health == .healthy)

        s.tick(at: Self.at(11))
        let outputs = s.takeOutputs()
        let moved = try #require(s.placement(of: replica))
        #expect(outputs == [
            .nodeFailed(home, lastHeartbeat: .zero, detectedAt: Self.at(11)),
            .moved(moved, from: home, reason: .nodeFailed),
        ])
        #expect(moved.node != home)
        #expect(f.cluster.nodes[moved.node.rawValue].location.store == 0)  // residency still holds
        #expect(s.cluster.nodes[home.rawValue].health == .failed)
        #expect(s.cluster.nodes[home.rawValue].allocated == .zero)
        #expect(s.cluster.nodes[home.rawValue].reliability.failures == 1)
        #expect(s.replicas(on: home).isEmpty)
        #expect(s.replicas(on: moved.node) == [replica])
        #expect(s.failures == [NodeFailureRecord(node: home, lastHeartbeat: .zero, detectedAt: Self.at(11), recoveredAt: nil, displaced: 1, moved: 1)])
        #expect(s.counters.failoverMoves == 1)
        #expect(s.counters.nodeFailures == 1)
        #expect(s.counters.placements == 2)  // the first placement and the failover
        // A failed node is declared once, not at every tick.
        Self.heartbeatAll(&s, except: home, at: Self.at(30))
        s.tick(at: Self.at(30))
        #expect(s.takeOutputs().isEmpty)
        #expect(s.counters.nodeFailures == 1)
    }

    @Test("moveBack returns the replica when its node heartbeats again; never leaves it", arguments: [
        SchedulerConfiguration.RebalancePolicy.moveBack, .stay,
    ])
    func recovery(policy: SchedulerConfiguration.RebalancePolicy) throws {
        let f = Fixture()
        var s = try Self.scheduler(f, rebalance: policy)
        let id = try s.submit(Fixture.camera(f.camera0), at: .zero)
        let replica = WorkloadReplicaID(workload: id, index: 0)
        let home = try #require(s.placement(of: replica)?.node)
        Self.heartbeatAll(&s, except: home, at: Self.at(5))
        s.tick(at: Self.at(11))
        let away = try #require(s.placement(of: replica)?.node)
        _ = s.takeOutputs()

        s.heartbeat(from: home, at: Self.at(20))
        let outputs = s.takeOutputs()
        #expect(outputs.first == .nodeRecovered(home, at: Self.at(20), failedAt: Self.at(11)))
        #expect(s.cluster.nodes[home.rawValue].health == .healthy)
        #expect(s.failures.first?.recoveredAt == Self.at(20))
        #expect(s.counters.nodeRecoveries == 1)
        switch policy {
        case .moveBack:
            let back = try #require(s.placement(of: replica))
            #expect(back.node == home)
            #expect(outputs.dropFirst().elementsEqual([.moved(back, from: away, reason: .rebalance)]))
            #expect(s.counters.rebalanceMoves == 1)
            #expect(s.replicas(on: away).isEmpty)
            #expect(s.cluster.nodes[away.rawValue].allocated == .zero)
        case .stay:
            #expect(outputs.count == 1)
            #expect(s.placement(of: replica)?.node == away)
            #expect(s.counters.rebalanceMoves == 0)
        }
        #expect(s.counters.placements == 2)  // a move back is not a placement
    }

    @Test("a displaced replica with nowhere to go waits, and is placed when its node returns", arguments: [
        SchedulerConfiguration.RebalancePolicy.moveBack, .stay,
    ])
    func pendingUntilReturn(policy: SchedulerConfiguration.RebalancePolicy) throws {
        let f = Fixture.filled([Fixture.s0device1, Fixture.s0edge])
        var s = try Self.scheduler(f, rebalance: policy)
        let id = try s.submit(Fixture.camera(f.camera0), at: .zero)
        let replica = WorkloadReplicaID(workload: id, index: 0)
        #expect(s.placement(of: replica)?.node == Fixture.s0device0)
        Self.heartbeatAll(&s, except: Fixture.s0device0, at: Self.at(5))
        s.tick(at: Self.at(11))
        #expect(s.takeOutputs().last == .unschedulable(replica, displacedFrom: Fixture.s0device0))
        #expect(s.pendingReplicas == [replica])
        #expect(s.failures.first?.moved == 0)

        s.heartbeat(from: Fixture.s0device0, at: Self.at(20))
        var outputs = s.takeOutputs()
        if policy == .stay {
            #expect(outputs == [.nodeRecovered(Fixture.s0device0, at: Self.at(20), failedAt: Self.at(11))])
            #expect(s.placement(of: replica) == nil)
            Self.heartbeatAll(&s, except: nil, at: Self.at(21))
            s.tick(at: Self.at(21))  // the retry happens at the next tick
            outputs = s.takeOutputs()
        }
        let placed = try #require(s.placement(of: replica))
        #expect(placed.node == Fixture.s0device0)
        #expect(outputs.last == .placed(placed))
        #expect(s.pendingReplicas.isEmpty)
    }

    @Test("failover handles higher priority first, whatever the identifiers")
    func failoverPriority() throws {
        // Device 0 takes both replicas; afterwards only one fits elsewhere in the store (device 1, 2000 m free).
        let f = Fixture { id, node in
            if id == Fixture.s0device1 { node.allocated = Resources(milliCPU: 2_000, memoryMiB: 0) }
            if id == Fixture.s0edge { node.allocated = node.capacity }
        }
        var s = try Self.scheduler(f, rebalance: .stay)
        var low = Fixture.camera(f.camera0, cpu: 2_000, tiers: .device)
        low.priority = 0
        var high = low
        high.priority = 5
        let lowID = try s.submit(low, at: .zero)
        let highID = try s.submit(high, at: .zero)
        let lowReplica = WorkloadReplicaID(workload: lowID, index: 0), highReplica = WorkloadReplicaID(workload: highID, index: 0)
        #expect(s.placement(of: lowReplica)?.node == Fixture.s0device0)
        #expect(s.placement(of: highReplica)?.node == Fixture.s0device0)

        Self.heartbeatAll(&s, except: Fixture.s0device0, at: Self.at(5))
        s.tick(at: Self.at(11))
        #expect(s.placement(of: highReplica)?.node == Fixture.s0device1)
        #expect(s.placement(of: lowReplica) == nil)
        #expect(s.pendingReplicas == [lowReplica])
    }

    @Test("uptime grows with heartbeats while up; a stale heartbeat changes nothing")
    func uptime() throws {
        var s = try Self.scheduler(rebalance: .stay)
        s.heartbeat(from: Fixture.aggregator, at: Self.at(4))
        s.heartbeat(from: Fixture.aggregator, at: Self.at(9))
        s.heartbeat(from: Fixture.aggregator, at: Self.at(7))
        #expect(s.cluster.nodes[Fixture.aggregator.rawValue].reliability.uptime == .seconds(9))
        #expect(s.lastHeartbeat(of: Fixture.aggregator) == Self.at(9))
    }

    @Test("failover decisions are explained with their trigger")
    func explainedFailover() throws {
        let f = Fixture()
        var configuration = SchedulerConfiguration.edgeAware.explaining(.candidates)
        configuration.heartbeatTimeout = Self.timeout
        var s = try Scheduler(cluster: f.cluster, configuration: configuration)
        let id = try s.submit(Fixture.camera(f.camera0), at: .zero)
        let home = try #require(s.placement(of: WorkloadReplicaID(workload: id, index: 0))?.node)
        _ = s.takeExplanations()
        Self.heartbeatAll(&s, except: home, at: Self.at(5))
        s.tick(at: Self.at(11))
        let record = try #require(s.takeExplanations().first)
        #expect(record.trigger == .failover(from: home))
        #expect(record.time == Self.at(11))
        #expect(record.rejection(of: home, step: 0) == .nodeFailed)
    }
}

extension ReschedulingTests {
    @Test("a node handed over failed takes no replicas until it heartbeats; its downtime dates from the start")
    func startsFailed() throws {
        let f = Fixture { id, node in if id == Fixture.s0device0 { node.health = .failed } }
        var s = try Scheduler(cluster: f.cluster, configuration: .edgeAware, at: Self.at(100))
        let first = try s.submit(Fixture.camera(f.camera0), at: Self.at(100))
        #expect(s.placement(of: WorkloadReplicaID(workload: first, index: 0))?.node == Fixture.s0device1)
        _ = s.takeOutputs()
        s.heartbeat(from: Fixture.s0device0, at: Self.at(105))
        #expect(s.takeOutputs() == [.nodeRecovered(Fixture.s0device0, at: Self.at(105), failedAt: Self.at(100))])
        #expect(s.failures.isEmpty)  // it was never declared failed by a tick
        let second = try s.submit(Fixture.camera(f.camera0), at: Self.at(106))
        #expect(s.placement(of: WorkloadReplicaID(workload: second, index: 0))?.node == Fixture.s0device0)
    }

    @Test("removing a workload frees its node, and a pending replica takes the room at the next tick")
    func removeFreesCapacity() throws {
        let f = Fixture.filled([Fixture.s0device1, Fixture.s0edge])
        var s = try Self.scheduler(f, rebalance: .stay)
        let big = try s.submit(Fixture.camera(f.camera0, cpu: 4_000), at: .zero)
        let waiting = try s.submit(Fixture.camera(f.camera0, cpu: 2_000), at: .zero)
        #expect(s.pendingReplicas == [WorkloadReplicaID(workload: waiting, index: 0)])
        s.remove(big)
        #expect(s.cluster.nodes[Fixture.s0device0.rawValue].allocated == .zero)
        #expect(s.placement(of: WorkloadReplicaID(workload: big, index: 0)) == nil)
        _ = s.takeOutputs()
        Self.heartbeatAll(&s, except: nil, at: Self.at(1))
        s.tick(at: Self.at(1))
        let placed = try #require(s.placement(of: WorkloadReplicaID(workload: waiting, index: 0)))
        #expect(placed.node == Fixture.s0device0)
        #expect(s.takeOutputs() == [.placed(placed)])
        #expect(s.pendingReplicas.isEmpty)
        // Nothing changed since: the next tick does not retry anything.
        s.tick(at: Self.at(2))
        #expect(s.takeOutputs().isEmpty)
    }
}
