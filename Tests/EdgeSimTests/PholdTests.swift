import EdgeSim
import SimKernel
import Testing

@Suite("PHOLD internals")
struct PholdTests {
    static func parameters(seed: UInt64 = 1, events: Int = 20_000) -> Phold.Parameters {
        var p = Phold.Parameters()
        p.lps = 50
        p.population = 4
        p.events = events
        p.seed = seed
        return p
    }

    @Test("a run handles exactly the events asked for, and repeats itself in one process")
    func exactAndRepeatable() {
        let a = Phold(Self.parameters()).run(), b = Phold(Self.parameters()).run()
        #expect(a.events == 20_000)
        #expect(a == b)
    }

    @Test("the checksum folds every event: another seed or one more event changes it")
    func checksumSeesEveryEvent() {
        let base = Phold(Self.parameters()).run()
        #expect(Phold(Self.parameters(seed: 2)).run().checksum != base.checksum)
        #expect(Phold(Self.parameters(events: 20_001)).run().checksum != base.checksum)
    }

    @Test("simulated time grows at the model's rate: lps × population events per (lookahead + mean)")
    func rate() {
        let p = Self.parameters(events: 200_000)
        let outcome = Phold(p).run()
        let perSecond = Double(p.lps * p.population) / (p.lookahead + p.mean)
        let expected = Double(p.events) / perSecond
        let seconds = Double(outcome.simTime.nanoseconds) / 1e9
        #expect(abs(seconds - expected) / expected < 0.02, "\(seconds) s against \(expected) s")
    }
}
