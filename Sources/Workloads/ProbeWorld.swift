import EdgeBase
import Metrics
import Replication
import Scenario
import SimKernel
import SimNetwork

/// Where the probe experiment's roles sit in a topology: the replicas (in
/// replica-id order), the writer, and the readers. The read at delay index d
/// is issued by `readers[d mod readers.count]`.
public struct ProbeLayout: Sendable {
    public var topology: Topology
    public var replicas: [NodeID]
    public var writer: NodeID
    public var readers: [NodeID]

    public init(topology: Topology, replicas: [NodeID], writer: NodeID, readers: [NodeID]) {
        precondition(!replicas.isEmpty && !readers.isEmpty, "a probe layout needs replicas and readers")
        self.topology = topology
        self.replicas = replicas
        self.writer = writer
        self.readers = readers
    }

    /// The star of ``ProbeSettings``: `replica-0` ... `replica-(n-1)`, then
    /// `writer` and one reader per delay, `reader-0`, `reader-1`..., each
    /// client linked directly to every replica (write and ack legs for the
    /// writer, read-request and read-response legs for the readers), the
    /// replicas pairwise over ``ProbeSettings/replicaLatency``.
    ///
    /// - Throws: ``LinkSpecError`` for a leg that cannot be a link.
    public static func star(_ settings: ProbeSettings) throws(LinkSpecError) -> ProbeLayout {
        var topology = Topology()
        let replicaNodes = (0..<settings.replicas).map {
            topology.addNode(name: "replica-\($0)", tier: .store, region: 0, store: $0)
        }
        let writer = topology.addNode(name: "writer", tier: .store, region: 0)
        let readers = settings.delays.indices.map { topology.addNode(name: "reader-\($0)", tier: .store, region: 0) }
        func spec(_ latency: Distribution) throws(LinkSpecError) -> LinkSpec {
            try LinkSpec(latency: latency, bandwidth: 1e10, ordering: settings.ordering)
        }
        for i in replicaNodes.indices {
            for j in (i + 1)..<replicaNodes.count {
                topology.connectPeers(replicaNodes[i], replicaNodes[j], spec: try spec(settings.replicaLatency))
            }
        }
        for node in replicaNodes {
            topology.connectPeers(writer, node, spec: try spec(settings.write), reverse: try spec(settings.ack))
            for reader in readers {
                topology.connectPeers(reader, node, spec: try spec(settings.readRequest), reverse: try spec(settings.readResponse))
            }
        }
        return ProbeLayout(topology: topology, replicas: replicaNodes, writer: writer, readers: readers)
    }
}

