import EdgeBase

// Coordination of client requests: forwarding to an owner, target
// selection (sloppy or strict quorum), counting acknowledgements and
// responses, deadlines, and read repair.

extension Replica {
    /// Coordinates `operation` for `requester`, or forwards it to an owner.
    ///
    /// Only owners coordinate, because only a replica that stores the key
    /// may issue its dots (see ``SiblingSet``). A forwarded request is never
    /// forwarded again.
    mutating func coordinate(
        _ operation: ClientOperation, for requester: Requester, now: LocalTime, mayForward: Bool,
        into effects: inout [ReplicaEffect]
    ) {
        let key = operation.key
        let quorum = operation.isRead ? configuration.readQuorum : configuration.writeQuorum
        let extended = extendedPreferenceList(for: key)
        let owners = extended.prefix(configuration.replicationFactor)
        guard owners.contains(id) else {
            guard mayForward, let owner = owners.first(where: { !detector.isSuspected($0, now: now) }),
                case .client(let request) = requester
            else {
                counters.requestsUnavailable += 1
                finish(requester, .failure(.quorumUnavailable(needed: quorum, got: 0)), into: &effects)
                return
            }
            let op = nextOperation()
            pending[op] = .forward(PendingForward(request: request, operation: operation, target: owner))
            counters.requestsForwarded += 1
            effects.append(.send(.forward(operation: op, request: operation), to: owner))
            effects.append(.setTimer(.request(op), at: now + configuration.requestTimeout))
            return
        }

        let targets = selectTargets(from: extended, now: now)
        guard 1 + targets.count >= quorum else {
            counters.requestsUnavailable += 1
            finish(requester, .failure(.quorumUnavailable(needed: quorum, got: 1 + targets.count)), into: &effects)
            return
        }
        let op = nextOperation()
        switch operation {
        case .read:
            counters.readsCoordinated += 1
            let own = KeyedAnswer(replica: id, state: store[key] ?? SiblingSet())
            pending[op] = .read(PendingRead(requester: requester, key: key, targets: targets, responses: [own]))
            for target in targets {
                effects.append(.send(.readRequest(operation: op, key: key), to: target.replica))
            }
            progressRead(op, into: &effects)
        case .write(_, _, let context), .delete(_, let context):
            counters.writesCoordinated += 1
            var state = store[key] ?? SiblingSet()
            let (version, outcome) = state.write(
                operation.writtenValue, context: context, coordinator: id, timestamp: now,
                policy: configuration.conflictPolicy)
            store[key] = state
            count(outcome)
            let hinted = targets.filter { $0.hintFor != nil }.count
            if hinted > 0 { counters.sloppyWrites += 1 }
            let result = WriteResult(
                key: key, version: version, context: state.context, siblings: state.versions, acknowledgedBy: [],
                hintedCopies: hinted, coordinator: id)
            pending[op] = .write(
                PendingWrite(requester: requester, result: result, targets: targets, acks: [id]))
            for target in targets {
                effects.append(
                    .send(
                        .replicate(operation: op, key: key, state: state, hintFor: target.hintFor),
                        to: target.replica))
            }
            progressWrite(op, into: &effects)
        }
        if pending[op] != nil { armDeadline(op, now: now, into: &effects) }
    }

    /// The replicas to send to besides the coordinator: every owner not
    /// suspected; with a sloppy quorum, for each suspected owner (suspected
    /// for no longer than the hint window) the next unsuspected non-owner on
    /// the ring, as a stand-in with a hint.
    func selectTargets(from extended: [ReplicaID], now: LocalTime) -> [Target] {
        let n = configuration.replicationFactor
        var spares = extended.dropFirst(n).filter { !detector.isSuspected($0, now: now) }[...]
        var targets: [Target] = []
        for owner in extended.prefix(n) where owner != id {
            guard let suspectedFor = detector.suspectedFor(owner, now: now) else {
                targets.append(Target(replica: owner))
                continue
            }
            if configuration.sloppyQuorum, suspectedFor <= configuration.hintWindow, let spare = spares.popFirst() {
                targets.append(Target(replica: spare, hintFor: owner))
            }
        }
        return targets
    }

    mutating func armDeadline(_ op: OperationID, now: LocalTime, into effects: inout [ReplicaEffect]) {
        switch pending[op] {
        case .write(var w):
            w.timerSet = true
            pending[op] = .write(w)
        case .read(var r):
            r.timerSet = true
            pending[op] = .read(r)
        case .forward, nil:
            break
        }
        effects.append(.setTimer(.request(op), at: now + configuration.requestTimeout))
    }

    /// Removes a finished operation and cancels its deadline if one is set.
    mutating func close(_ op: OperationID, timerSet: Bool, into effects: inout [ReplicaEffect]) {
        pending[op] = nil
        if timerSet { effects.append(.cancelTimer(.request(op))) }
    }

    /// Sends the outcome to whoever is waiting.
    func finish(
        _ requester: Requester, _ result: Result<ClientReply, ReplicationError>, into effects: inout [ReplicaEffect]
    ) {
        switch requester {
        case .client(let request):
            effects.append(.respond(ClientResponse(requestID: request, result: result)))
        case .remote(let origin, let operation):
            effects.append(.send(.forwardResult(operation: operation, result: result), to: origin))
        }
    }

