import Scenario
import SimKernel
import SimNetwork

/// A scenario's faults resolved against a topology: what to do, and when.
struct FaultTimeline {
    enum Action {
        case cut(ConnectionID)
        case heal(ConnectionID)
        case partition(fault: Int, [NodeID], [NodeID])
        case healPartition(fault: Int)
        case crash(NodeID)
        case restart(NodeID)
        case degrade(ConnectionID, Degradation)
        case restore(ConnectionID)
        case clock(NodeID, offset: SimDuration, driftPPM: Double)
    }

    /// (time, action, whether it starts or ends a fault that counts as active),
    /// in time order, ties in declaration order.
    var actions: [(at: SimTime, action: Action, activeDelta: Int)] = []
    /// For each action, the stores whose path to the cloud its fault touches
    /// (a crash, cut, partition or degradation of a node or link between a
    /// store's devices and the cloud), in increasing order; empty for clock settings.
    var touchedStores: [[Int32]] = []

    /// Resolves names to ids.
    ///
    /// - Precondition: the scenario was validated (names exist).
    init(_ faults: [FaultSpec], topology: Topology, end: SimTime) {
        func node(_ name: String) -> NodeID {
            guard let id = topology.node(named: name) else { preconditionFailure("unknown node \(name)") }
            return id
        }
        func connection(_ ref: LinkRef) -> ConnectionID {
            let a = node(ref.a), b = node(ref.b)
            guard let c = topology.connections.first(where: { ($0.a == a && $0.b == b) || ($0.a == b && $0.b == a) }) else {
                preconditionFailure("no link between \(ref.a) and \(ref.b)")
            }
            return c.id
        }
        var list: [(at: SimTime, order: Int, action: Action, activeDelta: Int)] = []
        let touched = faults.map { Self.stores(touchedBy: $0, topology: topology, node: node) }
        for (i, fault) in faults.enumerated() {
            let start = SimTime.zero + fault.at
            let stop = fault.duration.map { min(end, start + $0) }
            switch fault.kind {
            case .cut(let ref):
                let c = connection(ref)
                list.append((start, 2 * i, .cut(c), 1))
                if let stop { list.append((stop, 2 * i + 1, .heal(c), -1)) }
            case .partition(let a, let b):
                list.append((start, 2 * i, .partition(fault: i, a.map(node), b.map(node)), 1))
                if let stop { list.append((stop, 2 * i + 1, .healPartition(fault: i), -1)) }
            case .crash(let name):
                let n = node(name)
                list.append((start, 2 * i, .crash(n), 1))
                if let stop { list.append((stop, 2 * i + 1, .restart(n), -1)) }
            case .degrade(let ref, let latency, let bandwidth, let loss):
                let c = connection(ref)
                list.append((start, 2 * i, .degrade(c, Degradation(latencyFactor: latency, bandwidthFactor: bandwidth,
                                                                    extraLoss: loss)), 1))
                if let stop { list.append((stop, 2 * i + 1, .restore(c), -1)) }
            case .clock(let name, let offset, let drift):
                list.append((start, 2 * i, .clock(node(name), offset: offset, driftPPM: drift), 0))
            }
        }
        list.sort { ($0.at, $0.order) < ($1.at, $1.order) }
        actions = list.map { ($0.at, $0.action, $0.activeDelta) }
        touchedStores = list.map { touched[$0.order / 2] }
    }

    /// Whether a node lies on a store's path to the cloud: its devices and
    /// servers, its region's aggregator, the cloud.
    static func onPath(_ n: Node, store s: Int, region r: Int) -> Bool {
        switch n.tier {
        case .device, .store: n.store == s
        case .region: n.region == r
        case .cloud: true
        }
    }

    /// The stores a fault touches.
    static func stores(touchedBy fault: FaultSpec, topology: Topology, node: (String) -> NodeID) -> [Int32] {
        var primary: [(store: Int, region: Int)] = []
        for n in topology.nodes where n.tier == .store && n.name == "store-\(n.store ?? -1)" {
            primary.append((n.store!, n.region ?? -1))
        }
        primary.sort { $0.store < $1.store }
        func on(_ name: String, _ p: (store: Int, region: Int)) -> Bool {
            onPath(topology[node(name)], store: p.store, region: p.region)
        }
        return primary.filter { p in
            switch fault.kind {
            case .crash(let name): on(name, p)
            case .cut(let ref), .degrade(let ref, _, _, _): on(ref.a, p) && on(ref.b, p)
            case .partition(let a, let b): a.contains { on($0, p) } && b.contains { on($0, p) }
            case .clock: false
            }
        }.map { Int32($0.store) }
    }

    /// The windows in which a fault that counts as active held: from each
    /// start to its end (or `end`), nanoseconds, in time order.
    func windows(end: SimTime) -> [(start: Int64, end: Int64)] {
        var out: [(start: Int64, end: Int64)] = []
        var open: [Int64] = []
        var active = 0
        for action in actions where action.activeDelta != 0 {
            if action.activeDelta > 0 {
                if active == 0 { open.append(action.at.nanoseconds) }
                active += 1
            } else {
                active -= 1
                if active == 0, let start = open.popLast() { out.append((start, action.at.nanoseconds)) }
            }
        }
        if active > 0, let start = open.popLast() { out.append((start, end.nanoseconds)) }
        return out
    }
}
