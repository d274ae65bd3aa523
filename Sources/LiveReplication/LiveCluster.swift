import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import Replication
import SimKernel
import Workloads

/// A fault of a live run: replica `replica` cut off from every client
/// (writer and readers, both ways) from `from` until `until` after the
/// start; the same fault as the simulated probe world's.
public typealias LiveCut = ProbeCut

/// A fault of a live run: replica `replica`'s event loop stops serving at
/// `at` (its connections close, its timers and volatile state go, as in a
/// process crash) and it restarts with its durable state at `restartAt`.
public struct LiveCrash: Sendable, Hashable {
    public var replica: Int
    public var at: SimDuration
    public var restartAt: SimDuration
    public init(replica: Int, at: SimDuration, restartAt: SimDuration) {
        self.replica = replica
        self.at = at
        self.restartAt = restartAt
    }
}

/// The probe experiment of ``ProbeSettings`` on real sockets: the unchanged
/// ``Replica`` state machines and ``ClientCoordinator``s, one event loop
/// each, talking TCP over 127.0.0.1 with real timers and the real clock.
///
/// Every node listens on an ephemeral loopback port and opens one connection
/// to each node it sends to, so each direction of each pair is its own
/// connection, ordered as TCP orders it. A delay stage at the head of each
/// connection's pipeline (``DelayHandler``) holds every frame for a latency
/// drawn from the leg's distribution, never releasing a frame before an
/// earlier one of the same connection, and drops frames while the pair is
/// cut. Latencies are drawn from SimKernel streams named
/// `live/<from>-><to>/latency`; the run is not reproducible to the byte
/// (the kernel schedules the loops), only statistically.
///
/// The operations are recorded by a ``ProbeRecorder`` in the same
/// ``OperationHistory`` format as the simulator's, times in nanoseconds of
/// the monotonic clock since the start, and judged by the ``HistoryChecker``.
public final class LiveCluster: @unchecked Sendable {
    let settings: ProbeSettings
    let cut: LiveCut?
    let crash: LiveCrash?
    let seed: UInt64
    let group: MultiThreadedEventLoopGroup
    var nodes: [LiveNode] = []
    let recorder: NIOLockedValueBox<ProbeRecorder>
    let cuts = NIOLockedValueBox<Set<Pair>>([])
    let ports = NIOLockedValueBox<[Int]>([])
    var start = NIODeadline.now()

    struct Pair: Hashable {
        var a: Int
        var b: Int
    }

    static let coordinatorBase: Int32 = 1_000

    /// A cluster, not started.
    public init(settings: ProbeSettings, cut: LiveCut? = nil, crash: LiveCrash? = nil, seed: UInt64 = 1) {
        self.settings = settings
        self.cut = cut
        self.crash = crash
        self.seed = seed
        let count = settings.replicas + 1 + settings.delays.count
        group = MultiThreadedEventLoopGroup(numberOfThreads: count)
        recorder = NIOLockedValueBox(ProbeRecorder(delays: settings.delays.map(\.nanoseconds)))
    }

    /// Node index of a replica id (replicas first, then the writer and the readers).
    func index(of id: ReplicaID) -> Int {
        id.rawValue >= Self.coordinatorBase ? settings.replicas + Int(id.rawValue - Self.coordinatorBase) : Int(id.rawValue)
    }

    func id(of index: Int) -> ReplicaID {
        index < settings.replicas ? ReplicaID(Int32(index)) : ReplicaID(Self.coordinatorBase + Int32(index - settings.replicas))
    }

    /// The latency of the leg from node `a` to node `b`.
    func leg(from a: Int, to b: Int) -> Distribution {
        let n = settings.replicas
        switch (a < n, b < n) {
        case (true, true): return settings.replicaLatency
        case (false, true): return a == n ? settings.write : settings.readRequest
        case (true, false): return b == n ? settings.ack : settings.readResponse
        case (false, false): return settings.replicaLatency
        }
    }

    func isCut(_ a: Int, _ b: Int) -> Bool {
        cuts.withLockedValue { $0.contains(Pair(a: min(a, b), b: max(a, b))) }
    }

    /// Nanoseconds of the monotonic clock since the start.
    var elapsed: Int64 { Int64(NIODeadline.now().uptimeNanoseconds) - Int64(start.uptimeNanoseconds) }

    func deadline(_ d: SimDuration) -> NIODeadline { start + .nanoseconds(d.nanoseconds) }

