import Foundation
import Metrics
import Scenario
import Workloads

/// The explanation files of `edgesim run --explain`: `placements.jsonl` and
/// `placement-nodes.csv`. None when no run recorded explanations.
enum PlacementFiles {
    /// The files, or none.
    static func files(scenario: Scenario, runs: [ExperimentRunner.Run]) -> [(name: String, contents: String)] {
        guard runs.contains(where: { !$0.result.placementNodes.isEmpty }) else { return [] }
        return [("placements.jsonl", placements(runs)), ("placement-nodes.csv", nodes(scenario, runs).text)]
    }

    /// One line per decision, run by run (arm, then repetition), each the
    /// scheduler's record wrapped with its arm and repetition, keys sorted.
    static func placements(_ runs: [ExperimentRunner.Run]) -> String {
        var text = ""
        for run in runs {
            for line in run.result.placementLines {
                // The driver writes {"arm":"...","decision":{...}}; the repetition goes last, in key order.
                text += line.dropLast() + ",\"repetition\":\(run.repetition)}\n"
            }
        }
        return text
    }

    /// The scheduler's nodes of each arm: the `node` numbers of the decisions.
    static func nodes(_ scenario: Scenario, _ runs: [ExperimentRunner.Run]) -> CSVTable {
        var table = CSVTable(header: ["scenario", "arm", "node", "name", "tier", "millicores"])
        var seen: [Arm] = []
        for run in runs where !seen.contains(run.arm) && !run.result.placementNodes.isEmpty {
            seen.append(run.arm)
            for row in run.result.placementNodes { table.append([scenario.name, run.arm.rawValue] + row) }
        }
        return table
    }
}
