import SimKernel

/// A partition made by ``Network/partition(_:_:at:)``, to heal later.
public struct PartitionID: Hashable, Sendable {
    public let index: Int
}

/// How a link is degraded: latency and bandwidth scaled, loss added.
public struct Degradation: Hashable, Sendable {
    /// Multiplies every latency draw (2 doubles latency).
    public var latencyFactor: Double
    /// Multiplies the bandwidth (0.5 halves it).
    public var bandwidthFactor: Double
    /// Added to the link's loss probability.
    public var extraLoss: Double

    public init(latencyFactor: Double = 1, bandwidthFactor: Double = 1, extraLoss: Double = 0) {
        precondition(latencyFactor >= 0 && bandwidthFactor > 0 && extraLoss >= 0 && extraLoss < 1,
                     "degradation factors out of range")
        self.latencyFactor = latencyFactor
        self.bandwidthFactor = bandwidthFactor
        self.extraLoss = extraLoss
    }
}

extension LinkLayer {
    // Faults compose: a link is up while no fault holds it cut, so a partition
    // and a cut of the same link can end in either order.

    /// Cuts both directions; returns the slots of priority-queued messages lost.
    mutating func cut(_ connection: ConnectionID, at now: SimTime) -> [UInt32] {
        var lost: [UInt32] = []
        for link in [connection.forward, connection.reverse] {
            let l = Int(link.index)
            hot[l].cutCount += 1
            if hot[l].cutCount == 1 { lost += flush(l, at: now) }
        }
        return lost
    }

    mutating func heal(_ connection: ConnectionID) {
        for link in [connection.forward, connection.reverse] {
            let l = Int(link.index)
            precondition(hot[l].cutCount > 0, "healing \(connection), which is not cut")
            hot[l].cutCount -= 1
        }
    }

    mutating func crash(_ node: NodeID, at now: SimTime) -> [UInt32] {
        let n = Int(node.index)
        guard nodeUp[n] else { return [] }
        nodeUp[n] = false
        nodeEpoch[n] &+= 1
        var lost: [UInt32] = []
        for link in outgoing[n] { lost += flush(Int(link.index), at: now) }
        return lost
    }

    mutating func degrade(_ connection: ConnectionID, _ degradation: Degradation) {
        for link in [connection.forward, connection.reverse] {
            let l = Int(link.index)
            hot[l].latencyFactor = degradation.latencyFactor
            cold[l].bandwidthFactor = degradation.bandwidthFactor
            cold[l].extraLoss = degradation.extraLoss
            hot[l].nanosecondsPerByte = 8e9 / (cold[l].spec.bandwidth * degradation.bandwidthFactor)
            hot[l].lossProbability = min(1, cold[l].spec.loss + degradation.extraLoss)
        }
    }

    /// Empties a link: everything on it is lost. Messages in transmission or
    /// propagating are found lost at their arrival (stale epoch); waiting
    /// priority messages are lost now (their slots are returned). The link is
    /// free at once; a pending end-of-transmission event becomes stale.
    mutating func flush(_ l: Int, at now: SimTime) -> [UInt32] {
        hot[l].epoch &+= 1
        hot[l].freeAt = now.nanoseconds
        cold[l].backlog.removeAll()
        cold[l].queuedBytes = 0
        cold[l].sendingBytes = 0
        cold[l].pendingAt = -1
        for c in 0..<Self.classCount {
            traffic[counterIndex(l, c)].lastArrival = now.nanoseconds
        }
        var lost: [UInt32] = []
        for c in 0..<cold[l].queues.count {
            while let waiting = cold[l].queues[c].popFirst() {
                countLost(counterIndex(l, c), waiting.size)
                lost.append(waiting.slot)
            }
        }
        return lost
    }
}

extension Network {
    /// Cuts both directions of a connection. Messages queued, in transmission
    /// or propagating on it are lost; messages routed to it while cut are lost
    /// at once (or take another uplink where the sender has one).
    public mutating func cut(_ connection: ConnectionID, at now: SimTime) {
        for slot in layer.cut(connection, at: now) { release(slot) }
    }

    /// Ends one cut of both directions of a connection.
    public mutating func heal(_ connection: ConnectionID) {
        layer.heal(connection)
    }

    /// Cuts every connection with one end in `a` and the other in `b`.
    ///
    /// - Precondition: the sets do not overlap.
    /// - Returns: the partition, to heal later.
    public mutating func partition(_ a: [NodeID], _ b: [NodeID], at now: SimTime) -> PartitionID {
        let topology = layer.topology
        var side = [UInt8](repeating: 0, count: topology.nodes.count)
        for n in a { side[Int(n.index)] = 1 }
        for n in b {
            precondition(side[Int(n.index)] != 1, "partition sets overlap at \(topology[n].name)")
            side[Int(n.index)] = 2
        }
        var crossing: [ConnectionID] = []
        for c in topology.connections {
            let sa = side[Int(c.a.index)], sb = side[Int(c.b.index)]
            if sa != 0 && sb != 0 && sa != sb { crossing.append(c.id) }
        }
        for c in crossing { cut(c, at: now) }
        layer.partitions.append(crossing)
        return PartitionID(index: layer.partitions.count - 1)
    }

    /// Heals a partition.
    public mutating func heal(_ partition: PartitionID) {
        for c in layer.partitions[partition.index] { layer.heal(c) }
        layer.partitions[partition.index] = []
    }

    /// Crashes a node: it stops sending and receiving; messages queued on its
    /// outgoing links and messages on their way to it are lost. Its volatile
    /// state is the model's to drop.
    public mutating func crash(_ node: NodeID, at now: SimTime) {
        for slot in layer.crash(node, at: now) { release(slot) }
    }

    /// Restarts a crashed node; it receives messages sent from now on.
    public mutating func restart(_ node: NodeID) {
        layer.nodeUp[Int(node.index)] = true
    }

    /// Whether a node is up.
    public func isUp(_ node: NodeID) -> Bool { layer.nodeUp[Int(node.index)] }

    /// Degrades both directions of a connection until ``restore(_:)``.
    /// Messages already accepted on a FIFO link keep the timing they were given.
    public mutating func degrade(_ connection: ConnectionID, _ degradation: Degradation) {
        layer.degrade(connection, degradation)
    }

    /// Undoes ``degrade(_:_:)``.
    public mutating func restore(_ connection: ConnectionID) {
        layer.degrade(connection, Degradation())
    }
}
