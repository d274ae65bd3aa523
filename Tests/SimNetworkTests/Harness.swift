import SimKernel
@testable import SimNetwork

/// A small world for driving the network directly in tests.
struct World {
    enum Event: NetworkEventCarrier {
        case inject(Int)
        case network(NetworkEvent)
    }

    var sim = Simulation<Event>()
    var network: Network<Int>
    /// Delivered messages: (payload, delivery time, message).
    var delivered: [(payload: Int, at: SimTime, message: Message<Int>)] = []
    /// Messages to inject when `.inject(i)` fires.
    var pending: [Message<Int>] = []

    init(_ topology: Topology, seed: UInt64 = 1) {
        network = Network(topology: topology, streams: RandomStreams(masterSeed: seed))
    }

    /// Sends `message` at `time` (its createdAt is set to that time).
    mutating func send(_ message: Message<Int>, at time: SimTime) {
        var m = message
        m.createdAt = time
        pending.append(m)
        sim.schedule(.inject(pending.count - 1), at: time)
    }

    /// Runs until `limit` (or until empty).
    mutating func run(until limit: SimTime? = nil) {
        var network = self.network
        var delivered = self.delivered
        let pending = self.pending
        let handler: (inout Simulation<Event>, Event) -> Void = { sim, event in
            switch event {
            case .inject(let i):
                network.send(pending[i], in: &sim)
            case .network(let e):
                if let m = network.handle(e, in: &sim) { delivered.append((m.payload, sim.now, m)) }
            }
        }
        if let limit { sim.run(until: limit, handler) } else { sim.runUntilEmpty(handler) }
        self.network = network
        self.delivered = delivered
    }

    /// Applies a fault at `time`: runs up to it first.
    mutating func at(_ time: SimTime, _ fault: (inout Network<Int>, SimTime) -> Void) {
        run(until: time)
        fault(&network, time)
    }
}

func ms(_ n: Int64) -> SimDuration { .milliseconds(n) }
func t(_ seconds: Double) -> SimTime { .zero + SimDuration(seconds: seconds) }

func link(latency: SimDuration = .zero, bandwidth: Double = 1e6, loss: Double = 0, queueLimit: Int? = nil,
          discipline: LinkDiscipline = .fifo, reorder: Bool = false, jitter: Distribution? = nil) -> LinkSpec {
    try! LinkSpec(latency: jitter ?? .constant(latency.seconds), bandwidth: bandwidth, loss: loss,
                  queueLimitBytes: queueLimit, discipline: discipline, reorder: reorder)
}

/// Two nodes, a device under a store, joined by one link each way.
func pair(_ spec: LinkSpec) -> (Topology, NodeID, NodeID) {
    var topo = Topology()
    let store = topo.addNode(name: "store-0", tier: .store, region: 0, store: 0)
    let device = topo.addNode(name: "device-0-0", tier: .device, region: 0, store: 0)
    topo.connectUplink(child: device, parent: store, up: spec)
    return (topo, device, store)
}

func message(_ from: NodeID, _ to: NodeID, size: Int, _ cls: TrafficClass = .bulk, payload: Int = 0) -> Message<Int> {
    Message(source: from, destination: to, size: size, trafficClass: cls, createdAt: .zero, payload: payload)
}
