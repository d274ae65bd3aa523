import ArgumentParser
import EdgeSim

@main
struct EdgeSimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edgesim",
        abstract: "Deterministic discrete-event simulator of three-tier edge deployments.",
        discussion: """
            EdgeSim simulates devices under store edge servers, under regional \
            aggregators, under the cloud, and compares an edge deployment with a \
            cloud-only baseline on the same workload. The same scenario and seed \
            always give the same bytes.

            Start with `edgesim run Scenarios/smoke.yaml`, then read \
            Results/smoke/comparison.csv. `edgesim run --help` lists the result \
            files; `edgesim bench --help` the side-by-side benchmarks.
            """,
        version: EdgeSimVersion.current,
        subcommands: [RunCommand.self, SweepCommand.self, MergeCommand.self, CapacityCommand.self, CheckCommand.self, ReportCommand.self, Bench.self]
    )
}
