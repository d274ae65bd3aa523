import Replication
import SimKernel
import SimNetwork

// The clients of the replicas: writer sessions, readers, regional corrections,
// and the record of every operation for the history checker.

extension ReplicaDriver {
    /// A writer on `client` sets key `key` to `units`.
    ///
    /// As a Dynamo-style client does, the writer reads the key, then writes
    /// with the causal context of everything its replies of the key showed
    /// (that read, and its own last write), so the write supersedes exactly
    /// what the writer saw. If the read fails (no quorum), it writes with what
    /// it knew before. One session per node and key: at most one read-then-
    /// write round in flight; values set meanwhile wait, and only the newest
    /// is written by the next round.
    public mutating func write<P: ReplicaPayloadCarrier, E: ReplicaEventCarrier>(
        key: Int, units: Int32, by client: NodeID, network: inout Network<P>, sim: inout Simulation<E>
    ) {
        let sessionKey = Self.sessionKey(client.index, Int32(key))
        var session = sessions[sessionKey] ?? WriterSession()
        session.latest = units
        session.dirty = true
        let idle = !session.busy
        session.busy = true
        sessions[sessionKey] = session
        if idle { invokeRead(key: key, by: client, purpose: .sessionRead, network: &network, sim: &sim) }
    }

    static func sessionKey(_ client: Int32, _ key: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: client)) << 32 | UInt64(UInt32(bitPattern: key))
    }

    /// A client on `client` reads key `key`.
    public mutating func read<P: ReplicaPayloadCarrier, E: ReplicaEventCarrier>(
        key: Int, by client: NodeID, network: inout Network<P>, sim: inout Simulation<E>
    ) {
        invokeRead(key: key, by: client, purpose: .read, network: &network, sim: &sim)
    }

    // MARK: - Operations

    mutating func invokeRead<P: ReplicaPayloadCarrier, E: ReplicaEventCarrier>(
        key: Int, by client: NodeID, purpose: Purpose, network: inout Network<P>, sim: inout Simulation<E>
    ) {
        let id = record(RecordedOperation(kind: .read, key: Int32(key), client: client.index, invokedAt: sim.now.nanoseconds),
                        purpose: purpose)
        dispatch(id, .read(key: keyNames[key]), key: key, client: client, network: &network, sim: &sim)
    }

    mutating func invokeWrite<P: ReplicaPayloadCarrier, E: ReplicaEventCarrier>(
        key: Int, units: Int32, by client: NodeID, context: VersionVector, observed: [UInt64], purpose: Purpose,
        network: inout Network<P>, sim: inout Simulation<E>
    ) {
        var recorded = RecordedOperation(kind: .write, key: Int32(key), client: client.index,
                                         invokedAt: sim.now.nanoseconds)
        recorded.observed = observed
        let id = record(recorded, purpose: purpose)
        let operation = ClientOperation.write(key: keyNames[key], value: WriteValue.encode(operation: id, units: units),
                                              context: context)
        dispatch(id, operation, key: key, client: client, network: &network, sim: &sim)
    }

    /// Submits at the client's own replica, or sends the request to a member.
    mutating func dispatch<P: ReplicaPayloadCarrier, E: ReplicaEventCarrier>(
        _ id: UInt64, _ operation: ClientOperation, key: Int, client: NodeID,
        network: inout Network<P>, sim: inout Simulation<E>
    ) {
        let access = accessNode(for: client, key: key)
        if access == client {
            submit(id, operation, slot: Int(slotOfNode[Int(client.index)]), network: &network, sim: &sim)
        } else {
            send(.request(operation: id, operation), from: client, to: access, network: &network, sim: &sim)
        }
    }

    /// Where a client on `client` sends requests about `key`: its own replica
    /// if it is a member of the key's group; otherwise the group's regional
    /// aggregator, or the key's home store, or the cloud node above the
    /// client, or the group's first member.
    func accessNode(for client: NodeID, key: Int) -> NodeID {
        let store = key / keysPerStore
        let g = Int(groupOfStore[store])
        let own = slotOfNode[Int(client.index)]
        if own >= 0 && Int(groupOfSlot[Int(own)]) == g { return client }
        let group = groups[g]
        if let aggregator = group.aggregator { return aggregator }
        let home = storeNode[store]
        let homeSlot = slotOfNode[Int(home.index)]
        if homeSlot >= 0 && Int(groupOfSlot[Int(homeSlot)]) == g { return home }
        var n: NodeID? = client
        while let current = n {
            let s = slotOfNode[Int(current.index)]
            if s >= 0 && Int(groupOfSlot[Int(s)]) == g { return current }
            n = topology[current].parent
        }
        return group.members[0]
    }

    mutating func submit<P: ReplicaPayloadCarrier, E: ReplicaEventCarrier>(
        _ id: UInt64, _ operation: ClientOperation, slot: Int, network: inout Network<P>, sim: inout Simulation<E>
    ) {
        var effects = takeBuffer()
        replicas[slot].submit(ClientRequest(id: ClientRequestID(id), operation: operation),
                              now: localTime(nodeOfSlot[slot], network, sim), into: &effects)
        apply(&effects, slot: slot, network: &network, sim: &sim)
        giveBack(effects)
    }

    /// The answer to operation `id` reached its client.
    mutating func complete<P: ReplicaPayloadCarrier, E: ReplicaEventCarrier>(
        _ id: Int, _ result: Result<ClientReply, ReplicationError>, network: inout Network<P>, sim: inout Simulation<E>
    ) {
        guard let pending = operation(id), pending.outcome == .pending,
              let purpose = purposes.removeValue(forKey: UInt64(id))
        else { return }
        updateOperation(id) { op in
            op.completedAt = sim.now.nanoseconds
            switch result {
            case .success(.write(let w)):
                op.outcome = .succeeded
                op.dot = w.version.dot
                op.returned = WriteValue.writes(in: w.siblings)
            case .success(.read(let r)):
                op.outcome = .succeeded
                op.context = r.context
                // A plain read's single version is never needed again (only
                // sibling sets are); keep the history small.
                let returned = WriteValue.writes(in: r.versions)
                if returned.count > 1 || purpose != .read { op.returned = returned }
            case .failure:
                op.outcome = .failed
            }
        }
        guard let done = operation(id) else { return }
        checker.completed(UInt64(id), done)
        // Once answered, the checker holds what it needs of the operation.
        defer { if !keepsHistory { live[UInt64(id)] = nil } }
        switch purpose {
        case .read, .correctionWrite:
            break
        case .sessionRead:
            sessionReadDone(id, result, network: &network, sim: &sim)
        case .sessionWrite:
            sessionWriteDone(id, result, network: &network, sim: &sim)
        case .correctionRead:
            // Read, then write what was read (the largest count among siblings)
            // with the read's context: the dashboard confirms the count.
            guard case .success(.read(let r)) = result else { return }
            let units = r.versions.compactMap { $0.value.flatMap(WriteValue.units(of:)) }.max() ?? 0
            let op = done
            invokeWrite(key: Int(op.key), units: units, by: NodeID(Int(op.client)), context: r.context,
                        observed: op.returned, purpose: .correctionWrite, network: &network, sim: &sim)
        }
    }

    mutating func sessionReadDone<P: ReplicaPayloadCarrier, E: ReplicaEventCarrier>(
        _ id: Int, _ result: Result<ClientReply, ReplicationError>, network: inout Network<P>, sim: inout Simulation<E>
    ) {
        guard let op = operation(id) else { return }
        let sessionKey = Self.sessionKey(op.client, op.key)
        guard var session = sessions[sessionKey] else { return }
        if case .success(.read(let r)) = result {
            session.context.merge(r.context)
            session.view = Self.union(session.view, op.returned)
        }
        session.dirty = false
        sessions[sessionKey] = session
        invokeWrite(key: Int(op.key), units: session.latest, by: NodeID(Int(op.client)), context: session.context,
                    observed: session.view, purpose: .sessionWrite, network: &network, sim: &sim)
    }

    mutating func sessionWriteDone<P: ReplicaPayloadCarrier, E: ReplicaEventCarrier>(
        _ id: Int, _ result: Result<ClientReply, ReplicationError>, network: inout Network<P>, sim: inout Simulation<E>
    ) {
        guard let op = operation(id) else { return }
        let sessionKey = Self.sessionKey(op.client, op.key)
        guard var session = sessions[sessionKey] else { return }
        if case .success(.write(let w)) = result {
            // The reply shows what the coordinator holds now, this write included.
            session.context.merge(w.context)
            session.view = Self.union(op.returned, [UInt64(id)])
        }
        session.busy = session.dirty
        sessions[sessionKey] = session
        if session.dirty {
            invokeRead(key: Int(op.key), by: NodeID(Int(op.client)), purpose: .sessionRead, network: &network, sim: &sim)
        }
    }

    /// The sorted union of two sorted lists.
    static func union(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        var result: [UInt64] = []
        result.reserveCapacity(a.count + b.count)
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && a[i] < b[j]) {
                result.append(a[i])
                i += 1
            } else if i == a.count || b[j] < a[i] {
                result.append(b[j])
                j += 1
            } else {
                result.append(a[i])
                i += 1
                j += 1
            }
        }
        return result
    }

    // MARK: - Load

    /// The key a client draws: a store among its stores, then a key of that store.
    func drawKey(_ client: Client) -> Int {
        let i = client.stream.uniformInt(below: client.stores.count * keysPerStore)
        return Int(client.stores[i / keysPerStore]) * keysPerStore + i % keysPerStore
    }

    mutating func issueRead<P: ReplicaPayloadCarrier, E: ReplicaEventCarrier>(
        _ reader: Int, network: inout Network<P>, sim: inout Simulation<E>
    ) {
        let client = readers[reader]
        if let gap = readGap {
            sim.schedule(.replica(.read(reader: Int32(reader))), after: gap.sampleDuration(client.stream))
        }
        let key = drawKey(client)
        guard network.isUp(client.node) else { return }
        invokeRead(key: key, by: client.node, purpose: .read, network: &network, sim: &sim)
    }

    mutating func issueCorrection<P: ReplicaPayloadCarrier, E: ReplicaEventCarrier>(
        _ corrector: Int, network: inout Network<P>, sim: inout Simulation<E>
    ) {
        let client = correctors[corrector]
        if let gap = correctionGap {
            sim.schedule(.replica(.correction(corrector: Int32(corrector))), after: gap.sampleDuration(client.stream))
        }
        let key = drawKey(client)
        guard network.isUp(client.node) else { return }
        invokeRead(key: key, by: client.node, purpose: .correctionRead, network: &network, sim: &sim)
    }
}
