import EdgeBase

/// One replica of the key-value store: a sans-I/O state machine.
///
/// A replica stores the keys the ring gives it, coordinates client requests
/// (sloppy or strict quorums, read repair), holds hints for unreachable
/// owners and hands them off, detects failures by heartbeats, and runs
/// anti-entropy with its peers. It performs no I/O and reads no clock: the
/// driver feeds it inputs, each with the node's current local time, and
/// applies the effects each input returns, in order.
///
/// ```swift
/// var replica = try Replica(id: 1, configuration: config)
/// apply(replica.start(now: clock()))
/// // for every input:
/// apply(replica.receive(message, from: sender, now: clock()))
/// apply(replica.timerFired(token, now: clock()))
/// apply(replica.submit(request, now: clock()))
/// ```
///
/// State is durable or volatile, as on a real node: ``crash()`` keeps the
/// stored keys, the hints, the incarnation number and the counters, and
/// discards pending requests, failure-detector state, hint hand-off
/// progress and timers; ``restart(now:)`` returns the effects that re-arm
/// the timers. The driver must drop a crashed replica's timers and the
/// messages addressed to it while it is down.
///
/// Determinism: the same inputs in the same order give the same effects in
/// every process. Whenever the replica visits keys, replicas, hints or
/// operations it does so in sorted or arrival order, never in hash order.
public struct Replica: Sendable {
    /// Lifecycle.
    enum Phase: Hashable, Sendable {
        case created, running, crashed
    }

    /// This replica's id.
    public let id: ReplicaID
    /// The configuration, validated.
    public let configuration: ReplicationConfiguration
    /// The placement ring over the group.
    public let ring: HashRing
    /// The other members, sorted.
    let peers: [ReplicaID]

    // MARK: Durable state

    /// Stored keys.
    var store: [String: SiblingSet] = [:]
    /// Hints held as a stand-in.
    public internal(set) var hintStore = HintStore()
    /// Bumped by every ``restart(now:)``.
    public private(set) var incarnation: UInt32 = 0
    /// Event counts (measurements, kept across crashes).
    public internal(set) var counters = ReplicaCounters()

    // MARK: Volatile state

    var phase = Phase.created
    var detector: FailureDetector
    var nextSequence: UInt64 = 0
    var pending: [OperationID: PendingOperation] = [:]
    var antiEntropyCursor = 0
    var hintsInFlight: [UInt64: LocalTime] = [:]

    /// A replica that has not started yet.
    ///
    /// - Parameters:
    ///   - id: this replica's id; must be a member of the group.
    ///   - configuration: the group's configuration.
    /// - Throws: ``ReplicationConfigurationError`` if the configuration is
    ///   invalid or `id` is not in its group.
    public init(id: ReplicaID, configuration: ReplicationConfiguration) throws(ReplicationConfigurationError) {
        try configuration.validate()
        guard configuration.group.contains(id) else {
            throw ReplicationConfigurationError(
                .unknownReplica, field: .group, message: "does not list replica \(id), the replica being built")
        }
        self.id = id
        self.configuration = configuration
        self.ring = HashRing(
            members: configuration.group, virtualNodesPerMember: configuration.virtualNodesPerReplica)
        self.peers = configuration.group.sorted().filter { $0 != id }
        self.detector = FailureDetector(
            members: peers, suspicionTimeout: configuration.suspicionTimeout, now: .zero)
    }

    // MARK: Lifecycle

    /// Whether the replica is running (started and not crashed).
    public var isRunning: Bool { phase == .running }

    /// Boots a new replica.
    ///
    /// - Parameter now: the local clock.
    /// - Returns: the effects that arm the periodic timers.
    /// - Precondition: the replica was never started.
    public mutating func start(now: LocalTime) -> [ReplicaEffect] {
        precondition(phase == .created, "start a replica once; use restart(now:) after a crash")
        return boot(now: now)
    }

    /// Crashes the replica: volatile state is gone, durable state stays.
    ///
    /// Pending operations vanish without an answer, as they would with the
    /// process. For the driver's bookkeeping the ids of the client requests
    /// that were open here are returned (a live driver would see their
    /// connections close); forwarded requests from other replicas simply
    /// time out at their origin. Inputs other than ``restart(now:)`` are
    /// ignored until then (client requests are refused with
    /// ``ReplicationError/Kind/replicaDown``).
    ///
    /// - Returns: the client requests abandoned, in the order they arrived.
    @discardableResult
    public mutating func crash() -> [ClientRequestID] {
        guard phase == .running else { return [] }
        let abandoned = pending.keys.sorted().compactMap { operation -> ClientRequestID? in
            if case .client(let request) = pending[operation]!.requester { return request }
            return nil
        }
        pending = [:]
        hintsInFlight = [:]
        nextSequence = 0
        antiEntropyCursor = 0
        phase = .crashed
        return abandoned
    }

