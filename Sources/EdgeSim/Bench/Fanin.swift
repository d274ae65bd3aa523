import EdgeBase
import SimKernel
import SimNetwork

/// Tree fan-in: every device streams messages up to the cloud.
///
/// `regions` regional aggregators with `stores` stores each, with `devices`
/// devices each. Every device emits Poisson(`rate`) messages of `size` bytes
/// for `duration` simulated seconds; each travels device -> store -> region ->
/// cloud over FIFO store-and-forward links with fixed latencies. The same model
/// as the SimPy reference, built from the real ``Topology`` and ``Network``.
public struct Fanin {
    public struct Parameters: Sendable, Hashable {
        public var regions = 20
        /// Stores per region.
        public var stores = 25
        /// Devices per store.
        public var devices = 10
        /// Messages per device per simulated second.
        public var rate = 1.0
        /// Bytes per message.
        public var size = 1_000
        /// Simulated seconds of emission.
        public var duration = 60.0
        /// Propagation latency of the device, store and region hops, seconds.
        public var latencies: [Double] = [0.002, 0.010, 0.040]
        /// Bandwidth of the device, store and region hops, bits per second.
        public var bandwidths: [Double] = [100e6, 50e6, 1e9]
        public var seed: UInt64 = 1
        public init() {}
    }

    public struct Outcome: Sendable, Hashable {
        /// Messages delivered to the cloud.
        public var messages: Int
        /// Events handled by the run loop.
        public var events: Int
        /// Mean end-to-end latency, seconds.
        public var meanLatency: Double
        /// The 99th percentile end-to-end latency (the sorted sample at index ⌊0.99 n⌋), seconds.
        public var p99Latency: Double
        /// FNV-1a fold of every delivery's time and source.
        public var checksum: UInt64
    }

    enum Event: NetworkEventCarrier {
        case emit(device: Int32)
        case network(NetworkEvent)
    }

    public let parameters: Parameters

    public init(_ parameters: Parameters) throws(LinkSpecError) {
        precondition(parameters.latencies.count == 3 && parameters.bandwidths.count == 3)
        self.parameters = parameters
        _ = try Self.links(parameters)
    }

    static func links(_ p: Parameters) throws(LinkSpecError) -> TierLinks {
        let specs = try (0..<3).map { (i: Int) throws(LinkSpecError) -> LinkSpec in
            try LinkSpec.fixed(latency: SimDuration(seconds: p.latencies[i]), bandwidth: p.bandwidths[i])
        }
        return TierLinks(deviceStore: specs[0], storeRegion: specs[1], regionCloud: specs[2])
    }

    /// Builds the world and runs it to completion.
    public func run() -> Outcome {
        var prepared = prepare()
        return prepared.run().outcome()
    }

    /// Builds the topology, the network and the first emissions; ``Prepared/run()``
    /// then runs the event loop, so that a benchmark can time the loop alone
    /// (as the reference times `env.run()` alone).
    public func prepare() -> Prepared {
        let p = parameters
        let topology = Topology.tree(
            TreeShape(regions: p.regions, storesPerRegion: p.stores, devicesPerStore: p.devices),
            links: try! Self.links(p))
        let streams = RandomStreams(masterSeed: p.seed)
        var network = Network<Void>(topology: topology, streams: streams)
        let cloud = topology.node(named: "cloud-0")!
        let devices = topology.nodes.filter { $0.tier == .device }.map(\.id)
        let gaps = try! Distribution.exponential(mean: 1 / p.rate)
        // One stream per device; taus2 keeps 5000 generator states (24 bytes each)
        // in cache, where 5000 mt19937 states (5 KB each) would miss on every draw.
        let deviceStreams = devices.map {
            RandomStream(name: "fanin/\(topology[$0].name)", masterSeed: p.seed, generator: .taus2)
        }
        let horizon = SimTime.zero + SimDuration(seconds: p.duration)

        var sim = Simulation<Event>(capacity: devices.count * 4)
        for (i, stream) in deviceStreams.enumerated() {
            sim.schedule(.emit(device: Int32(i)), at: .zero + gaps.sampleDuration(stream))
        }
        var latencies: [Int64] = []
        latencies.reserveCapacity(Int(Double(devices.count) * p.rate * p.duration * 1.1))
        return Prepared(sim: sim, network: network, latencies: latencies, devices: devices, deviceStreams: deviceStreams,
                        cloud: cloud, gaps: gaps, horizon: horizon, size: p.size)


    }

    /// A world ready to run.
    public struct Prepared {
        // Optionals so that run() can move them out without copying.
        var sim: Simulation<Event>?
        var network: Network<Void>?
        var latencies: [Int64]
        let devices: [NodeID]
        let deviceStreams: [RandomStream]
        let cloud: NodeID
        let gaps: Distribution
        let horizon: SimTime
        let size: Int

        /// Runs the event loop to completion, once.
        ///
        /// - Returns: the raw latencies; ``Trace/outcome()`` summarises them
        ///   (sorting for the p99), outside any timing of the loop.
        public mutating func run() -> Trace {
            guard var sim = self.sim.take(), var network = self.network.take() else {
                preconditionFailure("a prepared fan-in runs once")
            }
            var latencies: [Int64] = []
            swap(&latencies, &self.latencies)
            let devices = self.devices, deviceStreams = self.deviceStreams, cloud = self.cloud
            let gaps = self.gaps, horizon = self.horizon, size = self.size
            var checksum = StableHasher()
            sim.runUntilEmpty { sim, event in
                switch event {
                case .emit(let i):
                    guard sim.now <= horizon else { return }
                    network.send(Message(source: devices[Int(i)], destination: cloud, size: size, trafficClass: .bulk,
                                         createdAt: sim.now, payload: ()), in: &sim)
                    sim.schedule(.emit(device: i), after: gaps.sampleDuration(deviceStreams[Int(i)]))
                case .network(let e):
                    if let message = network.handle(e, in: &sim) {
                        latencies.append((sim.now - message.createdAt).nanoseconds)
                        checksum.fold(word: UInt64(bitPattern: sim.now.nanoseconds))
                        checksum.fold(word: UInt64(message.source.index))
                    }
                }
            }
            return Trace(latencies: latencies, events: sim.eventsHandled, checksum: checksum.finalized)
        }
    }

    /// What a run recorded: every delivery's end-to-end latency, in delivery order.
    public struct Trace: Sendable {
        public var latencies: [Int64]
        public var events: Int
        public var checksum: UInt64

        /// Count, mean and the p99 as the reference computes it.
        public func outcome() -> Outcome {
            let n = latencies.count
            let sum = latencies.reduce(0, +)
            let p99 = n > 0 ? latencies.sorted()[min(n - 1, Int(0.99 * Double(n)))] : 0
            return Outcome(messages: n, events: events,
                           meanLatency: n > 0 ? Double(sum) / Double(n) * 1e-9 : .nan,
                           p99Latency: Double(p99) * 1e-9, checksum: checksum)
        }
    }
}