    // MARK: Writes

    mutating func acknowledge(_ op: OperationID, from sender: ReplicaID, into effects: inout [ReplicaEffect]) {
        guard case .write(var w) = pending[op], w.targets.contains(where: { $0.replica == sender }),
            !w.acks.contains(sender)
        else { return }
        w.acks.append(sender)
        pending[op] = .write(w)
        progressWrite(op, into: &effects)
    }

    mutating func progressWrite(_ op: OperationID, into effects: inout [ReplicaEffect]) {
        guard case .write(let w) = pending[op], w.acks.count >= configuration.writeQuorum else { return }
        var result = w.result
        result.acknowledgedBy = w.acks.sorted()
        finish(w.requester, .success(.write(result)), into: &effects)
        close(op, timerSet: w.timerSet, into: &effects)
    }

    // MARK: Reads

    mutating func collect(
        _ state: SiblingSet, for op: OperationID, from sender: ReplicaID, into effects: inout [ReplicaEffect]
    ) {
        guard case .read(var r) = pending[op], r.targets.contains(where: { $0.replica == sender }),
            !r.responses.contains(where: { $0.replica == sender })
        else { return }
        r.responses.append(KeyedAnswer(replica: sender, state: state))
        pending[op] = .read(r)
        progressRead(op, into: &effects)
    }

    /// Answers the client once R replicas have; then, with read repair on,
    /// waits for the remaining targets and repairs the stale ones.
    mutating func progressRead(_ op: OperationID, into effects: inout [ReplicaEffect]) {
        guard case .read(var r) = pending[op] else { return }
        if !r.answered && r.responses.count >= configuration.readQuorum {
            r.answered = true
            pending[op] = .read(r)
            let merged = merge(r.responses)
            let result = ReadResult(
                key: r.key, versions: merged.versions, context: merged.context,
                responders: r.responses.map(\.replica).sorted(), coordinator: id)
            finish(r.requester, .success(.read(result)), into: &effects)
        }
        guard r.answered else { return }
        if !configuration.readRepair {
            close(op, timerSet: r.timerSet, into: &effects)
        } else if r.responses.count == 1 + r.targets.count {
            repair(r, into: &effects)
            close(op, timerSet: r.timerSet, into: &effects)
        }
    }

    /// The merge of the answers, in replica order.
    func merge(_ answers: [KeyedAnswer]) -> SiblingSet {
        var merged = SiblingSet()
        for answer in answers.sorted(by: { $0.replica < $1.replica }) {
            merged.merge(answer.state, policy: configuration.conflictPolicy)
        }
        return merged
    }

    /// Read repair: sends the merged state to every owner that answered
    /// with something else (stand-ins answer from hints and are not
    /// repaired; their hints reach the owner by hand-off).
    mutating func repair(_ read: PendingRead, into effects: inout [ReplicaEffect]) {
        let merged = merge(read.responses)
        for answer in read.responses.sorted(by: { $0.replica < $1.replica }) where answer.state != merged {
            let standIn = read.targets.contains { $0.replica == answer.replica && $0.hintFor != nil }
            guard !standIn else { continue }
            counters.readRepairs += 1
            if answer.replica == id {
                mergeIntoStore(key: read.key, state: merged)
            } else {
                effects.append(.send(.readRepair(key: read.key, state: merged), to: answer.replica))
            }
        }
    }

    // MARK: Forwarding

    mutating func relay(
        _ result: Result<ClientReply, ReplicationError>, of op: OperationID, from sender: ReplicaID,
        into effects: inout [ReplicaEffect]
    ) {
        guard case .forward(let f) = pending[op], f.target == sender else { return }
        finish(.client(f.request), result, into: &effects)
        close(op, timerSet: true, into: &effects)
    }

    // MARK: Deadlines

    mutating func expire(_ op: OperationID, into effects: inout [ReplicaEffect]) {
        switch pending[op] {
        case .write(let w):
            counters.requestsTimedOut += 1
            finish(
                w.requester, .failure(.timeout(needed: configuration.writeQuorum, got: w.acks.count)), into: &effects)
        case .read(let r):
            if r.answered {
                if configuration.readRepair { repair(r, into: &effects) }
            } else {
                counters.requestsTimedOut += 1
                finish(
                    r.requester, .failure(.timeout(needed: configuration.readQuorum, got: r.responses.count)),
                    into: &effects)
            }
        case .forward(let f):
            counters.requestsTimedOut += 1
            let quorum = f.operation.isRead ? configuration.readQuorum : configuration.writeQuorum
            finish(.client(f.request), .failure(.timeout(needed: quorum, got: 0)), into: &effects)
        case nil:
            return
        }
        pending[op] = nil
    }
}

extension ClientOperation {
    /// The value a write stores: the bytes, or `nil` (a tombstone) for a
    /// delete; `nil` for a read too.
    var writtenValue: [UInt8]? {
        if case .write(_, let value, _) = self { value } else { nil }
    }
}
