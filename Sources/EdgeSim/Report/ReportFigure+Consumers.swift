import Foundation

extension ReportFigure {
    /// The consumers, in the order of the page, with what the captions call them.
    static let consumers: [(name: String, label: String)] = [
        ("store", "the store"), ("region", "the regional dashboard"), ("hq", "headquarters"),
    ]

    /// Figure: the mean age of each consumer's view, both arms, as bars on a
    /// logarithmic axis, with the p99 of the stale episodes marked.
    ///
    /// - Returns: nil when the results have no freshness metrics.
    static func freshness(_ data: ResultsData) -> ReportFigure? {
        var files: [(String, String)] = []
        var arms: [String] = []
        var lowest = Double.infinity, highest = 0.0
        for arm in data.arms {
            var text = "# freshness of \(arm): consumer_index mean_age_s episode_p99_s label\n"
            var rows = 0
            for (i, c) in consumers.enumerated() {
                guard let mean = data.summary("freshness_\(c.name)_mean", arm: arm)?.mean, mean.isFinite else { continue }
                let p99 = data.summary("freshness_\(c.name)_p99", arm: arm)?.mean ?? .nan
                // A logarithmic axis cannot show zero: a floor of 1 ms.
                let shown = max(mean, 0.001)
                text += String(GnuplotData.line([Double(i), shown, p99]).dropLast()) + " "
                    + GnuplotParameters.quoted(QuantityFormat.seconds(mean)) + "\n"
                lowest = min(lowest, shown, p99.isFinite ? p99 : shown)
                highest = max(highest, shown, p99.isFinite ? p99 : shown)
                rows += 1
            }
            guard rows > 0 else { continue }
            arms.append(arm)
            files.append(("freshness-\(arm).dat", text))
        }
        guard !arms.isEmpty else { return nil }
        var p = GnuplotParameters()
        p.set("scenario", data.scenario)
        p.set("arms", arms.joined(separator: " "))
        p.array("consumer_label", consumers.map(\.label))
        p.set("ymin", pow(10, floor(log10(lowest))))
        p.set("ymax", pow(10, ceil(log10(highest * 1.5))))
        let caption = """
            How stale each consumer's view of the shelves is, \(arms.joined(separator: " against "))\
            \(replicationsPhrase(data)), on a logarithmic axis. Bars: the mean age of the view against the \
            truth over every SKU and the measured window (0 while the view equals the shelf; a floor of 1 ms \
            is drawn for smaller values), labelled with their value. Points: the p99 length of a stale \
            episode (from the true change until the view equals the shelf again). Definitions: \
            freshness_<consumer> in docs/METRICS.md.
            """
        return ReportFigure(name: "freshness", title: "Freshness of each consumer's view", caption: caption,
                            dataFiles: files, parameters: p)
    }

    /// Figure: per-bucket p99 update latency and SLA fraction of each
    /// consumer, both arms, with the faults shaded.
    ///
    /// - Returns: nil when the time series have no per-consumer series.
    static func consumerTimeline(_ data: ResultsData, timeline: Timeline) -> ReportFigure? {
        let metrics = Set(Timeline.metrics(data))
        var panels: [Panel] = []
        for c in consumers where metrics.contains("update_latency_p99_\(c.name)") {
            panels.append(Panel(metric: "update_latency_p99_\(c.name)", title: "p99 update latency at \(c.label) (s)"))
            panels.append(Panel(metric: "sla_met_fraction_\(c.name)", title: "updates within the SLA at \(c.label)"))
        }
        guard !panels.isEmpty else { return nil }
        var (files, p) = timelineData(name: "consumer-timeline", data: data, timeline: timeline, panels: panels,
                                      logScale: false, range: nil)
        p.set("ylabel", "per bucket")
        files.append(("faults.dat", timeline.faultsData()))
        var caption = """
            Per \(QuantityFormat.duration(timeline.width)) bucket of capture time, \
            \(data.arms.joined(separator: " and "))\(replicationsPhrase(data)): the p99 latency of the updates \
            that reached each consumer, and the share of updates captured in the bucket that reached it within \
            the SLA (late and lost updates count against it: during a fault this is the availability the \
            consumer saw). A bucket where no update reached the consumer leaves a gap in the latency.
            """
        if !timeline.faultWindows.isEmpty {
            caption += " Shaded: the faults (\(timeline.faultWindowsText))."
        }
        return ReportFigure(name: "consumer-timeline", title: "What each consumer saw over time", caption: caption,
                            dataFiles: files, parameters: p)
    }
}