    /// Runs every probe, stops every loop and connection it started, and
    /// returns the probe curve and the history checker's metrics.
    ///
    /// - Throws: a socket error when a node cannot listen on loopback.
    public func run() throws -> (metrics: [MetricValue], history: OperationHistory) {
        defer { try? group.syncShutdownGracefully() }
        let configuration = settings.configuration
        let count = settings.replicas + 1 + settings.delays.count
        for i in 0..<count {
            let role: LiveNode.Role = i < settings.replicas
                ? .replica(try Replica(id: id(of: i), configuration: configuration))
                : .client(try ClientCoordinator(id: id(of: i), configuration: configuration))
            nodes.append(LiveNode(index: i, id: id(of: i), role: role, loop: group.next(), cluster: self))
        }
        var bound: [Int] = []
        for node in nodes { bound.append(try node.listen(port: 0).wait()) }
        ports.withLockedValue { $0 = bound }
        start = NIODeadline.now()
        for node in nodes where node.index < settings.replicas {
            try node.loop.submit { node.boot() }.wait()
        }
        // Probes, faults, and the end.
        let writer = nodes[settings.replicas]
        for p in 0..<settings.probes {
            let at = deadline(settings.start + settings.probeInterval * Int64(p))
            writer.loop.scheduleTask(deadline: at) { writer.probeWrite() }
        }
        if let cut {
            let clients = Array(settings.replicas..<count)
            group.next().scheduleTask(deadline: deadline(cut.from)) {
                self.cuts.withLockedValue { set in for c in clients { set.insert(Pair(a: cut.replica, b: c)) } }
            }
            group.next().scheduleTask(deadline: deadline(cut.until)) {
                self.cuts.withLockedValue { set in for c in clients { set.remove(Pair(a: cut.replica, b: c)) } }
            }
        }
        if let crash {
            let node = nodes[crash.replica]
            node.loop.scheduleTask(deadline: deadline(crash.at)) { node.crash() }
            node.loop.scheduleTask(deadline: deadline(crash.restartAt)) { node.restart() }
        }
        let last = settings.start + settings.probeInterval * Int64(max(0, settings.probes - 1))
        let end = last + (settings.delays.max() ?? .zero) + .seconds(2)
        try group.next().scheduleTask(deadline: deadline(end)) {}.futureResult.wait()

        // The final state, then stop everything.
        var states: [[String: SiblingSet]] = []
        let probes = recorder.withLockedValue { $0.probeCount }
        for node in nodes.prefix(settings.replicas) {
            states.append(try node.loop.submit { node.states(probes: probes) }.wait())
        }
        for node in nodes { try node.loop.submit { node.stop() }.wait() }

        var history = recorder.withLockedValue { $0.history }
        history.end = elapsed
        history.lostAfter = 2_000_000_000
        if let cut { history.faultWindows = [(cut.from.nanoseconds, cut.until.nanoseconds)] }
        history.finalVersions = (0..<probes).map { p in
            var merged = SiblingSet()
            for s in states { if let state = s[ProbeRecorder.keyName(p)] { merged.merge(state, policy: configuration.conflictPolicy) } }
            return WriteValue.writes(in: merged.versions)
        }
        // Keys whose owners hold different states at the end. Convergence
        // after the heal is not measured live (no periodic check runs), so
        // the history gets no heal time and the checker reports it undefined.
        let ring = try ClientCoordinator(id: ReplicaID(Self.coordinatorBase - 1), configuration: configuration)
        history.divergentKeysAtEnd = (0..<probes).filter { p in
            let key = ProbeRecorder.keyName(p)
            let digests = ring.owners(of: key).map { states[Int($0.rawValue)][key]?.digest }
            return digests.contains { $0 != digests[0] }
        }.count
        let report = HistoryChecker.check(history)
        return (recorder.withLockedValue { $0.metrics } + report.metrics, history)
    }

    /// A client's answer arrived: record it; after a probe write, schedule
    /// its reads, each on its reader's loop.
    func completed(_ response: ClientResponse) {
        let now = elapsed
        guard let probe = recorder.withLockedValue({ $0.complete(response.requestID, response.result, at: now) })
        else { return }
        for d in settings.delays.indices {
            let reader = nodes[settings.replicas + 1 + d]
            let at = start + .nanoseconds(now + settings.delays[d].nanoseconds)
            reader.loop.scheduleTask(deadline: at) { reader.probeRead(probe: probe, delay: d) }
        }
    }
}

import Metrics