/// The probe experiment of ``ProbeSettings`` in the simulator: the
/// replication library's replicas and client coordinators over a topology,
/// driven event by event.
///
/// The topology is the star of ``ProbeLayout/star(_:)``, or a scenario's
/// (`workload: {kind: keyvalue, mode: probe}`, ``init(scenario:seed:)``),
/// with the scenario's faults. The reads of a probe at different delays
/// should travel different connections (one reader per delay), so that order
/// kept per connection does not tie them together (the WARS model draws
/// every read's legs independently). Client coordinators have ids 1000 (the
/// writer) and 1001 + i (reader i). Streams: the network's only
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
        /// The scenario's fault action of this index.
        case fault(action: Int32)
        /// After a heal, once a second until every probe key's owners agree.
        case convergenceCheck
    }

    static let coordinatorBase: Int32 = 1_000

    let settings: ProbeSettings
    var network: Network<Packet>
    var replicas: [Replica]
    /// The writer's and the readers' coordinators (client coordination).
    var coordinators: [ClientCoordinator]
    /// Replica i's node.
    let replicaNodes: [NodeID]
    /// The writer's node, then the readers'.
    let clientNodes: [NodeID]
    /// Per node: its replica index, if it is a replica.
    let replicaIndex: [Int?]
    /// Per node: its client index (0 the writer, 1 + i reader i), if it is a client.
    let clientIndex: [Int?]
    var timers: [[TimerToken: TimerID]]
    /// Per replica: its direct connections to the clients.
    let clientConnections: [[ConnectionID]]
    /// For owner coordination: where each open request came from.
    var requester: [ClientRequestID: NodeID] = [:]
    /// The probes' bookkeeping.
    public private(set) var recorder: ProbeRecorder
    var sim: Simulation<Event>?
    let end: SimTime
    /// The scenario's faults, resolved.
    let timeline: FaultTimeline?
    var partitions: [Int: PartitionID] = [:]
    /// The windows in which a fault held, for the history checker.
    let faultWindows: [(start: Int64, end: Int64)]
    /// The end of the last cut or partition, and the first check after it
    /// at which every probe key's owners agreed.
    var lastHeal: SimTime?
    var convergedAt: SimTime?
    var convergenceChecking = false

    /// Builds the world on the star of ``ProbeLayout/star(_:)``.
    ///
    /// - Throws: ``ReplicationConfigurationError`` for N, R, W that cannot
    ///   run, ``LinkSpecError`` for a leg that cannot be a link.
    public init(settings: ProbeSettings, seed: UInt64) throws {
        try self.init(settings: settings, layout: try ProbeLayout.star(settings), timeline: nil, end: nil, seed: seed)
    }

    /// Builds the world of a scenario whose workload is the key-value probe
    /// (`workload: {kind: keyvalue, mode: probe}`): its topology, its
    /// `replication:` section (N, R, W, coordinator and the library's knobs,
    /// the group being `workload.replicas`), its faults, and the run ending
    /// at its duration.
    ///
    /// - Precondition: the scenario was validated, and its workload is the probe.
    /// - Throws: ``ReplicationConfigurationError``, ``LinkSpecError``.
    public init(scenario: Scenario, seed: UInt64) throws {
        let k = scenario.workload.keyValue
        guard scenario.workload.kind == .keyvalue, k.mode == .probe, let section = scenario.replication else {
            preconditionFailure("a probe world runs the key-value workload's probe mode with replication")
        }
        let topology = try scenario.topology.build()
        func node(_ name: String) -> NodeID {
            guard let id = topology.node(named: name) else { preconditionFailure("unknown node \(name)") }
            return id
        }
        var settings = ProbeSettings(leg: try .constant(0))
        settings.replicas = k.replicas.count
        settings.replicationFactor = section.configuration.replicationFactor
        settings.readQuorum = section.configuration.readQuorum
        settings.writeQuorum = section.configuration.writeQuorum
        settings.coordinator = section.coordinator
        settings.readRepair = section.configuration.readRepair
        settings.library = section.configuration
        settings.probes = k.probes
        settings.probeInterval = k.probeInterval
        settings.start = k.probeStart
        settings.delays = k.probeDelays
        let layout = ProbeLayout(topology: topology, replicas: k.replicas.map(node), writer: node(k.writers[0]),
                                 readers: k.readers.map(node))
        let end = SimTime.zero + scenario.duration
        try self.init(settings: settings, layout: layout,
                      timeline: FaultTimeline(scenario.faults, topology: topology, end: end), end: end, seed: seed)
    }

    init(settings: ProbeSettings, layout: ProbeLayout, timeline: FaultTimeline?, end: SimTime?, seed: UInt64) throws {
        self.settings = settings
        let configuration = settings.configuration
        let topology = layout.topology
        replicaNodes = layout.replicas
        clientNodes = [layout.writer] + layout.readers
        var replicaIndex: [Int?] = Array(repeating: nil, count: topology.nodes.count)
        var clientIndex: [Int?] = Array(repeating: nil, count: topology.nodes.count)
        for (i, n) in replicaNodes.enumerated() { replicaIndex[Int(n.index)] = i }
        for (i, n) in clientNodes.enumerated() { clientIndex[Int(n.index)] = i }
        self.replicaIndex = replicaIndex
        self.clientIndex = clientIndex
        var clientConnections: [[ConnectionID]] = Array(repeating: [], count: replicaNodes.count)
        for c in topology.connections {
            if let r = replicaIndex[Int(c.a.index)], clientIndex[Int(c.b.index)] != nil { clientConnections[r].append(c.id) }
            if let r = replicaIndex[Int(c.b.index)], clientIndex[Int(c.a.index)] != nil { clientConnections[r].append(c.id) }
        }
        network = Network(topology: topology, streams: RandomStreams(masterSeed: seed))
        replicas = try replicaNodes.indices.map { try Replica(id: ReplicaID(Int32($0)), configuration: configuration) }
        coordinators = try clientNodes.indices.map {
            try ClientCoordinator(id: ReplicaID(Self.coordinatorBase + Int32($0)), configuration: configuration)
        }
        timers = Array(repeating: [:], count: topology.nodes.count)
        recorder = ProbeRecorder(delays: settings.delays.map(\.nanoseconds))
        let last = settings.start + settings.probeInterval * Int64(max(0, settings.probes - 1))
        self.end = end ?? SimTime.zero + last + (settings.delays.max() ?? .zero) + .seconds(3)
        self.timeline = timeline

        var sim = Simulation<Event>(capacity: 1_024)
        if let slow = settings.slowReplica {
            for c in clientConnections[slow.index] { network.degrade(c, Degradation(latencyFactor: slow.factor)) }
        }
        var windows: [(start: Int64, end: Int64)] = []
        if let cut = settings.cutWindow {
            sim.schedule(.cut(true), at: .zero + cut.from)
            sim.schedule(.cut(false), at: .zero + cut.until)
            windows.append((cut.from.nanoseconds, cut.until.nanoseconds))
        }
        if let timeline {
            for (i, action) in timeline.actions.enumerated() where action.at <= self.end {
                sim.schedule(.fault(action: Int32(i)), at: action.at)
            }
            windows += timeline.windows(end: self.end)
        }
        faultWindows = windows
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
        h.faultWindows = faultWindows
        h.lastHeal = lastHeal?.nanoseconds
        h.convergedAt = convergedAt?.nanoseconds
        h.divergentKeysAtEnd = divergentKeys()
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
            } else if let r = replicaIndex[Int(node)] {
                apply(replicas[r].timerFired(token, now: local(sim)), at: n, &sim)
            }
        case .cut(let begins):
            for c in clientConnections[settings.cutWindow!.replica] {
                if begins { network.cut(c, at: sim.now) } else { network.heal(c) }
            }
            if !begins { healed(&sim) }
        case .convergenceCheck:
            if divergentKeys() == 0 {
                convergedAt = sim.now
                convergenceChecking = false
            } else if sim.now + .seconds(1) <= end {
                sim.schedule(.convergenceCheck, at: sim.now + .seconds(1))
            } else {
                convergenceChecking = false
            }
        case .probeWrite:
            let request = recorder.invokeWrite(client: clientNodes[0].index, at: sim.now.nanoseconds)
            submit(request, from: clientNodes[0], &sim)
        case .fault(let index):
            applyFault(Int(index), &sim)
        case .probeRead(let probe, let delay):
            let reader = clientNodes[1 + Int(delay) % (clientNodes.count - 1)]
            let request = recorder.invokeRead(probe: Int(probe), delay: Int(delay), client: reader.index,
                                              at: sim.now.nanoseconds)
            submit(request, from: reader, &sim)
        }
    }

    /// The client index of a node: 0 the writer, 1 + i reader i.
    func coordinatorIndex(of node: NodeID) -> Int? { clientIndex[Int(node.index)] }

    func node(of replica: ReplicaID) -> NodeID {
        replica.rawValue >= Self.coordinatorBase
            ? clientNodes[Int(replica.rawValue - Self.coordinatorBase)]
            : replicaNodes[Int(replica.rawValue)]
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
            } else if let r = replicaIndex[Int(node.index)] {
                apply(replicas[r].receive(message, from: from, now: local(sim)), at: node, &sim)
            }
        case .request(let request, let client):
            guard let r = replicaIndex[Int(node.index)] else { return }
            requester[request.id] = client
            apply(replicas[r].submit(request, now: local(sim)), at: node, &sim)
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
            ?? ReplicaID(Int32(replicaIndex[Int(node.index)]!))
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

