import EdgeBase
@testable import Replication

/// A deterministic in-memory driver: several replicas wired through a
/// message bus with a simulated clock, per-pair partitions, per-node crashes
/// and clock skew, delivering messages after a configurable delay.
///
/// Events are ordered by (time, insertion sequence), so a run depends on
/// nothing but its inputs. Global time is nanoseconds; each replica reads
/// `global + skew` as its local clock.
final class TestCluster {
    struct Pair: Hashable {
        var from: ReplicaID
        var to: ReplicaID
    }

    struct TimerKey: Hashable {
        var node: ReplicaID
        var token: TimerToken
    }

    enum Event {
        case deliver(ReplicaMessage, from: ReplicaID, to: ReplicaID, epoch: Int)
        case timer(TimerKey, generation: UInt64, epoch: Int)
    }

    struct Scheduled {
        var time: Int64
        var sequence: UInt64
        var event: Event
        func precedes(_ other: Scheduled) -> Bool { (time, sequence) < (other.time, other.sequence) }
    }

    /// One message put on the bus.
    struct Sent {
        var time: Int64
        var from: ReplicaID
        var to: ReplicaID
        var message: ReplicaMessage
    }

    private(set) var replicas: [Replica]
    /// Client coordinators, ids ``coordinatorBase`` + index.
    private(set) var coordinators: [ClientCoordinator] = []
    static let coordinatorBase: Int32 = 1_000
    private(set) var now: Int64 = 0
    var skew: [Int64]
    /// Delay of a message from one replica to another, in nanoseconds.
    var latency: (ReplicaID, ReplicaID) -> Int64
    private var queue: [Scheduled] = []
    private var sequence: UInt64 = 0
    private var blocked: Set<Pair> = []
    private var crashed: [Bool]
    private var epoch: [Int]
    private var timerGeneration: [TimerKey: UInt64] = [:]
    private var nextRequest: UInt64 = 0
    private(set) var responses: [ClientRequestID: ClientResponse] = [:]
    private(set) var sent: [Sent] = []
    /// Every effect applied, as text, in order: for determinism checks.
    private(set) var trace: [String] = []
    var recordsTrace = false
    /// Messages to lose in flight, decided when they would land (after the
    /// partition check): for losing one acknowledgement, say.
    var losesInFlight: (_ from: ReplicaID, _ to: ReplicaID, ReplicaMessage) -> Bool = { _, _, _ in false }

    /// A cluster of replicas `0..<size`, all started at time zero.
    init(
        size: Int, latency: Int64 = 2_000_000,
        configure: (inout ReplicationConfiguration) -> Void = { _ in }
    ) throws {
        let group = (0..<size).map { ReplicaID(Int32($0)) }
        let config = ReplicationConfiguration(group: group) {
            $0.requestTimeout = .milliseconds(200)
            $0.heartbeatInterval = .milliseconds(100)
            $0.suspicionTimeout = .milliseconds(350)
            $0.hintWindow = .seconds(10)
            $0.hintTTL = .seconds(30)
            $0.handoffThrottle = 4
            $0.antiEntropy = false
            $0.antiEntropyPeriod = .seconds(1)
            $0.virtualNodesPerReplica = 16
            configure(&$0)
        }
        replicas = try group.map { try Replica(id: $0, configuration: config) }
        skew = [Int64](repeating: 0, count: size)
        crashed = [Bool](repeating: false, count: size)
        epoch = [Int](repeating: 0, count: size)
        self.latency = { _, _ in latency }
        for id in group {
            let effects = replicas[index(id)].start(now: localTime(id))
            apply(effects, at: id)
        }
    }

    var configuration: ReplicationConfiguration { replicas[0].configuration }

    func index(_ id: ReplicaID) -> Int { Int(id.rawValue) }

    func replica(_ id: ReplicaID) -> Replica { replicas[index(id)] }

    func localTime(_ id: ReplicaID) -> LocalTime { LocalTime(nanoseconds: now + skewOf(id)) }

    func isCoordinator(_ id: ReplicaID) -> Bool { id.rawValue >= Self.coordinatorBase }
    func skewOf(_ id: ReplicaID) -> Int64 { isCoordinator(id) ? 0 : skew[index(id)] }
    func epochOf(_ id: ReplicaID) -> Int { isCoordinator(id) ? 0 : epoch[index(id)] }
    func isDown(_ id: ReplicaID) -> Bool { isCoordinator(id) ? false : crashed[index(id)] }

    /// Adds a client coordinator for the group; returns its id.
    func addCoordinator() throws -> ReplicaID {
        let id = ReplicaID(Self.coordinatorBase + Int32(coordinators.count))
        coordinators.append(try ClientCoordinator(id: id, configuration: configuration))
        return id
    }

    func coordinator(_ id: ReplicaID) -> ClientCoordinator { coordinators[Int(id.rawValue - Self.coordinatorBase)] }

    // MARK: Faults

    /// Cuts every link between `a` and `b`, both ways.
    func partition(_ a: [ReplicaID], _ b: [ReplicaID]) {
        for x in a {
            for y in b {
                blocked.insert(Pair(from: x, to: y))
                blocked.insert(Pair(from: y, to: x))
            }
        }
    }

    /// Cuts `node` off from every other replica.
    func isolate(_ node: ReplicaID) {
        partition([node], replicas.map(\.id).filter { $0 != node })
    }

    /// Restores every link.
    func heal() { blocked.removeAll() }

