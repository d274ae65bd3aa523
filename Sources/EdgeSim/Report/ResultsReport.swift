import Foundation
import Metrics
import SimKernel

/// Writes the report of a results folder: `report.html` and the figures it
/// shows.
///
/// The figures are drawn by gnuplot from data files written out of the CSV
/// results, with the scripts kept in EdgeSim's `plots/` folder. They land in
/// the plots folder (PNG, SVG and `data/`; by default `figures/` of the
/// results folder itself), and the PNG and SVG are copied to `figures/` in
/// the results folder, which is all the page refers to: it opens from disk,
/// offline, anywhere. Only files this command writes are replaced or
/// removed, in the plots folder and in `figures/`.
public enum ResultsReport {
    /// The default SLA marked on the latency figure, in seconds (the
    /// scenario format's default; the results do not record it).
    public static let defaultSLA = 2.0

    /// Reads an SLA written as a duration ("2s", "500ms"), in seconds.
    ///
    /// - Throws: ``ReportError`` saying what is wrong with the text.
    public static func slaSeconds(parsing text: String) throws(ReportError) -> Double {
        let d: SimDuration
        do {
            d = try SimDuration(parsing: text)
        } catch {
            throw ReportError(.badOption, "--sla: \(error)")
        }
        guard d.nanoseconds > 0 else { throw ReportError(.badOption, "--sla must be longer than zero (got \"\(text)\")") }
        return d.seconds
    }

    /// The name of the page in the results folder.
    public static let pageName = "report.html"

    public struct Options: Sendable {
        /// Where the figures and their data go; default `figures/` of the
        /// results folder.
        public var plotsFolder: String?
        /// The folder of the gnuplot scripts; default found by
        /// ``Gnuplot/scriptsFolder()``.
        public var scriptsFolder: String?
        /// The SLA to mark, in seconds; nil for the one run.json records, else
        /// ``ResultsReport/defaultSLA``.
        public var sla: Double?
        /// The environment whose `PATH` is searched for gnuplot.
        public var environment: [String: String] = ProcessInfo.processInfo.environment

        public init() {}
    }

    /// What was written.
    public struct Outcome: Sendable {
        /// The page.
        public var page: URL
        /// The folder holding the figures and their data.
        public var plotsFolder: URL
        /// The same folder as the user gave it, or the default relative to
        /// the current folder ("plots/smoke"), for messages.
        public var plotsPath: String
        /// The figures drawn, by name, in page order.
        public var figures: [String]
        /// Why a figure is not on the page.
        public var omitted: [String]
    }

    /// Writes the report of `resultsFolder`.
    ///
    /// Nothing is written unless the inputs read and gnuplot and its scripts
    /// are found; the results folder is not touched unless every figure
    /// renders, and the page is written last, by rename, so a failure leaves
    /// a previous report as it was.
    ///
    /// - Parameters:
    ///   - resultsFolder: the folder `edgesim run` wrote, as the user gave it.
    ///   - options: where the figures go, the scripts, the SLA.
    /// - Throws: ``ReportError`` for a missing folder or CSV, a malformed CSV,
    ///   missing gnuplot or scripts, a failed rendering or write.
    public static func write(resultsFolder: String, options: Options = Options()) throws(ReportError) -> Outcome {
        let data = try ResultsData.load(folder: resultsFolder)
        let gnuplot = try Gnuplot.locate(environment: options.environment)
        let scripts: URL
        if let given = options.scriptsFolder { scripts = URL(fileURLWithPath: given) } else { scripts = try Gnuplot.scriptsFolder() }
        let recorded = data.runValue("sla_seconds").flatMap(Double.init).flatMap { $0 > 0 ? $0 : nil }
        let sla = options.sla ?? recorded ?? defaultSLA

        let timeline = Timeline(data)
        var figures: [ReportFigure] = []
        var omitted: [String] = []
        if let f = ReportFigure.latencyCDF(data, sla: sla, slaStated: options.sla != nil || recorded != nil) { figures.append(f) } else {
            omitted.append("No update latency percentiles in these results: the latency distribution is not drawn.")
        }
        if let f = ReportFigure.bytesOverTime(data, timeline: timeline) { figures.append(f) } else {
            omitted.append("No bytes per tier boundary in timeseries.csv: the traffic figure is not drawn.")
        }
        if let f = ReportFigure.monthlyCost(data) { figures.append(f) } else {
            omitted.append("No monthly cost metrics in these results: the cost figure is not drawn.")
        }
        if let f = ReportFigure.replicationOverTime(data, timeline: timeline) { figures.append(f) } else {
            omitted.append("No replication time series (stale reads, hint backlog) in these results: that figure is not drawn.")
        }
        // Only runs of the key-value probe workload have one; others say nothing of it.
        if let f = ReportFigure.probeCurve(data) { figures.append(f) }

        let fm = FileManager.default
        let plotsPath = options.plotsFolder ?? defaultPlotsPath(resultsFolder)
        let plots = URL(fileURLWithPath: plotsPath).standardizedFileURL
        let dataFolder = plots.appendingPathComponent("data")
        for f in figures {
            let script = scripts.appendingPathComponent("\(f.name).gp")
            guard fm.fileExists(atPath: script.path) else {
                throw ReportError(.scriptsMissing, "\(script.path): missing gnuplot script (pass --scripts DIR with EdgeSim's plots folder)")
            }
        }

        try attempt("create \(dataFolder.path)") { try fm.createDirectory(at: dataFolder, withIntermediateDirectories: true) }
        try removeOwnFiles(plots: plots)
        for f in figures {
            for file in f.dataFiles {
                try write(file.contents, to: dataFolder.appendingPathComponent(file.name))
            }
            try write(f.parameters.text, to: dataFolder.appendingPathComponent(f.parameters.fileName(for: f.name)))
            try gnuplot.run(script: scripts.appendingPathComponent("\(f.name).gp"), figures: plots)
        }

        // The images next to the page, one by one: a file in figures/ that
        // this command did not write stays.
        let results = URL(fileURLWithPath: resultsFolder).standardizedFileURL
        try installFigures(figures.map(\.name), from: plots, into: results,
                           owned: { name in figureNames.contains { name == "\($0).png" || name == "\($0).svg" } })

        let page = ReportPage(data: data, figures: figures, omitted: omitted, sla: sla)
        let pageURL = results.appendingPathComponent(pageName)
        try write(page.html, to: pageURL)
        return Outcome(page: pageURL, plotsFolder: plots, plotsPath: plotsPath, figures: figures.map(\.name),
                       omitted: omitted)
    }

