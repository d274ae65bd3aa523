import Scheduling

extension PlacementDriver {
    /// Broken scheduler invariants at this moment: a replica listed on two
    /// nodes (placed twice) or on a node other than its placement, and a
    /// replica left on a node declared failed.
    func invariantViolations() -> Int {
        let s = scheduler
        var violations = 0
        var seen: [WorkloadReplicaID: Int] = [:]   // counted, looked up, never iterated
        for node in s.cluster.nodes.indices.map(ClusterNodeID.init) {
            let here = s.replicas(on: node)
            if s.cluster.nodes[node.rawValue].health == .failed { violations += here.count }
            for replica in here {
                seen[replica, default: 0] += 1
                if seen[replica]! > 1 { violations += 1 }
                if s.placement(of: replica)?.node != node { violations += 1 }
            }
        }
        return violations
    }
}

extension RetailWorld {
    /// Broken scheduler invariants now (0 without a scheduler): see
    /// ``PlacementDriver/invariantViolations()``. Read after ``run()``.
    public var schedulerInvariantViolations: Int { placement?.invariantViolations() ?? 0 }
}