    /// Restarts a crashed replica with its durable state.
    ///
    /// The incarnation goes up, so that replies and timers addressed to the
    /// previous incarnation are ignored; the failure detector trusts every
    /// member for one suspicion timeout.
    ///
    /// - Parameter now: the local clock.
    /// - Returns: the effects that re-arm the periodic timers.
    /// - Precondition: the replica is crashed.
    public mutating func restart(now: LocalTime) -> [ReplicaEffect] {
        precondition(phase == .crashed, "only a crashed replica restarts")
        incarnation += 1
        return boot(now: now)
    }

    private mutating func boot(now: LocalTime) -> [ReplicaEffect] {
        phase = .running
        detector = FailureDetector(members: peers, suspicionTimeout: configuration.suspicionTimeout, now: now)
        counters.hintBacklog = hintStore.count
        var effects: [ReplicaEffect] = [.setTimer(.heartbeat(incarnation: incarnation), at: now)]
        if configuration.antiEntropy {
            effects.append(
                .setTimer(.antiEntropy(incarnation: incarnation), at: now + configuration.antiEntropyPeriod))
        }
        return effects
    }

    // MARK: Inputs

    /// A client asks something of this replica.
    ///
    /// The replica coordinates the request if it owns the key, or forwards
    /// it to an owner it does not suspect. The answer comes as a
    /// ``ReplicaEffect/respond(_:)`` effect, now (a quorum of one, or a
    /// refusal) or from a later input.
    ///
    /// - Parameters:
    ///   - request: the request.
    ///   - now: the local clock.
    /// - Returns: the effects to apply.
    public mutating func submit(_ request: ClientRequest, now: LocalTime) -> [ReplicaEffect] {
        var effects: [ReplicaEffect] = []
        submit(request, now: now, into: &effects)
        return effects
    }

    /// A client asks something of this replica; the effects are appended
    /// to `effects` (a buffer the driver may reuse between inputs).
    public mutating func submit(_ request: ClientRequest, now: LocalTime, into effects: inout [ReplicaEffect]) {
        guard phase == .running else {
            effects.append(.respond(ClientResponse(requestID: request.id, result: .failure(.replicaDown))))
            return
        }
        coordinate(request.operation, for: .client(request.id), now: now, mayForward: true, into: &effects)
    }

    /// A message from another replica arrived.
    ///
    /// Any message counts as a sign of life of its sender. A sender outside
    /// the group is a ``ClientCoordinator``: its `replicate`, `readRequest`
    /// and `readRepair` messages are served for keys this replica owns, and
    /// everything else it sends is ignored. Messages to a replica that is
    /// not running are ignored.
    ///
    /// - Parameters:
    ///   - message: the message.
    ///   - sender: the replica that sent it.
    ///   - now: the local clock.
    /// - Returns: the effects to apply.
    public mutating func receive(_ message: ReplicaMessage, from sender: ReplicaID, now: LocalTime) -> [ReplicaEffect] {
        var effects: [ReplicaEffect] = []
        receive(message, from: sender, now: now, into: &effects)
        return effects
    }

    /// A message from another replica arrived; the effects are appended to
    /// `effects` (a buffer the driver may reuse between inputs).
    public mutating func receive(
        _ message: ReplicaMessage, from sender: ReplicaID, now: LocalTime, into effects: inout [ReplicaEffect]
    ) {
        guard phase == .running, sender != id else { return }
        guard ring.contains(sender) else {
            serveClientCoordinator(message, from: sender, into: &effects)
            return
        }
        detector.heard(from: sender, at: now)
        switch message {
        case .heartbeat:
            break
        case .replicate(let operation, let key, let state, let hintFor):
            if let owner = hintFor {
                hintStore.add(owner: owner, key: key, state: state, now: now)
                counters.hintsStored += 1
                counters.hintBacklog = hintStore.count
            } else {
                mergeIntoStore(key: key, state: state)
            }
            effects.append(.send(.replicateAck(operation: operation), to: sender))
        case .replicateAck(let operation):
            acknowledge(operation, from: sender, into: &effects)
        case .readRequest(let operation, let key):
            effects.append(.send(.readResponse(operation: operation, key: key, state: localView(of: key)), to: sender))
        case .readResponse(let operation, _, let state):
            collect(state, for: operation, from: sender, into: &effects)
        case .readRepair(let key, let state):
            mergeIntoStore(key: key, state: state)
        case .forward(let operation, let request):
            coordinate(request, for: .remote(sender, operation), now: now, mayForward: false, into: &effects)
        case .forwardResult(let operation, let result):
            relay(result, of: operation, from: sender, into: &effects)
        case .hint(let hintID, let key, let state):
            mergeIntoStore(key: key, state: state)
            effects.append(.send(.hintAck(id: hintID), to: sender))
        case .hintAck(let hintID):
            hintAcknowledged(hintID)
        case .antiEntropyDigest(let entries):
            answerDigest(entries, from: sender, into: &effects)
        case .antiEntropyReply(let states, let wanted):
            applyReply(states: states, wanted: wanted, from: sender, into: &effects)
        case .antiEntropyPush(let states):
            applyPush(states, from: sender)
        }
    }

