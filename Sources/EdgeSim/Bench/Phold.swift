import EdgeBase
import SimKernel

/// PHOLD (Fujimoto 1990), the standard synthetic load for event kernels.
///
/// `lps` logical processes start with `population` events each. Handling an
/// event at an LP schedules exactly one new event, at a uniformly chosen LP,
/// `lookahead + Exp(mean)` seconds later. The run stops after `events`
/// events. It is the same model as the C and SimPy references that the
/// kernel is benchmarked against, running on SimKernel's real event queue
/// and GSL-backed random streams.
public struct Phold {
    /// The model's parameters; the defaults are the references' defaults.
    public struct Parameters: Sendable, Hashable {
        public var lps: Int = 1_000
        public var population: Int = 10
        public var events: Int = 2_000_000
        /// Mean of the exponential part of each delay, in seconds.
        public var mean: Double = 1.0
        /// Fixed part of each delay, in seconds.
        public var lookahead: Double = 0.1
        public var seed: UInt64 = 1

        public init() {}
    }

    /// What one run handled, and a fingerprint of it.
    public struct Outcome: Sendable, Hashable {
        /// Events handled.
        public var events: Int
        /// Time of the last handled event.
        public var simTime: SimTime
        /// FNV-1a fold of every handled event's time and LP, in order.
        public var checksum: UInt64
    }

    /// The events: "an event arrives at this LP".
    public struct Arrival {
        public var lp: UInt32
    }

    public let parameters: Parameters

    public init(_ parameters: Parameters) {
        precondition(parameters.lps >= 1 && parameters.population >= 1 && parameters.events >= 0)
        self.parameters = parameters
    }

    /// Runs the model to completion.
    public func run() -> Outcome {
        let p = parameters
        let streams = RandomStreams(masterSeed: p.seed)
        let destinations = streams.stream("phold/destination")
        let delays = streams.stream("phold/delay")
        // The validated factory cannot fail for a positive mean.
        let exponential = try! Distribution.exponential(mean: p.mean)
        let lookahead = p.lookahead
        @inline(__always) func delay() -> SimDuration {
            SimDuration(seconds: lookahead + exponential.sample(delays))
        }

        var sim = Simulation<Arrival>(capacity: p.lps * p.population + 16)
        for lp in 0..<p.lps {
            for _ in 0..<p.population {
                sim.schedule(Arrival(lp: UInt32(lp)), at: .zero + delay())
            }
        }
        var checksum = StableHasher()
        let target = p.events
        let lps = p.lps
        sim.run(until: { $0.eventsHandled >= target }) { sim, arrival in
            checksum.fold(word: UInt64(bitPattern: sim.now.nanoseconds))
            checksum.fold(word: UInt64(arrival.lp))
            let next = UInt32(destinations.uniformInt(below: lps))
            sim.schedule(Arrival(lp: next), after: delay())
        }
        return Outcome(events: sim.eventsHandled, simTime: sim.now, checksum: checksum.finalized)
    }
}
