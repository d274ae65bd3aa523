import Foundation
import Metrics

/// Writes the report of a capacity folder (one `edgesim capacity` wrote):
/// `report.html` with the metric's curve over the values evaluated, the
/// condition's threshold and the knee marked (plots/capacity-curve.gp).
///
/// As for ``ResultsReport``, the figure and its data land in the plots
/// folder (default `figures/` of the capacity folder) and only files this
/// command writes are replaced.
public enum CapacityCurveReport {
    /// Whether `folder` holds a capacity search.
    public static func isCapacity(folder: String) -> Bool {
        FileManager.default.fileExists(atPath: URL(fileURLWithPath: folder).appendingPathComponent("capacity.json").path)
    }

    /// The figure's name (and script's).
    static let figure = "capacity-curve"

    /// One row of capacity.csv.
    struct Point {
        var value: Double
        var metricValue: Double
        var holds: Bool
        /// The other metric's mean, when the condition compares two.
        var referenceValue: Double?
    }

    /// Writes the report of `folder`.
    ///
    /// - Throws: ``ReportError`` for a missing or malformed file, missing
    ///   gnuplot or script, a failed rendering or write.
    public static func write(capacityFolder folder: String, options: ResultsReport.Options = ResultsReport.Options())
        throws(ReportError) -> ResultsReport.Outcome {
        let root = URL(fileURLWithPath: folder).standardizedFileURL
        let summary = try readJSON(root.appendingPathComponent("capacity.json"))
        let csvURL = root.appendingPathComponent("capacity.csv")
        guard let text = try? String(contentsOf: csvURL, encoding: .utf8), let table = CSVTable.parse(text),
              table.header == CapacityReport.header || table.header == CapacityReport.header + CapacityReport.referenceColumns else {
            throw ReportError(.malformedFile, "\(csvURL.path): missing, or not a capacity.csv with columns \(CapacityReport.header.joined(separator: ","))")
        }
        let compared = table.header.count > CapacityReport.header.count
        var points: [Point] = []
        for row in table.rows {
            func number(_ text: String) -> Double? { text == "nan" ? Double.nan : Double(text) }
            guard let v = Double(row[0]), let m = number(row[3]), !compared || number(row[6]) != nil else {
                throw ReportError(.malformedFile, "\(csvURL.path): row \(row.joined(separator: ",")) is not numbers")
            }
            points.append(Point(value: v, metricValue: m, holds: row[4] == "true", referenceValue: compared ? number(row[6]) : nil))
        }
        let metric = table.rows.first?[1] ?? "metric", unit = table.rows.first?[2] ?? ""
        let reference = compared ? table.rows.first?[5] : nil
        let scenario = summary["scenario"] as? String ?? "scenario"
        let key = summary["vary"] as? String ?? "value"
        let until = summary["until"] as? String ?? ""
        let condition = try? CapacityCondition(parsing: until)
        let knee = summary["knee"] as? Int

        let gnuplot = try Gnuplot.locate(environment: options.environment)
        let scripts: URL
        if let given = options.scriptsFolder { scripts = URL(fileURLWithPath: given) } else { scripts = try Gnuplot.scriptsFolder() }
        let script = scripts.appendingPathComponent("\(figure).gp")
        guard FileManager.default.fileExists(atPath: script.path) else {
            throw ReportError(.scriptsMissing, "\(script.path): missing gnuplot script (pass --scripts DIR with EdgeSim's plots folder)")
        }
        let plotsPath = options.plotsFolder ?? ResultsReport.defaultPlotsPath(folder)
        let plots = URL(fileURLWithPath: plotsPath).standardizedFileURL
        let dataFolder = plots.appendingPathComponent("data")
        try ResultsReport.attempt("create \(dataFolder.path)") {
            try FileManager.default.createDirectory(at: dataFolder, withIntermediateDirectories: true)
        }
        var dat = "# \(key) \(metric) holds" + (reference.map { " \($0)" } ?? "") + "\n"
        for p in points {
            dat += "\(MetricNumber.format(p.value)) \(MetricNumber.format(p.metricValue)) \(p.holds ? 1 : 0)"
                + (p.referenceValue.map { " " + MetricNumber.format($0) } ?? "") + "\n"
        }
        try ResultsReport.write(dat, to: dataFolder.appendingPathComponent("\(figure).dat"))
        var parameters = GnuplotParameters()
        parameters.set("scenario", scenario)
        parameters.set("key", key)
        parameters.set("metric", metric)
        parameters.set("ylabel", unit.isEmpty ? metric : "\(metric) (\(unit))")
        parameters.set("in_seconds", unit == "s" ? 1 : 0)
        parameters.set("in_usd", unit == "usd" ? 1 : 0)
        parameters.set("threshold", condition?.threshold ?? .nan)
        parameters.set("has_reference", reference == nil ? 0 : 1)
        parameters.set("reference", reference ?? "")
        parameters.set("condition", until)
        parameters.set("has_knee", knee == nil ? 0 : 1)
        parameters.set("knee", Double(knee ?? 0))
        try ResultsReport.write(parameters.text, to: dataFolder.appendingPathComponent(parameters.fileName(for: figure)))
        try gnuplot.run(script: script, figures: plots)
        try ResultsReport.installFigures([figure], from: plots, into: root,
                                         owned: { $0 == "\(figure).png" || $0 == "\(figure).svg" })

        let page = html(scenario: scenario, key: key, metric: metric, reference: reference, unit: unit, until: until, knee: knee,
                        outcome: summary["outcome"] as? String ?? "", points: points)
        let pageURL = root.appendingPathComponent(ResultsReport.pageName)
        try ResultsReport.write(page, to: pageURL)
        return ResultsReport.Outcome(page: pageURL, plotsFolder: plots, plotsPath: plotsPath, figures: [figure], omitted: [])
    }

