/// The sweep report as one self-contained HTML page, in the style of the
/// results report: what was swept, then one figure per metric.
///
/// The text depends only on the sweep folder, so the same sweep gives the
/// same bytes.
struct SweepReportPage {
    var data: SweepData
    var figures: SweepFigures
    /// The probe curve, for a sweep of the key-value probe workload.
    var curve: SweepProbeCurve?

    var html: String {
        func escape(_ s: String) -> String { ReportPage.escape(s) }
        let m = data.manifest
        let axis = data.keys[data.axisKey]
        var out = ReportPage.opening(title: "EdgeSim sweep report: " + m.scenario)
        let repetitions = m.repetitions == 1 ? "1 repetition" : "\(m.repetitions) repetitions"
        out += "<p class=\"meta\">\(escape("\(m.points) points · \(repetitions) per arm and point · master seed \(m.seed) · EdgeSim \(m.version) · scenario file hash \(m.scenarioHash)"))</p>\n"
        out += "<h2 id=\"sweep\">What was swept</h2>\n<ul>\n"
        for s in m.sets { out += "<li><code>--set \(escape(s))</code></li>\n" }
        out += "</ul>\n"
        out += "<p>Each figure shows a metric's mean over the repetitions against <code>\(escape(axis))</code>"
        out += figures.numericAxis ? "" : " (its values evenly spaced, in sweep order)"
        out += ", one line per arm"
        let varying = data.keys.indices.filter { data.values(ofKey: $0).count > 1 }
        out += varying.count > 1 ? " and per combination of the other varied keys' values (by dash pattern)" : ""
        out += m.repetitions > 1 ? ", with the Student-t 95% interval of the mean as error bars" : " (one repetition: no intervals)"
        out += ". The numbers are in sweep.csv; each point's own results are under points/. Definitions: docs/METRICS.md.</p>\n"
        if !figures.constant.isEmpty {
            out += "<p class=\"omitted\">Not drawn, the same at every point: \(escape(figures.constant.joined(separator: ", "))).</p>\n"
        }
        out += "<h2 id=\"figures\">Figures</h2>\n"
        let first = curve == nil ? 1 : 2
        if curve != nil {
            let name = SweepProbeCurve.name
            let png = "\(ReportPage.figuresFolder)/\(name).png", svg = "\(ReportPage.figuresFolder)/\(name).svg"
            out += """
                <figure id="\(name)">
                <a href="\(svg)"><img src="\(png)" alt="probability of consistency against t, \(escape(m.scenario))"></a>
                <figcaption><b>Figure 1. Probability of consistency against t.</b> The fraction of probe reads issued \
                t after their write's acknowledgement that saw the write (t_visibility_probe_&lt;t&gt;), one line per \
                point, with the reads' 95% interval as error bars; the delays evenly spaced. \
                <a href="\(svg)">SVG</a> · <a href="\(png)">PNG</a></figcaption>
                </figure>

                """
        }
        for (i, f) in figures.figures.enumerated() {
            let png = "\(ReportPage.figuresFolder)/\(f.name).png", svg = "\(ReportPage.figuresFolder)/\(f.name).svg"
            let unit = f.unit.isEmpty ? "" : " (\(f.unit))"
            out += """
                <figure id="\(f.name)">
                <a href="\(svg)"><img src="\(png)" alt="\(escape(f.metric)) against \(escape(axis)), \(escape(m.scenario))"></a>
                <figcaption><b>Figure \(i + first). \(escape(f.metric))\(escape(unit)) against \(escape(axis)).</b> \
                <a href="\(svg)">SVG</a> · <a href="\(png)">PNG</a></figcaption>
                </figure>

                """
        }
        out += """
            <footer>
            <p>Written by <code>edgesim report</code> from sweep.csv and sweep.json of this folder; the same sweep \
            always gives this same page. The figures are drawn by gnuplot with plots/sweep-metrics.gp from data files \
            written next to the images.</p>
            </footer>
            </main>
            </body>
            </html>

            """
        return out
    }
}
