import SimKernel
import SimNetwork

extension RetailWorld {
    mutating func applyFault(_ index: Int, _ sim: inout Simulation<RetailEvent>) {
        let entry = timeline.actions[index]
        let now = sim.now
        switch entry.action {
        case .cut(let c): network.cut(c, at: now)
        case .heal(let c): network.heal(c)
        case .partition(let fault, let a, let b): partitions[fault] = network.partition(a, b, at: now)
        case .healPartition(let fault):
            if let id = partitions.removeValue(forKey: fault) { network.heal(id) }
        case .crash(let node):
            network.crash(node, at: now)
            // Volatile state: frames queued or being analysed there are gone.
            nodeCrashEpoch[Int(node.index)] &+= 1
            pools[Int(node.index)]?.reset(now: now.nanoseconds)
            placement?.crashed(node, now: now.nanoseconds)
            replication?.driver.crash(node, network: &network, sim: &sim)
            crashOutboxes(of: node, now: now.nanoseconds)
        case .restart(let node):
            network.restart(node)
            replication?.driver.restart(node, network: &network, sim: &sim)
        case .degrade(let c, let d): network.degrade(c, d)
        case .restore(let c): network.restore(c)
        case .clock(let node, let offset, let drift): network.setClock(of: node, offset: offset, driftPPM: drift, at: now)
        }
        activeFaults += entry.activeDelta
        for s in timeline.touchedStores[index] { storeTouched[Int(s)] += Int32(entry.activeDelta) }
    }
}