    static func readJSON(_ url: URL) throws(ReportError) -> [String: Any] {
        guard let data = FileManager.default.contents(atPath: url.path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ReportError(.malformedFile, "\(url.path): missing or not JSON")
        }
        return object
    }

    static func html(scenario: String, key: String, metric: String, reference: String?, unit: String, until: String,
                     knee: Int?, outcome: String, points: [Point]) -> String {
        let e = ReportPage.escape
        var out = ReportPage.opening(title: "EdgeSim capacity report: " + scenario)
        let answer: String
        if let knee {
            answer = "The knee is at <b>\(e(key)) = \(knee)</b>: the largest value at which <code>\(e(until))</code> does not hold yet."
        } else {
            answer = "No knee in the range: the condition \(e(outcome))."
        }
        out += "<p>\(answer) \(points.count) values were evaluated by bisection; each one's results are under runs/.</p>\n"
        let rightSide = reference.map { "with \(e($0)), the right side of <code>\(e(until))</code>, as a second line," }
            ?? "the threshold of <code>\(e(until))</code> dashed"
        let referenceHeader = reference.map { "<th>\(e($0))</th>" } ?? ""
        let png = "\(ReportPage.figuresFolder)/\(figure).png", svg = "\(ReportPage.figuresFolder)/\(figure).svg"
        out += """
            <figure id="\(figure)">
            <a href="\(svg)"><img src="\(png)" alt="\(e(metric)) against \(e(key)), \(e(scenario))"></a>
            <figcaption><b>Figure 1. \(e(metric)) against \(e(key)),</b> \(rightSide) \
            and the knee dotted. <a href="\(svg)">SVG</a> · <a href="\(png)">PNG</a></figcaption>
            </figure>
            <table>
            <thead><tr><th>\(e(key))</th><th>\(e(metric))</th>\(referenceHeader)<th>condition</th></tr></thead>
            <tbody>

            """
        for p in points {
            out += "<tr><td>\(MetricNumber.format(p.value))</td><td>\(e(QuantityFormat.value(p.metricValue, unit: unit)))</td>"
                + (p.referenceValue.map { "<td>\(e(QuantityFormat.value($0, unit: unit)))</td>" } ?? "")
                + "<td>\(p.holds ? "holds" : "does not hold")</td></tr>\n"
        }
        out += """
            </tbody>
            </table>
            <footer>
            <p>Written by <code>edgesim report</code> from capacity.csv and capacity.json of this folder. The figure is \
            drawn by gnuplot with plots/capacity-curve.gp from data files written next to the image.</p>
            </footer>
            </main>
            </body>
            </html>

            """
        return out
    }
}
