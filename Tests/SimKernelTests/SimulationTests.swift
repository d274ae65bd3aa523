import Testing
@testable import SimKernel

@Suite("Simulation run loop")
struct SimulationTests {
    enum Tick: Equatable { case tick(Int) }

    @Test("run(until:) handles events up to and including the limit, then sets the clock to it")
    func runUntilTime() {
        var sim = Simulation<Int>()
        for t in [10, 20, 30, 40] { sim.schedule(t, at: SimTime(nanoseconds: Int64(t))) }
        var seen: [Int] = []
        let reason = sim.run(until: SimTime(nanoseconds: 30)) { _, e in seen.append(e) }
        #expect(reason == .reachedTime)
        #expect(seen == [10, 20, 30])
        #expect(sim.now == SimTime(nanoseconds: 30))
        #expect(sim.pendingCount == 1)
        let second = sim.run(until: SimTime(nanoseconds: 100)) { _, e in seen.append(e) }
        #expect(second == .exhausted)
        #expect(seen == [10, 20, 30, 40])
        #expect(sim.now == SimTime(nanoseconds: 100), "the clock moves to the limit even when the queue runs dry")
    }

    @Test("runUntilEmpty follows chains of events scheduled by handlers")
    func runUntilEmpty() {
        var sim = Simulation<Int>()
        sim.schedule(0, at: .zero)
        var last = -1
        sim.runUntilEmpty { sim, n in
            last = n
            if n < 99 { sim.schedule(n + 1, after: .milliseconds(1)) }
        }
        #expect(last == 99)
        #expect(sim.eventsHandled == 100)
        #expect(sim.now == SimTime(nanoseconds: 99_000_000))
    }

    @Test("run(until: condition) stops right after the event that makes it true")
    func runUntilCondition() {
        var sim = Simulation<Int>()
        sim.schedule(0, at: .zero)
        var total = 0
        let reason = sim.run(until: { _ in total >= 10 }) { sim, n in
            total += 1
            sim.schedule(n + 1, after: .seconds(1))
        }
        #expect(reason == .conditionMet)
        #expect(total == 10)
        #expect(sim.now == SimTime(nanoseconds: 9_000_000_000))
        // Already true: nothing more is handled.
        let again = sim.run(until: { $0.eventsHandled >= 10 }) { _, _ in Issue.record("no event expected") }
        #expect(again == .conditionMet)
    }

    @Test("run(until: condition) reports exhaustion when the condition never holds")
    func conditionNeverHolds() {
        var sim = Simulation<Int>()
        sim.schedule(1, at: SimTime(nanoseconds: 5))
        let reason = sim.run(until: { _ in false }) { _, _ in }
        #expect(reason == .exhausted)
        #expect(sim.eventsHandled == 1)
    }

    @Test("a cancelled timer never reaches the handler")
    func timers() {
        var sim = Simulation<String>()
        let timeout = sim.scheduleTimer("timeout", after: .seconds(5))
        sim.schedule("reply", after: .seconds(1))
        var seen: [String] = []
        sim.runUntilEmpty { sim, e in
            seen.append(e)
            if e == "reply" { let withdrawn = sim.cancel(timeout); #expect(withdrawn) }
        }
        #expect(seen == ["reply"])
        #expect(sim.now == SimTime(nanoseconds: 1_000_000_000))
    }

    @Test("scheduling an event in the past is a programmer error")
    func pastIsAnError() async {
        await #expect(processExitsWith: .failure) {
            var sim = Simulation<Int>()
            sim.schedule(1, at: SimTime(nanoseconds: 10))
            sim.runUntilEmpty { sim, _ in sim.schedule(2, at: SimTime(nanoseconds: 5)) }
        }
    }
}
