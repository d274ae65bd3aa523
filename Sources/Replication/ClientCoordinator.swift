import EdgeBase

/// A client that coordinates its own requests, as a Dynamo or Cassandra
/// client coordinator does: it sends each request to all N owners of the key
/// and completes on the R-th reply (a read) or the W-th acknowledgement (a
/// write). A sans-I/O state machine, driven like a ``Replica``: every input
/// returns ``ReplicaEffect``s to apply in order (sends, timers, responses).
///
/// With an owner coordinator (``Replica/submit(_:now:)``) the coordinator's
/// own copy is the first reply and its own write the first acknowledgement,
/// so with R = W = 1 a request never waits for the network. With a client
/// coordinator every reply and every acknowledgement crosses the network:
/// this is the model of Bailis et al.'s WARS analysis (PBS, VLDB 2012), whose
/// four legs are the write, its acknowledgement, the read request and the
/// read response.
///
/// Versions: a client write is issued under the coordinator's own actor id
/// (``id``, which must not be a member of the group), with dots numbered
/// 1, 2, 3... across all keys. Each write's causal past covers the
/// coordinator's earlier dots, so a coordinator's writes of one key are in
/// session order: each supersedes the coordinator's earlier writes of the
/// key, as a client that reads its own writes would ask. This keeps the
/// rule of ``SiblingSet`` that an entry `id: n` of a context means "every dot
/// of `id` up to `n` is here or superseded". A driver that recreates a
/// coordinator (a client process restarted without durable state) must give
/// it a new id, or its dots would be reissued.
///
/// The coordinator has no failure detector: it always sends to the N owners
/// (a strict quorum; stand-ins and hints are the owner coordinator's), and a
/// request fails with ``ReplicationError/Kind/timeout`` when R or W answers
/// do not come within ``ReplicationConfiguration/requestTimeout``. With
/// ``ReplicationConfiguration/readRepair`` on, a read lingers after its
/// answer until every owner replied (or the deadline) and sends the merged
/// state to the owners that answered with something else.
///
/// Replicas serve a client coordinator's `replicate`, `readRequest` and
/// `readRepair` messages for keys they own (see
/// ``Replica/receive(_:from:now:)``).
public struct ClientCoordinator: Sendable {
    /// The coordinator's actor id: the replica field of the dots it issues,
    /// and the sender of its messages.
    public let id: ReplicaID
    /// The group's configuration, validated.
    public let configuration: ReplicationConfiguration
    /// The placement ring over the group, as the replicas compute it.
    public let ring: HashRing

    var nextSequence: UInt64 = 0
    var lastDot: UInt64 = 0
    var pending: [OperationID: PendingOperation] = [:]

    /// A coordinator for a group.
    ///
    /// - Parameters:
    ///   - id: the coordinator's actor id; must not be a member of the group.
    ///   - configuration: the group's configuration (the one its replicas run).
    /// - Throws: ``ReplicationConfigurationError`` if the configuration is
    ///   invalid or lists `id` as a member.
    public init(id: ReplicaID, configuration: ReplicationConfiguration) throws(ReplicationConfigurationError) {
        try configuration.validate()
        guard !configuration.group.contains(id) else {
            throw ReplicationConfigurationError(
                .invalidGroup, field: .group,
                message: "lists \(id), the client coordinator being built; a client is not a member")
        }
        self.id = id
        self.configuration = configuration
        self.ring = HashRing(
            members: configuration.group, virtualNodesPerMember: configuration.virtualNodesPerReplica)
    }

    /// The owners of `key`, in preference order: where requests go.
    public func owners(of key: String) -> [ReplicaID] {
        ring.preferenceList(
            for: key, count: configuration.replicationFactor, home: configuration.homePinning.home(of: key))
    }

    /// How many requests are open (a read waiting for its repair included).
    public var pendingOperationCount: Int { pending.count }

    // MARK: Inputs

    /// Starts a request: sends it to every owner of its key and arms its deadline.
    ///
    /// - Parameters:
    ///   - request: the request.
    ///   - now: the client's local clock (a write's timestamp, and the deadline's base).
    /// - Returns: the effects to apply.
    public mutating func submit(_ request: ClientRequest, now: LocalTime) -> [ReplicaEffect] {
        var effects: [ReplicaEffect] = []
        submit(request, now: now, into: &effects)
        return effects
    }

    /// Starts a request; the effects are appended to `effects`.
    public mutating func submit(_ request: ClientRequest, now: LocalTime, into effects: inout [ReplicaEffect]) {
        let operation = request.operation
        let key = operation.key
        let targets = owners(of: key).map { Target(replica: $0) }
        nextSequence += 1
        let op = OperationID(incarnation: 0, sequence: nextSequence)
        switch operation {
        case .read:
            pending[op] = .read(
                PendingRead(requester: .client(request.id), key: key, targets: targets, responses: [], timerSet: true))
            for target in targets { effects.append(.send(.readRequest(operation: op, key: key), to: target.replica)) }
        case .write(_, _, let context), .delete(_, let context):
            lastDot += 1
            var past = context
            if lastDot > 1 { past = past.adding(Dot(replica: id, counter: lastDot - 1)) }
            let version = Version(
                dot: Dot(replica: id, counter: lastDot), past: past, timestamp: now, value: operation.writtenValue)
            let state = SiblingSet(versions: [version], context: version.vector)
            let result = WriteResult(
                key: key, version: version, context: state.context, siblings: [version], acknowledgedBy: [],
                hintedCopies: 0, coordinator: id)
            pending[op] = .write(
                PendingWrite(requester: .client(request.id), result: result, targets: targets, acks: [], timerSet: true))
            for target in targets {
                effects.append(
                    .send(.replicate(operation: op, key: key, state: state, hintFor: nil), to: target.replica))
            }
        }
        effects.append(.setTimer(.request(op), at: now + configuration.requestTimeout))
    }