    /// The figures' folder when no plots folder is given: `figures/` of the
    /// results folder, so a report writes nowhere else.
    static func defaultPlotsPath(_ resultsFolder: String) -> String {
        (resultsFolder.hasSuffix("/") ? resultsFolder : resultsFolder + "/") + ReportPage.figuresFolder
    }

    /// Puts the images of `names` (PNG and SVG) into `figures/` of `results`,
    /// each by way of a temporary file and a rename, and removes the images
    /// of earlier reports that were not drawn this time. Only files that
    /// `owned` accepts are ever removed; nothing is copied when the plots
    /// folder is `figures/` itself.
    static func installFigures(_ names: [String], from plots: URL, into results: URL,
                               owned: (String) -> Bool) throws(ReportError) {
        let fm = FileManager.default
        let folder = results.appendingPathComponent(ReportPage.figuresFolder).standardizedFileURL
        try attempt("create \(folder.path)") { try fm.createDirectory(at: folder, withIntermediateDirectories: true) }
        let drawn = Set(names.flatMap { ["\($0).png", "\($0).svg"] })
        if plots.standardizedFileURL.path != folder.path {
            let pid = ProcessInfo.processInfo.processIdentifier
            for name in drawn.sorted() {
                let temporary = folder.appendingPathComponent(".\(name).tmp-\(pid)")
                try? fm.removeItem(at: temporary)
                try attempt("copy \(name) into \(folder.path)") {
                    try fm.copyItem(at: plots.appendingPathComponent(name), to: temporary)
                    if rename(temporary.path, folder.appendingPathComponent(name).path) != 0 {
                        let reason = String(cString: strerror(errno))
                        try? fm.removeItem(at: temporary)
                        throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: reason])
                    }
                }
            }
        }
        for name in ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? []).sorted() where owned(name) && !drawn.contains(name) {
            try? fm.removeItem(at: folder.appendingPathComponent(name))
        }
    }

    /// Every figure this command can draw, so a figure that is not drawn this
    /// time does not linger from an earlier report.
    static let figureNames = ["latency-cdf", "bytes-over-time", "monthly-cost", "replication-over-time"]

    /// Removes the images and data files an earlier report left in `plots`
    /// (only files with the names and extensions this command writes).
    static func removeOwnFiles(plots: URL) throws(ReportError) {
        let fm = FileManager.default
        for name in figureNames {
            for ext in ["png", "svg"] { try? fm.removeItem(at: plots.appendingPathComponent("\(name).\(ext)")) }
        }
        let data = plots.appendingPathComponent("data")
        let names = (try? fm.contentsOfDirectory(atPath: data.path)) ?? []
        for name in names.sorted() where name.hasSuffix(".dat") || name.hasSuffix("-params.gp") {
            try? fm.removeItem(at: data.appendingPathComponent(name))
        }
    }

    /// Writes `text` to `url` by way of a temporary file and a rename.
    static func write(_ text: String, to url: URL) throws(ReportError) {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        try attempt("write \(url.path)") {
            try Data(text.utf8).write(to: temporary)
            // rename(2) replaces the destination in one step.
            if rename(temporary.path, url.path) != 0 {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temporary)
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: reason])
            }
        }
    }

    static func attempt(_ what: String, _ body: () throws -> Void) throws(ReportError) {
        do {
            try body()
        } catch {
            throw ReportError(.writeFailed, "cannot \(what): \(OutputError.cause(of: error))")
        }
    }
}
