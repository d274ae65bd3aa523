import Scenario
import SimKernel

/// The metrics a scenario's results hold, found before a capacity search
/// spends minutes on its first evaluation.
///
/// Which metrics a run reports depends on the scenario's shape (its arm,
/// faults, replication and scheduling sections, tier boundaries), not on how
/// long it runs; so one repetition of one simulated second, without
/// warm-up, names them all (its faults all start at once and never end).
public enum CapacityProbe {
    /// Every metric name and unit of `arm`'s results for `scenario`, in results order.
    public static func metrics(of scenario: Scenario, arm: Arm) -> [(name: String, unit: String)] {
        var short = scenario
        short.warmup = .zero
        short.duration = SimDuration(nanoseconds: min(scenario.duration.nanoseconds, SimDuration.seconds(1).nanoseconds))
        // Faults keep their kinds (a run with faults reports availability)
        // but start at once and outlast the short run: a fault timed past its
        // end would otherwise end before it starts.
        for i in short.faults.indices {
            short.faults[i].at = .zero
            short.faults[i].duration = nil
        }
        let task = ExperimentRunner.Task(scenario: short, arm: arm, repetition: 0,
                                         seed: ExperimentRunner.seed(master: scenario.seed, repetition: 0))
        guard let run = try? ExperimentRunner.perform([task], jobs: 1).first else { return [] }
        return run.result.metrics.map { ($0.name, $0.unit) }
    }
}