    /// A reply from a replica arrived: an acknowledgement or a read response.
    /// Anything else, or a reply to an operation no longer open, is ignored.
    ///
    /// - Returns: the effects to apply.
    public mutating func receive(_ message: ReplicaMessage, from sender: ReplicaID, now: LocalTime) -> [ReplicaEffect] {
        var effects: [ReplicaEffect] = []
        receive(message, from: sender, now: now, into: &effects)
        return effects
    }

    /// A reply from a replica arrived; the effects are appended to `effects`.
    public mutating func receive(
        _ message: ReplicaMessage, from sender: ReplicaID, now: LocalTime, into effects: inout [ReplicaEffect]
    ) {
        switch message {
        case .replicateAck(let op):
            guard case .write(var w) = pending[op], w.targets.contains(where: { $0.replica == sender }),
                !w.acks.contains(sender)
            else { return }
            w.acks.append(sender)
            guard w.acks.count >= configuration.writeQuorum else {
                pending[op] = .write(w)
                return
            }
            var result = w.result
            result.acknowledgedBy = w.acks.sorted()
            effects.append(.respond(ClientResponse(requestID: w.request, result: .success(.write(result)))))
            close(op, into: &effects)
        case .readResponse(let op, _, let state):
            guard case .read(var r) = pending[op], r.targets.contains(where: { $0.replica == sender }),
                !r.responses.contains(where: { $0.replica == sender })
            else { return }
            r.responses.append(KeyedAnswer(replica: sender, state: state))
            pending[op] = .read(r)
            progressRead(op, into: &effects)
        default:
            return
        }
    }

    /// A deadline this coordinator set has expired.
    ///
    /// - Returns: the effects to apply: a timeout failure, or (for a read
    ///   already answered) its repair with the replies that came.
    public mutating func timerFired(_ token: TimerToken, now: LocalTime) -> [ReplicaEffect] {
        var effects: [ReplicaEffect] = []
        timerFired(token, now: now, into: &effects)
        return effects
    }

    /// A deadline has expired; the effects are appended to `effects`.
    public mutating func timerFired(_ token: TimerToken, now: LocalTime, into effects: inout [ReplicaEffect]) {
        guard case .request(let op) = token, let operation = pending.removeValue(forKey: op) else { return }
        switch operation {
        case .write(let w):
            effects.append(.respond(ClientResponse(
                requestID: w.request,
                result: .failure(.timeout(needed: configuration.writeQuorum, got: w.acks.count)))))
        case .read(let r):
            if r.answered {
                if configuration.readRepair { repair(r, into: &effects) }
            } else {
                effects.append(.respond(ClientResponse(
                    requestID: r.request,
                    result: .failure(.timeout(needed: configuration.readQuorum, got: r.responses.count)))))
            }
        case .forward:
            return
        }
    }

    // MARK: Reads

    mutating func progressRead(_ op: OperationID, into effects: inout [ReplicaEffect]) {
        guard case .read(var r) = pending[op] else { return }
        if !r.answered && r.responses.count >= configuration.readQuorum {
            r.answered = true
            pending[op] = .read(r)
            let merged = merge(r.responses)
            let result = ReadResult(
                key: r.key, versions: merged.versions, context: merged.context,
                responders: r.responses.map(\.replica).sorted(), coordinator: id)
            effects.append(.respond(ClientResponse(requestID: r.request, result: .success(.read(result)))))
        }
        guard r.answered else { return }
        if !configuration.readRepair {
            close(op, into: &effects)
        } else if r.responses.count == r.targets.count {
            repair(r, into: &effects)
            close(op, into: &effects)
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

    /// Sends the merged state to every owner that answered with something else.
    func repair(_ read: PendingRead, into effects: inout [ReplicaEffect]) {
        let merged = merge(read.responses)
        for answer in read.responses.sorted(by: { $0.replica < $1.replica }) where answer.state != merged {
            effects.append(.send(.readRepair(key: read.key, state: merged), to: answer.replica))
        }
    }

    mutating func close(_ op: OperationID, into effects: inout [ReplicaEffect]) {
        pending[op] = nil
        effects.append(.cancelTimer(.request(op)))
    }
}

extension PendingWrite {
    /// The client request waiting, for a client coordinator's operation.
    var request: ClientRequestID {
        guard case .client(let id) = requester else { preconditionFailure("a client coordinator serves its own client") }
        return id
    }
}

extension PendingRead {
    /// The client request waiting, for a client coordinator's operation.
    var request: ClientRequestID {
        guard case .client(let id) = requester else { preconditionFailure("a client coordinator serves its own client") }
        return id
    }
}
