import ArgumentParser
import EdgeSim
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write an HTML report, with figures, of a results folder.",
        discussion: """
            Reads RESULTS_DIR (a folder `edgesim run` wrote: summary.csv, \
            comparison.csv, timeseries.csv, run.json and, when there, costs.csv, \
            breakeven.csv and scenario.yaml) and writes:

              RESULTS_DIR/report.html   the assumptions (topology, links, pools and
                                        fleets, every price with its defaults marked,
                                        faults, workload rates, from scenario.yaml),
                                        headline sentences, each arm's itemised bill
                                        side by side with the break-even prices in
                                        words, every metric of both arms with delta,
                                        ratio and 95% intervals, the figures
              RESULTS_DIR/figures/      the figures the page shows (PNG and SVG)
              PLOTS/                    the same figures, and data/ with the data files
                                        and parameters gnuplot drew them from
                                        (default: RESULTS_DIR/figures itself)

            A sweep folder (one `edgesim sweep` or `edgesim merge` wrote: \
            sweep.csv, sweep.json) gets instead one figure per metric that \
            varies, its mean against the first varied key, both arms, with 95% \
            intervals (plots/sweep-metrics.gp). A capacity folder (one \
            `edgesim capacity` wrote) gets the metric's curve over the values \
            evaluated, with the threshold and the knee marked \
            (plots/capacity-curve.gp).

            Figures: the update latency CDF of both arms with the SLA; bytes per \
            tier boundary over time with the faults shaded; monthly cost stacked \
            by the components of the bill; stale reads and hint backlog over time, when the results \
            have them. They are drawn by gnuplot with the scripts in EdgeSim's \
            plots/ folder. The page refers only to files in RESULTS_DIR, loads \
            nothing from the network, and is the same bytes for the same results.

            Only files the report writes are replaced: a file of yours in \
            figures/ or PLOTS stays.

            Exit status 2, with one line on standard error, when the folder or a \
            CSV is missing or malformed, or gnuplot is not installed.

            EXAMPLES:
              edgesim run Scenarios/smoke.yaml --out /tmp/smoke
              edgesim report /tmp/smoke
              edgesim report /tmp/smoke --plots /tmp/smoke-plots --sla 500ms
            """
    )

    @Argument(help: "The results folder (written by `edgesim run`).")
    var resultsDir: String

    @Option(help: "Where the figures and their data go (default: RESULTS_DIR/figures).")
    var plots: String?

    @Option(help: "The SLA to mark on the latency figure, e.g. 2s or 500ms (default: the SLA that run.json records, else 2s).")
    var sla: String?

    @Option(help: "The folder of the gnuplot scripts (default: ./plots, else plots/ of the checkout edgesim was built in).")
    var scripts: String?

    func validate() throws {
        _ = try slaSeconds()
    }

    func slaSeconds() throws -> Double? {
        guard let sla else { return nil }
        do {
            return try ResultsReport.slaSeconds(parsing: sla)
        } catch {
            throw ValidationError(error.message)
        }
    }

    func run() throws {
        var options = ResultsReport.Options()
        options.plotsFolder = plots
        options.scriptsFolder = scripts
        options.sla = try slaSeconds()
        let outcome: ResultsReport.Outcome
        do {
            if CapacityCurveReport.isCapacity(folder: resultsDir) {
                outcome = try CapacityCurveReport.write(capacityFolder: resultsDir, options: options)
            } else if SweepReport.isSweep(folder: resultsDir) {
                outcome = try SweepReport.write(sweepFolder: resultsDir, options: options)
            } else {
                outcome = try ResultsReport.write(resultsFolder: resultsDir, options: options)
            }
        } catch {
            FileHandle.standardError.write(Data("edgesim report: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let folder = resultsDir.hasSuffix("/") ? resultsDir : resultsDir + "/"
        print("wrote \(folder)\(ResultsReport.pageName) and \(folder)figures/ (\(outcome.figures.joined(separator: ", ")))")
        print("figures and their data in \(outcome.plotsPath)/")
    }
}
