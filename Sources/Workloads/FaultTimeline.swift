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