    /// A timer this replica set has expired.
    ///
    /// Timers from an earlier incarnation, or for operations already
    /// finished, are ignored.
    ///
    /// - Parameters:
    ///   - token: the timer's token.
    ///   - now: the local clock.
    /// - Returns: the effects to apply.
    public mutating func timerFired(_ token: TimerToken, now: LocalTime) -> [ReplicaEffect] {
        var effects: [ReplicaEffect] = []
        timerFired(token, now: now, into: &effects)
        return effects
    }

    /// A timer this replica set has expired; the effects are appended to
    /// `effects` (a buffer the driver may reuse between inputs).
    public mutating func timerFired(_ token: TimerToken, now: LocalTime, into effects: inout [ReplicaEffect]) {
        guard phase == .running else { return }
        switch token {
        case .heartbeat(let generation):
            guard generation == incarnation else { break }
            for peer in peers { effects.append(.send(.heartbeat(incarnation: incarnation), to: peer)) }
            handOffHints(now: now, into: &effects)
            effects.append(.setTimer(token, at: now + configuration.heartbeatInterval))
        case .antiEntropy(let generation):
            guard generation == incarnation, configuration.antiEntropy else { break }
            startAntiEntropyRound(now: now, into: &effects)
            effects.append(.setTimer(token, at: now + configuration.antiEntropyPeriod))
        case .request(let operation):
            expire(operation, into: &effects)
        }
    }

    // MARK: Inspection

    /// This replica's stored state of `key` (hints excluded), if any.
    public func state(of key: String) -> SiblingSet? { store[key] }

    /// The keys this replica stores, sorted.
    public var storedKeys: [String] { store.keys.sorted() }

    /// The owners of `key`: the first N members of its preference list
    /// (its home first, when pinned).
    public func owners(of key: String) -> [ReplicaID] {
        ring.preferenceList(
            for: key, count: configuration.replicationFactor, home: configuration.homePinning.home(of: key))
    }

    /// Whether this replica's failure detector suspects `member` at `now`.
    public func suspects(_ member: ReplicaID, now: LocalTime) -> Bool {
        detector.isSuspected(member, now: now)
    }

    /// How many coordinated or forwarded operations are open.
    public var pendingOperationCount: Int { pending.count }

    // MARK: Shared helpers

    /// The whole preference list of `key`: owners first, then every other
    /// member in ring order (the stand-in candidates).
    func extendedPreferenceList(for key: String) -> [ReplicaID] {
        ring.preferenceList(for: key, count: ring.members.count, home: configuration.homePinning.home(of: key))
    }

    /// What this replica knows of `key`: its stored state merged with any
    /// hints it holds for the key.
    func localView(of key: String) -> SiblingSet {
        var view = store[key] ?? SiblingSet()
        for hinted in hintStore.states(of: key) { view.merge(hinted, policy: configuration.conflictPolicy) }
        return view
    }

    /// Merges `state` into the stored state of `key` and counts what the
    /// policy decided.
    @discardableResult
    mutating func mergeIntoStore(key: String, state: SiblingSet) -> SiblingSet.Outcome {
        var current = store[key] ?? SiblingSet()
        let outcome = current.merge(state, policy: configuration.conflictPolicy)
        if outcome.changed { store[key] = current }
        count(outcome)
        return outcome
    }

    mutating func count(_ outcome: SiblingSet.Outcome) {
        counters.conflictsDetected += outcome.conflictsDetected
        counters.versionsDiscardedByTimestamp += outcome.discardedByTimestamp
    }

    mutating func nextOperation() -> OperationID {
        nextSequence += 1
        return OperationID(incarnation: incarnation, sequence: nextSequence)
    }
}
