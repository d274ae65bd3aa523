import EdgeBase

// Failure detection, failover, recovery and rebalancing.

extension Scheduler {
    /// A heartbeat from `node` arrived at local time `time`.
    ///
    /// While the node is up, the gap since its previous heartbeat is added to
    /// its observed uptime. If the node had been declared failed, it recovers:
    /// it is healthy again (a cordon is forgotten), a
    /// ``SchedulingOutput/nodeRecovered(_:at:failedAt:)`` is appended, and under
    /// ``SchedulerConfiguration/RebalancePolicy/moveBack`` the replicas it lost
    /// move back to it, in handling order, each if it passes the filters again
    /// (``SchedulingOutput/moved(_:from:reason:)`` with reason `rebalance`;
    /// a pending one is ``SchedulingOutput/placed(_:)``). Other pending
    /// replicas are retried at the next tick.
    ///
    /// A heartbeat older than the node's latest is ignored for timing.
    ///
    /// - Precondition: `node` exists.
    /// - Complexity: O(1) while the node is up; on recovery, O(d × r) for d
    ///   displaced replicas of r replicas per workload.
    public mutating func heartbeat(from node: ClusterNodeID, at time: LocalTime) {
        precondition(cluster.nodes.indices.contains(node.rawValue), "heartbeat from unknown node \(node)")
        let i = node.rawValue
        let failed = cluster.nodes[i].health == .failed
        if time > lastHeartbeats[i] {
            if !failed { cluster.nodes[i].reliability.uptime += time - lastHeartbeats[i] }
            lastHeartbeats[i] = time
        }
        guard failed else { return }
        cluster.nodes[i].health = .healthy
        let record = openFailure[i]
        openFailure[i] = -1
        // A node handed over already failed has been down since the start, as far as we know.
        var failedAt = startTime
        if record >= 0 {
            failures[record].recoveredAt = time
            failedAt = failures[record].detectedAt
        }
        counters.nodeRecoveries += 1
        capacityEpoch += 1
        outputs.append(.nodeRecovered(node, at: time, failedAt: failedAt))
        if configuration.rebalance == .moveBack { moveBack(to: node, at: time) }
        displacedFrom[i].removeAll()
    }

    /// A periodic tick at local time `time`.
    ///
    /// First, every node not already failed whose last heartbeat is more
    /// than ``SchedulerConfiguration/heartbeatTimeout`` old is declared failed,
    /// in node order: ``SchedulingOutput/nodeFailed(_:lastHeartbeat:detectedAt:)``,
    /// then each of its replicas, in handling order, is placed again
    /// (``SchedulingOutput/moved(_:from:reason:)`` with reason `nodeFailed`) or
    /// becomes pending (``SchedulingOutput/unschedulable(_:displacedFrom:)``).
    /// Then, if capacity may have appeared since the last retry (a node
    /// returned or was uncordoned, a workload was removed, a replica left a
    /// node), pending replicas are retried in handling order
    /// (``SchedulingOutput/placed(_:)``).
    ///
    /// - Complexity: O(n) for n nodes, plus the placements made.
    public mutating func tick(at time: LocalTime) {
        let timeout = configuration.heartbeatTimeout
        for i in cluster.nodes.indices where cluster.nodes[i].health != .failed && time - lastHeartbeats[i] > timeout {
            fail(ClusterNodeID(i), at: time)
        }
        if retriedEpoch != capacityEpoch {
            retriedEpoch = capacityEpoch
            retryPending(at: time)
        }
    }

