import EdgeBase
import Metrics
import Replication
import SimKernel
import SimNetwork

/// The probe experiment of ``ProbeSettings`` in the simulator: the
/// replication library's replicas and client coordinators over a star of
/// links, driven event by event.
///
/// Nodes: `replica-0` ... `replica-(n-1)` (replica ids 0..<n), then `writer`
/// and one reader per delay, `reader-0`, `reader-1`...: the reads of a probe
/// at different delays travel different connections, so that order kept per
/// connection does not tie them together (the WARS model draws every read's
/// legs independently). Client coordinators have ids 1000 (the writer) and
/// 1001 + d (reader d). Streams: the network's only
/// (`network/<from>-><to>/latency`).
public struct ProbeWorld {
    /// What a message of the probe world carries.
    public enum Packet: Sendable {
        /// A message between replicas, or between a replica and a client coordinator.
        case message(ReplicaMessage, from: ReplicaID)
        /// A client's request to an owner (owner coordination).
        case request(ClientRequest, client: NodeID)
        /// The owner's answer.
        case response(ClientResponse)
    }

    /// The events of a probe world.
    public enum Event: NetworkEventCarrier, Sendable {
        case network(NetworkEvent)
        case timer(node: Int32, token: TimerToken)
        case probeWrite(probe: Int32)
        case probeRead(probe: Int32, delay: Int32)
        /// ``ProbeSettings/cutWindow`` begins (true) or ends.
        case cut(Bool)
    }

    static let coordinatorBase: Int32 = 1_000

    let settings: ProbeSettings
    var network: Network<Packet>
    var replicas: [Replica]
    /// The writer's and the reader's coordinators (client coordination).
    var coordinators: [ClientCoordinator]
    let writerNode: NodeID
    let readerNodes: [NodeID]
    var timers: [[TimerToken: TimerID]]
    /// Per replica: its connections to the clients.
    let clientConnections: [[ConnectionID]]
    /// For owner coordination: where each open request came from.
    var requester: [ClientRequestID: NodeID] = [:]
    /// The probes' bookkeeping.
    public private(set) var recorder: ProbeRecorder
    var sim: Simulation<Event>?
    let end: SimTime

    /// Builds the world.
    ///
    /// - Throws: ``ReplicationConfigurationError`` for N, R, W that cannot
    ///   run, ``LinkSpecError`` for a leg that cannot be a link.
    public init(settings: ProbeSettings, seed: UInt64) throws {
        self.settings = settings
        let configuration = settings.configuration
        var topology = Topology()
        let replicaNodes = (0..<settings.replicas).map {
            topology.addNode(name: "replica-\($0)", tier: .store, region: 0, store: $0)
        }
        writerNode = topology.addNode(name: "writer", tier: .store, region: 0)
        readerNodes = settings.delays.indices.map { topology.addNode(name: "reader-\($0)", tier: .store, region: 0) }
        func spec(_ latency: Distribution) throws -> LinkSpec {
            try LinkSpec(latency: latency, bandwidth: 1e10, ordering: settings.ordering)
        }
        for i in replicaNodes.indices {
            for j in (i + 1)..<replicaNodes.count {
                topology.connectPeers(replicaNodes[i], replicaNodes[j], spec: try spec(settings.replicaLatency))
            }
        }
        var clientConnections: [[ConnectionID]] = Array(repeating: [], count: replicaNodes.count)
        for (i, node) in replicaNodes.enumerated() {
            clientConnections[i].append(topology.connectPeers(
                writerNode, node, spec: try spec(settings.write), reverse: try spec(settings.ack)))
            for reader in readerNodes {
                clientConnections[i].append(topology.connectPeers(
                    reader, node, spec: try spec(settings.readRequest), reverse: try spec(settings.readResponse)))
            }
        }
        network = Network(topology: topology, streams: RandomStreams(masterSeed: seed))
        replicas = try replicaNodes.map { try Replica(id: ReplicaID($0.index), configuration: configuration) }
        coordinators = try (0...settings.delays.count).map {
            try ClientCoordinator(id: ReplicaID(Self.coordinatorBase + Int32($0)), configuration: configuration)
        }
        timers = Array(repeating: [:], count: topology.nodes.count)
        recorder = ProbeRecorder(delays: settings.delays.map(\.nanoseconds))
        let last = settings.start + settings.probeInterval * Int64(max(0, settings.probes - 1))
        end = SimTime.zero + last + (settings.delays.max() ?? .zero) + .seconds(3)

        var sim = Simulation<Event>(capacity: 1_024)
        if let slow = settings.slowReplica {
            for c in clientConnections[slow.index] { network.degrade(c, Degradation(latencyFactor: slow.factor)) }
        }
        if let cut = settings.cutWindow {
            sim.schedule(.cut(true), at: .zero + cut.from)
            sim.schedule(.cut(false), at: .zero + cut.until)
        }
        self.clientConnections = clientConnections
        for p in 0..<settings.probes {
            sim.schedule(.probeWrite(probe: Int32(p)), at: .zero + settings.start + settings.probeInterval * Int64(p))
        }
        for i in replicas.indices {
            let effects = replicas[i].start(now: .zero)
            apply(effects, at: replicaNodes[i], &sim)
        }
        self.sim = sim
    }

    func local(_ sim: Simulation<Event>) -> LocalTime { LocalTime(nanoseconds: sim.now.nanoseconds) }

    /// Runs every probe and returns the metrics: the probe curve
    /// (``ProbeRecorder/metrics``), then the history checker's.
    ///
    /// - Precondition: called once.
    public mutating func run() -> RunResult {
        guard var s = sim.take() else { preconditionFailure("a probe world runs once") }
        s.run(until: end) { sim, event in handle(event, &sim) }
        let report = HistoryChecker.check(finishedHistory())
        return RunResult(metrics: recorder.metrics + report.metrics, timeseries: [], eventsHandled: s.eventsHandled)
    }

