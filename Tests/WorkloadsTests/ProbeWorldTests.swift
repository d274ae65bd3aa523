import Metrics
import Scenario
import SimKernel
import Testing

@testable import Workloads

@Suite("Probe world")
struct ProbeWorldTests {
    func settings(r: Int, w: Int, coordinator: CoordinatorPlacement = .client, probes: Int) -> ProbeSettings {
        var s = ProbeSettings(leg: try! .exponential(mean: 0.010))
        s.readQuorum = r
        s.writeQuorum = w
        s.coordinator = coordinator
        s.probes = probes
        return s
    }

    func curve(_ result: RunResult) -> [Double] {
        ["0ms", "1ms", "10ms", "100ms"].map { t in
            result.metrics.first { $0.name == "t_visibility_probe_\(t)" }!.value.doubleValue
        }
    }

    @Test("(3,1,1) with client coordination follows the WARS model's curve")
    func matchesWARS() throws {
        var world = try ProbeWorld(settings: settings(r: 1, w: 1, probes: 3_000), seed: 1)
        let result = world.run()
        // validation/wars_montecarlo.py --n 3 --r 1 --w 1 --legs exponential:10 (10^6 trials).
        let wars = [0.7514, 0.7752, 0.9086, 1.0]
        // 3 000 probes: a standard error of at most 0.8 points.
        for (sim, model) in zip(curve(result), wars) { #expect(abs(sim - model) < 0.03) }
        #expect(result.metrics.first { $0.name == "probe_reads_0ms" }?.value.doubleValue == 3_000)
        #expect(result.metrics.first { $0.name == "lost_acknowledged_writes" }?.value.doubleValue == 0)
    }

    @Test("R + W > N, or an owner coordinating both, is consistent at every delay",
          arguments: [(2, 2, CoordinatorPlacement.client), (1, 1, .owner)])
    func alwaysConsistent(r: Int, w: Int, coordinator: CoordinatorPlacement) throws {
        var world = try ProbeWorld(settings: settings(r: r, w: w, coordinator: coordinator, probes: 300), seed: 2)
        #expect(curve(world.run()) == [1, 1, 1, 1])
    }

    @Test("the same seed gives the same metrics")
    func deterministic() throws {
        var a = try ProbeWorld(settings: settings(r: 1, w: 1, probes: 200), seed: 7)
        var b = try ProbeWorld(settings: settings(r: 1, w: 1, probes: 200), seed: 7)
        // Compared as CSV text: an undefined metric is NaN, which is not equal to itself.
        let first = a.run().metrics.map { "\($0.name)=\($0.value.text)" }
        let second = b.run().metrics.map { "\($0.name)=\($0.value.text)" }
        #expect(first == second)
    }
}
