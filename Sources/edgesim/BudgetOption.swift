import ArgumentParser
import Foundation
import Scenario

/// `--max-events N` and `--max-memory SIZE`: the budget a scenario's
/// up-front estimate must fit (see `RunEstimate`), shared by the commands
/// that run scenarios (`run`, `explore`, and per point or evaluation
/// `sweep` and `capacity`).
struct BudgetOption: ParsableArguments {
    @Option(name: .customLong("max-events"),
            help: "Refuse a run estimated beyond this many events over all its runs; a sweep, each point's; capacity, each evaluation's (default 1e10).")
    var maxEvents: Double?

    @Option(name: .customLong("max-memory"),
            help: "Refuse a run estimated to hold more than this much memory per run (of any point or evaluation), such as 16GB (default 8GiB).")
    var maxMemory: String?

    func validate() throws {
        if let e = maxEvents, !(e > 0) { throw ValidationError("--max-events must be more than zero (got \(e)).") }
        _ = try memoryBytes()
    }

    func memoryBytes() throws -> Double? {
        guard let text = maxMemory else { return nil }
        let binary: [(String, Double)] = [("TiB", 1_099_511_627_776), ("GiB", 1_073_741_824), ("MiB", 1_048_576), ("KiB", 1_024)]
        for (unit, size) in binary where text.hasSuffix(unit) {
            if let v = Double(text.dropLast(unit.count)), v > 0 { return v * size }
        }
        if let size = try? ByteSize(parsing: text), size.bytes > 0 { return Double(size.bytes) }
        throw ValidationError("--max-memory: expected a size such as 16GB or 8GiB, found '\(text)'.")
    }

    /// The budget these options give.
    var budget: RunBudget {
        var b = RunBudget()
        if let maxEvents { b.maxEvents = maxEvents }
        if let bytes = try? memoryBytes() { b.maxBytesPerRun = bytes }
        return b
    }

    /// Estimates `scenario` as it will run and, beyond the budget, prints
    /// why (`FILE: KEY: message`) and exits 2 before anything runs.
    func check(_ scenario: Scenario, file: String, overrides: [ScenarioOverride] = [], repetitions: Int?, arms: [Arm]?) -> RunEstimate {
        let estimate = RunEstimate(scenario, repetitions: repetitions, arms: arms)
        let issues = budget.issues(estimate, file: file, overrides: overrides)
        if !issues.isEmpty { ScenarioInput.fail(ScenarioErrors(issues: issues)) }
        return estimate
    }
}
