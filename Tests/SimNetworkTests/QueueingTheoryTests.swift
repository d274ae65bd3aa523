import CGSL
import Testing
import SimKernel
@testable import SimNetwork

/// The network model held to closed forms of queueing theory.
@Suite("Queueing closed forms")
struct QueueingTheoryTests {
    /// Poisson arrivals at `rate` per second into one link; sizes from `size`.
    /// Returns the mean sojourn (queueing + transmission) and mean queueing delay, seconds.
    func singleLink(rate: Double, bandwidth: Double, messages: Int, seed: UInt64,
                    size: (RandomStream) -> Int) -> (sojourn: Double, wait: Double, utilization: Double) {
        let (topo, device, store) = pair(link(bandwidth: bandwidth))
        var network = Network<Int>(topology: topo, streams: RandomStreams(masterSeed: seed))
        let arrivals = RandomStream(name: "test/arrivals", masterSeed: seed)
        let sizes = RandomStream(name: "test/sizes", masterSeed: seed)
        let gap = try! Distribution.exponential(mean: 1 / rate)
        var sim = Simulation<World.Event>()
        sim.schedule(.inject(0), after: gap.sampleDuration(arrivals))
        var delivered = 0
        var total: Int64 = 0
        var last = SimTime.zero
        // Arrivals are generated one at a time, so the queue stays small.
        sim.runUntilEmpty { sim, event in
            switch event {
            case .inject(let i):
                network.send(Message(source: device, destination: store, size: size(sizes), trafficClass: .bulk,
                                     createdAt: sim.now, payload: i), in: &sim)
                if i + 1 < messages { sim.schedule(.inject(i + 1), after: gap.sampleDuration(arrivals)) }
            case .network(let e):
                if let m = network.handle(e, in: &sim) {
                    delivered += 1
                    total += (sim.now - m.createdAt).nanoseconds
                    last = sim.now
                }
            }
        }
        #expect(delivered == messages)
        let upstream = topo.uplinks[Int(device.index)][0]
        let counters = network.counters(upstream)
        return (Double(total) / Double(messages) * 1e-9, counters.meanQueueingDelaySeconds,
                network.utilization(upstream, over: last - SimTime.zero))
    }

    /// Enough messages for the tolerance: at rho = 0.8 successive sojourns are
    /// strongly correlated, and 400 000 messages scatter the mean by about 2%
    /// (measured over seeds); 4 000 000 bring one standard error near 0.6%.
    static func messages(_ rho: Double) -> Int { rho > 0.6 ? 4_000_000 : 1_000_000 }

    @Test("M/M/1: mean sojourn is 1/(mu - lambda) within 2%", arguments: [0.5, 0.8])
    func mm1(rho: Double) {
        // 1 Mbit/s and a mean of 1250 bytes: mu = 100 messages per second.
        let mu = 100.0, lambda = rho * mu
        let expected = 1 / (mu - lambda)
        let exponentialBytes = try! Distribution.exponential(mean: 1250)
        let r = singleLink(rate: lambda, bandwidth: 1e6, messages: Self.messages(rho), seed: 11) { s in
            max(1, Int(exponentialBytes.sample(s).rounded()))
        }
        #expect(abs(r.sojourn - expected) / expected < 0.02, "sojourn \(r.sojourn) s vs \(expected) s at rho \(rho)")
        #expect(abs(r.utilization - rho) < 0.01, "utilization \(r.utilization) vs \(rho)")
    }

    @Test("M/D/1: mean wait follows Pollaczek-Khinchine within 2%", arguments: [0.5, 0.8])
    func md1(rho: Double) {
        // Fixed 1250-byte messages on 1 Mbit/s: service 10 ms, mu = 100 per second.
        let mu = 100.0, lambda = rho * mu
        let expected = rho / (2 * mu * (1 - rho))
        let r = singleLink(rate: lambda, bandwidth: 1e6, messages: Self.messages(rho), seed: 5) { _ in 1_250 }
        #expect(abs(r.wait - expected) / expected < 0.02, "wait \(r.wait) s vs \(expected) s at rho \(rho)")
        // Sojourn = wait + the fixed 10 ms of transmission.
        #expect(abs(r.sojourn - (expected + 0.01)) / (expected + 0.01) < 0.02)
    }
}