extension ProbeWorld {
    /// Applies the scenario's fault action `index`: links and partitions on
    /// the network; a crash stops the node and, for a replica, loses its
    /// volatile state and timers until its restart.
    mutating func applyFault(_ index: Int, _ sim: inout Simulation<Event>) {
        let now = sim.now
        switch timeline!.actions[index].action {
        case .cut(let c): network.cut(c, at: now)
        case .heal(let c):
            network.heal(c)
            healed(&sim)
        case .partition(let fault, let a, let b): partitions[fault] = network.partition(a, b, at: now)
        case .healPartition(let fault):
            if let id = partitions.removeValue(forKey: fault) { network.heal(id) }
            healed(&sim)
        case .crash(let node):
            network.crash(node, at: now)
            let n = Int(node.index)
            // Cancelling in any order removes the same set; sorted all the same.
            for token in timers[n].keys.sorted(by: { $0.description < $1.description }) { sim.cancel(timers[n][token]!) }
            timers[n] = [:]
            if let r = replicaIndex[n] { _ = replicas[r].crash() }
        case .restart(let node):
            network.restart(node)
            if let r = replicaIndex[Int(node.index)] { apply(replicas[r].restart(now: local(sim)), at: node, &sim) }
        case .degrade(let c, let d): network.degrade(c, d)
        case .restore(let c): network.restore(c)
        case .clock: break  // the probe world reads true time (validation warns)
        }
    }
}

extension ProbeWorld {
    /// A cut or partition ended now: convergence is measured from here, by a
    /// check now and once a second until the owners of every probe key agree
    /// (as the retail world's driver checks, docs/METRICS.md).
    mutating func healed(_ sim: inout Simulation<Event>) {
        lastHeal = sim.now
        convergedAt = nil
        if !convergenceChecking {
            convergenceChecking = true
            sim.schedule(.convergenceCheck, at: sim.now)
        }
    }

    /// Probe keys written so far whose owners hold different states (a
    /// missing state differs from any other).
    func divergentKeys() -> Int {
        var count = 0
        for probe in 0..<recorder.probeCount {
            let key = ProbeRecorder.keyName(probe)
            let digests = coordinators[0].owners(of: key).map { replicas[Int($0.rawValue)].state(of: key)?.digest }
            if digests.contains(where: { $0 != digests[0] }) { count += 1 }
        }
        return count
    }
}