    /// Crashes `node`: its timers and the messages in flight to it are lost.
    @discardableResult
    func crash(_ node: ReplicaID) -> [ClientRequestID] {
        crashed[index(node)] = true
        epoch[index(node)] += 1
        return replicas[index(node)].crash()
    }

    /// Restarts a crashed `node`.
    @discardableResult
    func restart(_ node: ReplicaID) -> [ReplicaEffect] {
        crashed[index(node)] = false
        let effects = replicas[index(node)].restart(now: localTime(node))
        apply(effects, at: node)
        return effects
    }

    // MARK: Clients

    /// Submits `operation` at `node` now; the answer lands in `responses`.
    @discardableResult
    func submit(_ operation: ClientOperation, at node: ReplicaID) -> ClientRequestID {
        nextRequest += 1
        let id = ClientRequestID(nextRequest)
        let request = ClientRequest(id: id, operation: operation)
        let effects = isCoordinator(node)
            ? coordinators[Int(node.rawValue - Self.coordinatorBase)].submit(request, now: localTime(node))
            : replicas[index(node)].submit(request, now: localTime(node))
        apply(effects, at: node)
        return id
    }

    /// Submits `operation` at `node` and runs until it is answered or
    /// `limit` nanoseconds have passed.
    func perform(_ operation: ClientOperation, at node: ReplicaID, limit: Int64 = 5_000_000_000) -> ClientResponse? {
        let id = submit(operation, at: node)
        let deadline = now + limit
        while responses[id] == nil, let next = queue.first, next.time <= deadline { step() }
        return responses[id]
    }

    /// Writes and returns the result, or `nil` on failure.
    func write(_ key: String, _ value: [UInt8], context: VersionVector = VersionVector(), at node: ReplicaID)
        -> WriteResult?
    {
        try? perform(.write(key: key, value: value, context: context), at: node)?.result.get().write
    }

    /// Reads and returns the result, or `nil` on failure.
    func read(_ key: String, at node: ReplicaID) -> ReadResult? {
        try? perform(.read(key: key), at: node)?.result.get().read
    }

    // MARK: Running

    /// Runs every event up to and including `nanoseconds` from now.
    func run(for nanoseconds: Int64) {
        let deadline = now + nanoseconds
        while let next = queue.first, next.time <= deadline { step() }
        now = deadline
    }

    func run(seconds: Double) { run(for: Int64(seconds * 1e9)) }

    private func step() {
        let item = pop()
        now = item.time
        switch item.event {
        case .deliver(let message, let from, let to, let sentEpoch):
            guard !isDown(to), epochOf(to) == sentEpoch, !blocked.contains(Pair(from: from, to: to))
            else { return }
            guard !losesInFlight(from, to, message) else { return }
            if isCoordinator(to) {
                let c = Int(to.rawValue - Self.coordinatorBase)
                apply(coordinators[c].receive(message, from: from, now: localTime(to)), at: to)
            } else {
                apply(replicas[index(to)].receive(message, from: from, now: localTime(to)), at: to)
            }
        case .timer(let key, let generation, let timerEpoch):
            guard !isDown(key.node), epochOf(key.node) == timerEpoch,
                timerGeneration[key] == generation
            else { return }
            timerGeneration[key] = nil
            if isCoordinator(key.node) {
                let c = Int(key.node.rawValue - Self.coordinatorBase)
                apply(coordinators[c].timerFired(key.token, now: localTime(key.node)), at: key.node)
            } else {
                apply(replicas[index(key.node)].timerFired(key.token, now: localTime(key.node)), at: key.node)
            }
        }
    }

    private func apply(_ effects: [ReplicaEffect], at node: ReplicaID) {
        for effect in effects {
            if recordsTrace { trace.append("\(now) \(node) \(effect)") }
            switch effect {
            case .send(let message, let to):
                sent.append(Sent(time: now, from: node, to: to, message: message))
                guard !blocked.contains(Pair(from: node, to: to)) else { continue }
                schedule(
                    .deliver(message, from: node, to: to, epoch: epochOf(to)), at: now + latency(node, to))
            case .setTimer(let token, let at):
                let key = TimerKey(node: node, token: token)
                sequence += 1
                timerGeneration[key] = sequence
                let global = max(now, at.nanoseconds - skewOf(node))
                schedule(.timer(key, generation: sequence, epoch: epochOf(node)), at: global)
            case .cancelTimer(let token):
                timerGeneration[TimerKey(node: node, token: token)] = nil
            case .respond(let response):
                responses[response.requestID] = response
            }
        }
    }

    // MARK: Queue (binary min-heap on (time, sequence))

    private func schedule(_ event: Event, at time: Int64) {
        sequence += 1
        queue.append(Scheduled(time: time, sequence: sequence, event: event))
        var child = queue.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard queue[child].precedes(queue[parent]) else { break }
            queue.swapAt(child, parent)
            child = parent
        }
    }

    private func pop() -> Scheduled {
        let top = queue[0]
        let last = queue.removeLast()
        if !queue.isEmpty {
            queue[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1
                let right = left + 1
                var smallest = parent
                if left < queue.count && queue[left].precedes(queue[smallest]) { smallest = left }
                if right < queue.count && queue[right].precedes(queue[smallest]) { smallest = right }
                if smallest == parent { break }
                queue.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return top
    }
}

extension TestCluster {
    /// A key whose extended preference list (owners first) satisfies
    /// `predicate`.
    func key(where predicate: ([ReplicaID]) -> Bool) -> String {
        for n in 0..<10_000 {
            let key = "key-\(n)"
            if predicate(replica(0).extendedPreferenceList(for: key)) { return key }
        }
        fatalError("no key matches")
    }
}
