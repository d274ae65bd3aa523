extension ReportFigure {
    /// Figure: the probe curve of a run of the key-value probe workload, the
    /// fraction of probe reads that saw their write against the delay t, one
    /// line per arm, with the reads' 95% interval (`..._ci95_low`,
    /// `..._ci95_high`) as error bars. Drawn by `plots/probe-curve.gp`, as
    /// the sweep report's curve is.
    ///
    /// - Returns: nil when the results hold no probe reads.
    static func probeCurve(_ data: ResultsData) -> ReportFigure? {
        let prefix = SweepProbeCurve.prefix
        let delays = data.metricOrder.map(\.name).compactMap { m -> String? in
            guard m.hasPrefix(prefix), !m.hasSuffix("_ci95_low"), !m.hasSuffix("_ci95_high") else { return nil }
            return String(m.dropFirst(prefix.count))
        }
        guard !delays.isEmpty else { return nil }
        var text = "# delay (position) fraction ci95_low ci95_high; one block per arm\n"
        var labels: [String] = []
        var points: [String] = []
        for arm in data.arms {
            text += "# \(arm)\n"
            labels.append(arm)
            for (i, d) in delays.enumerated() {
                guard let m = data.summary(prefix + d, arm: arm)?.mean, m.isFinite else { continue }
                let low = data.summary(prefix + d + "_ci95_low", arm: arm)?.mean ?? m
                let high = data.summary(prefix + d + "_ci95_high", arm: arm)?.mean ?? m
                text += GnuplotData.line([Double(i), m, low.isFinite ? low : m, high.isFinite ? high : m])
                points.append("\(arm) \(d) \(QuantityFormat.percent(m))")
            }
            text += "\n\n"
        }
        var p = GnuplotParameters()
        p.set("scenario", data.scenario)
        p.set("base", "probe-curve")
        p.set("ndelays", delays.count)
        p.array("delay_label", delays)
        p.set("nseries", labels.count)
        p.array("series_label", labels)
        p.array("series_dash", labels.map { _ in 1.0 })
        p.array("series_colour", labels.indices.map { Double($0 + 1) })
        let caption = """
            Probability of consistency against t\(replicationsPhrase(data)): the fraction of probe reads issued t \
            after their write's acknowledgement that saw the write (t_visibility_probe_<t>), with the reads' \
            95% interval as error bars; the delays evenly spaced. \(points.joined(separator: "; ")).
            """
        return ReportFigure(name: "probe-curve", title: "Probability of consistency against t", caption: caption,
                            dataFiles: [("probe-curve.dat", text)], parameters: p)
    }
}