    /// Declares `node` failed and fails its replicas over.
    mutating func fail(_ node: ClusterNodeID, at time: LocalTime) {
        let i = node.rawValue
        cluster.nodes[i].health = .failed
        cluster.nodes[i].reliability.failures += 1
        counters.nodeFailures += 1
        outputs.append(.nodeFailed(node, lastHeartbeat: lastHeartbeats[i], detectedAt: time))
        let displaced = replicasOnNode[i].sorted { precedes($0, $1) }
        failures.append(NodeFailureRecord(
            node: node, lastHeartbeat: lastHeartbeats[i], detectedAt: time, recoveredAt: nil,
            displaced: displaced.count, moved: 0
        ))
        openFailure[i] = failures.count - 1
        // Free the node first, so no displaced replica is judged against its siblings' old slots.
        for replica in displaced { release(replica) }
        for replica in displaced {
            let w = replica.workload.rawValue
            if configuration.rebalance == .moveBack, workloads[w].replicas[replica.index].home == nil {
                workloads[w].replicas[replica.index].home = node
                displacedFrom[i].append(replica)
            }
            if let decision = decide(replica, trigger: .failover(from: node), at: time) {
                let placement = commit(replica, decision)
                counters.failoverMoves += 1
                failures[failures.count - 1].moved += 1
                outputs.append(.moved(placement, from: node, reason: .nodeFailed))
            } else {
                counters.unschedulable += 1
                enqueuePending(replica)
                outputs.append(.unschedulable(replica, displacedFrom: node))
            }
        }
    }

    /// Offers each replica displaced from `home` its home node again.
    mutating func moveBack(to home: ClusterNodeID, at time: LocalTime) {
        let returning = displacedFrom[home.rawValue].sorted { precedes($0, $1) }
        for replica in returning {
            let w = replica.workload.rawValue
            guard !workloads[w].removed, workloads[w].replicas[replica.index].home == home else { continue }
            workloads[w].replicas[replica.index].home = nil
            let spec = workloads[w].spec
            let tiers = admissibleTiers(spec)
            let explaining = configuration.explanations != .off
            var steps: [PlacementExplanation.Step] = []
            var decision: Decision?
            let degradable = configuration.fallback.degradedMode && spec.degraded != nil
            for mode in PlacementMode.allCases where mode == .normal || degradable {
                let (reason, _) = check(home, makeContext(replica, spec, Self.request(spec, mode), tiers, enforceLatency: true))
                if explaining {
                    let tier = cluster.nodes[home.rawValue].tier
                    steps.append(PlacementExplanation.Step(
                        tiers: tiers, mode: mode, latencyEnforced: true,
                        nodes: [.init(node: home, tier: tier, verdict: reason.map { .rejected($0) } ?? .feasible(scores: [], total: 0))],
                        pruned: cluster.nodes.count - 1, prunedBy: cluster.nodes.count > 1 ? "home node" : nil,
                        feasible: reason == nil ? 1 : 0, chosen: reason == nil ? home : nil
                    ))
                }
                if reason == nil {
                    decision = Decision(node: home, mode: mode, fallback: mode != .normal)
                    break
                }
            }
            if explaining {
                explanationLog.append(PlacementExplanation(
                    replica: replica, workload: spec.name, time: time, scheduler: configuration.kind,
                    trigger: .rebalance(home: home), steps: steps,
                    outcome: decision.map { .placed($0.node, $0.mode) } ?? .notMoved
                ))
            }
            guard let decision else { continue }
            if let from = workloads[w].replicas[replica.index].placement?.node {
                release(replica)
                capacityEpoch += 1
                let placement = commit(replica, decision, counted: false)
                counters.rebalanceMoves += 1
                outputs.append(.moved(placement, from: from, reason: .rebalance))
            } else {
                pending.removeAll { $0 == replica }
                outputs.append(.placed(commit(replica, decision)))
            }
        }
    }

    /// Retries every pending replica once, in handling order.
    mutating func retryPending(at time: LocalTime) {
        let waiting = pending
        pending.removeAll(keepingCapacity: true)
        for replica in waiting {
            if let decision = decide(replica, trigger: .retried, at: time) {
                outputs.append(.placed(commit(replica, decision)))
            } else {
                pending.append(replica)  // Order kept: `waiting` is already in handling order.
            }
        }
    }
}
