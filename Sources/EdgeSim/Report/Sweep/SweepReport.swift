import Foundation

/// Writes the report of a sweep folder (one `edgesim sweep` or `edgesim
/// merge` wrote): `report.html` with one figure per metric against the
/// varied key, both arms, with 95% intervals.
///
/// Like ``ResultsReport``, the figures land in the plots folder (default
/// `figures/` of the sweep folder: PNG, SVG and `data/`) and are copied to
/// `figures/` beside the page, which refers to nothing else.
public enum SweepReport {
    /// Whether `folder` holds a sweep rather than one run's results.
    public static func isSweep(folder: String) -> Bool { SweepData.isSweep(folder: folder) }

    /// Writes the report of `sweepFolder`.
    ///
    /// - Parameters:
    ///   - sweepFolder: the folder, as the user gave it.
    ///   - options: the plots folder, the scripts, gnuplot's search path
    ///     (the SLA is not used).
    /// - Throws: ``ReportError`` for a missing or malformed file, missing
    ///   gnuplot or script, a failed rendering or write.
    public static func write(sweepFolder: String, options: ResultsReport.Options = ResultsReport.Options())
        throws(ReportError) -> ResultsReport.Outcome {
        let data = try SweepData.load(folder: sweepFolder)
        let gnuplot = try Gnuplot.locate(environment: options.environment)
        let scripts: URL
        if let given = options.scriptsFolder { scripts = URL(fileURLWithPath: given) } else { scripts = try Gnuplot.scriptsFolder() }
        let script = scripts.appendingPathComponent("\(SweepFigures.script).gp")
        let fm = FileManager.default
        guard fm.fileExists(atPath: script.path) else {
            throw ReportError(.scriptsMissing, "\(script.path): missing gnuplot script (pass --scripts DIR with EdgeSim's plots folder)")
        }
        let figures = SweepFigures(data)
        let plotsPath = options.plotsFolder ?? ResultsReport.defaultPlotsPath(sweepFolder)
        let plots = URL(fileURLWithPath: plotsPath).standardizedFileURL
        let dataFolder = plots.appendingPathComponent("data")
        try ResultsReport.attempt("create \(dataFolder.path)") { try fm.createDirectory(at: dataFolder, withIntermediateDirectories: true) }
        // Earlier sweep figures and data in this plots folder go first.
        for (folder, extensions) in [(plots, [".png", ".svg"]), (dataFolder, [".dat"])] {
            for name in ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
            where name.hasPrefix("sweep-") && extensions.contains(where: name.hasSuffix) {
                try? fm.removeItem(at: folder.appendingPathComponent(name))
            }
        }
        for file in figures.dataFiles { try ResultsReport.write(file.contents, to: dataFolder.appendingPathComponent(file.name)) }
        try ResultsReport.write(figures.parameters.text, to: dataFolder.appendingPathComponent("\(SweepFigures.script)-params.gp"))
        if !figures.figures.isEmpty { try gnuplot.run(script: script, figures: plots) }
        let curve = SweepProbeCurve(data)
        if let curve {
            let curveScript = scripts.appendingPathComponent("\(SweepProbeCurve.script).gp")
            guard fm.fileExists(atPath: curveScript.path) else {
                throw ReportError(.scriptsMissing, "\(curveScript.path): missing gnuplot script (pass --scripts DIR with EdgeSim's plots folder)")
            }
            try ResultsReport.write(curve.dataFile.contents, to: dataFolder.appendingPathComponent(curve.dataFile.name))
            try ResultsReport.write(curve.parameters.text, to: dataFolder.appendingPathComponent("\(SweepProbeCurve.script)-params.gp"))
            try gnuplot.run(script: curveScript, figures: plots)
        }
        let names = (curve == nil ? [] : [SweepProbeCurve.name]) + figures.figures.map(\.name)

        let results = URL(fileURLWithPath: sweepFolder).standardizedFileURL
        try ResultsReport.installFigures(names, from: plots, into: results,
                                         owned: { $0.hasPrefix("sweep-") && ($0.hasSuffix(".png") || $0.hasSuffix(".svg")) })

        let page = SweepReportPage(data: data, figures: figures, curve: curve)
        let pageURL = results.appendingPathComponent(ResultsReport.pageName)
        try ResultsReport.write(page.html, to: pageURL)
        return ResultsReport.Outcome(page: pageURL, plotsFolder: plots, plotsPath: plotsPath,
                                     figures: names, omitted: [])
    }
}