    /// The recorded history, completed with the final state of every probe
    /// key (the merge of every replica's state).
    public func finishedHistory() -> OperationHistory {
        var h = recorder.history
        h.end = end.nanoseconds
        h.lostAfter = 2_000_000_000
        if let cut = settings.cutWindow { h.faultWindows = [(cut.from.nanoseconds, cut.until.nanoseconds)] }
        h.finalVersions = (0..<recorder.probeCount).map { probe in
            var merged = SiblingSet()
            for replica in replicas {
                if let state = replica.state(of: ProbeRecorder.keyName(probe)) {
                    merged.merge(state, policy: settings.configuration.conflictPolicy)
                }
            }
            return WriteValue.writes(in: merged.versions)
        }
        return h
    }

    // MARK: Events

    mutating func handle(_ event: Event, _ sim: inout Simulation<Event>) {
        switch event {
        case .network(let e):
            guard let message = network.handle(e, in: &sim) else { return }
            deliver(message.payload, at: message.destination, &sim)
        case .timer(let node, let token):
            timers[Int(node)][token] = nil
            let n = NodeID(Int(node))
            if let c = coordinatorIndex(of: n) {
                apply(coordinators[c].timerFired(token, now: local(sim)), at: n, &sim)
            } else {
                apply(replicas[Int(node)].timerFired(token, now: local(sim)), at: n, &sim)
            }
        case .cut(let begins):
            for c in clientConnections[settings.cutWindow!.replica] {
                if begins { network.cut(c, at: sim.now) } else { network.heal(c) }
            }
        case .probeWrite:
            let request = recorder.invokeWrite(client: writerNode.index, at: sim.now.nanoseconds)
            submit(request, from: writerNode, &sim)
        case .probeRead(let probe, let delay):
            let reader = readerNodes[Int(delay)]
            let request = recorder.invokeRead(probe: Int(probe), delay: Int(delay), client: reader.index,
                                              at: sim.now.nanoseconds)
            submit(request, from: reader, &sim)
        }
    }

    /// Clients follow the replicas: the writer, then the readers.
    func coordinatorIndex(of node: NodeID) -> Int? {
        Int(node.index) >= replicas.count ? Int(node.index) - replicas.count : nil
    }

    func node(of replica: ReplicaID) -> NodeID {
        replica.rawValue >= Self.coordinatorBase
            ? NodeID(replicas.count + Int(replica.rawValue - Self.coordinatorBase))
            : NodeID(Int(replica.rawValue))
    }

    mutating func submit(_ request: ClientRequest, from client: NodeID, _ sim: inout Simulation<Event>) {
        switch settings.coordinator {
        case .client:
            let c = coordinatorIndex(of: client)!
            apply(coordinators[c].submit(request, now: local(sim)), at: client, &sim)
        case .owner:
            let owner = coordinators[0].owners(of: request.operation.key)[0]
            send(.request(request, client: client), from: client, to: node(of: owner), size: 64 + request.operation.key.utf8.count, &sim)
        }
    }

    mutating func deliver(_ packet: Packet, at node: NodeID, _ sim: inout Simulation<Event>) {
        switch packet {
        case .message(let message, let from):
            if let c = coordinatorIndex(of: node) {
                apply(coordinators[c].receive(message, from: from, now: local(sim)), at: node, &sim)
            } else {
                apply(replicas[Int(node.index)].receive(message, from: from, now: local(sim)), at: node, &sim)
            }
        case .request(let request, let client):
            requester[request.id] = client
            apply(replicas[Int(node.index)].submit(request, now: local(sim)), at: node, &sim)
        case .response(let response):
            completed(response, &sim)
        }
    }

    mutating func completed(_ response: ClientResponse, _ sim: inout Simulation<Event>) {
        let now = sim.now
        guard let probe = recorder.complete(response.requestID, response.result, at: now.nanoseconds) else { return }
        for d in settings.delays.indices {
            sim.schedule(.probeRead(probe: Int32(probe), delay: Int32(d)), at: now + settings.delays[d])
        }
    }

    mutating func apply(_ effects: [ReplicaEffect], at node: NodeID, _ sim: inout Simulation<Event>) {
        let me: ReplicaID = coordinatorIndex(of: node).map { ReplicaID(Self.coordinatorBase + Int32($0)) }
            ?? ReplicaID(node.index)
        for effect in effects {
            switch effect {
            case .send(let message, let to):
                send(.message(message, from: me), from: node, to: self.node(of: to), size: message.encodedSize, &sim)
            case .setTimer(let token, let at):
                if let existing = timers[Int(node.index)][token] { sim.cancel(existing) }
                let fire = SimTime(nanoseconds: max(sim.now.nanoseconds, at.nanoseconds))
                timers[Int(node.index)][token] = sim.scheduleTimer(.timer(node: node.index, token: token), at: fire)
            case .cancelTimer(let token):
                if let existing = timers[Int(node.index)].removeValue(forKey: token) { sim.cancel(existing) }
            case .respond(let response):
                if coordinatorIndex(of: node) != nil {
                    completed(response, &sim)
                } else if let client = requester.removeValue(forKey: response.requestID) {
                    send(.response(response), from: node, to: client, size: 128, &sim)
                }
            }
        }
    }

    mutating func send(_ packet: Packet, from: NodeID, to: NodeID, size: Int, _ sim: inout Simulation<Event>) {
        network.send(Message(source: from, destination: to, size: size, trafficClass: .replication,
                             createdAt: sim.now, payload: packet), in: &sim)
    }
}
