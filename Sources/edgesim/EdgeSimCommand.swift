import ArgumentParser
import EdgeSim
import Foundation

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
            Results/runs/smoke/comparison.csv (results go under Results/runs/ \
            unless --out says otherwise; git ignores that folder, and the \
            committed reference results in Results/<name>/ stay as they are). \
            `edgesim run --help` lists the result files; `edgesim bench --help` \
            the side-by-side benchmarks. Exit statuses: docs/EXIT_STATUS.md.

            EXAMPLES:
              edgesim run Scenarios/smoke.yaml
              edgesim check Results/runs/smoke --baseline Results/smoke
              edgesim report Results/runs/smoke
            """,
        subcommands: [RunCommand.self, SweepCommand.self, MergeCommand.self, CapacityCommand.self, CheckCommand.self, ReportCommand.self, ExploreCommand.self, Bench.self]
    )

    @Flag(help: "Print the version and the git commit of the checkout edgesim was built in (unknown outside one).")
    var version = false

    func run() throws {
        guard version else { throw CleanExit.helpRequest(self) }
        print(EdgeSimVersion.described)
    }
}
