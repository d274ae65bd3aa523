extension ReportFigure {
    /// One panel of a timeline figure: a time-series metric, both arms.
    struct Panel {
        var metric: String
        var title: String
    }

    /// The boundaries in the order of the page: up the tree, then the WAN
    /// sum, then down the tree; any other `bytes_*` series follows.
    static let boundaryOrder: [(metric: String, title: String)] = [
        ("bytes_device_to_store", "device → store"),
        ("bytes_store_to_region", "store → region"),
        ("bytes_region_to_cloud", "region → cloud"),
        ("wan_bytes", "WAN (everything leaving the stores)"),
        ("bytes_store_to_store", "store → store (peer links)"),
        ("bytes_cloud_to_region", "cloud → region"),
        ("bytes_region_to_store", "region → store"),
        ("bytes_store_to_device", "store → device"),
    ]

    /// Figure: bytes offered to each tier boundary per bucket, both arms, on
    /// a logarithmic axis, with the buckets that ended in a fault shaded.
    ///
    /// - Returns: nil when the time series have no byte counts.
    static func bytesOverTime(_ data: ResultsData, timeline: Timeline) -> ReportFigure? {
        let metrics = Timeline.metrics(data)
        var candidates = boundaryOrder.filter { metrics.contains($0.metric) }
        for m in metrics where m.hasPrefix("bytes_") && !candidates.contains(where: { $0.metric == m }) {
            candidates.append((m, String(m.dropFirst(6)).replacingUnderscores(with: " ").replacingToWithArrow()))
        }
        var panels: [Panel] = []
        var silent: [String] = []
        for c in candidates {
            let anyTraffic = data.arms.contains { arm in timeline.series(data, arm: arm, metric: c.metric).contains { $0 > 0 } }
            if anyTraffic { panels.append(Panel(metric: c.metric, title: c.title)) } else { silent.append(c.title) }
        }
        guard !panels.isEmpty else { return nil }
        var (files, p) = timelineData(name: "bytes-over-time", data: data, timeline: timeline, panels: panels,
                                      logScale: true, range: nil)
        p.set("ylabel", "bytes per \(QuantityFormat.duration(timeline.width)) bucket")
        files.append(("faults.dat", timeline.faultsData()))

        var caption = """
            Bytes offered to the links that cross each tier boundary, per \(QuantityFormat.duration(timeline.width)) \
            bucket after the warm-up, \(data.arms.joined(separator: " and "))\(replicationsPhrase(data)), on a \
            logarithmic axis (a bucket with no bytes leaves a gap). WAN is everything that leaves the stores: \
            store → region plus store → store.
            """
        if !timeline.faultWindows.isEmpty {
            caption += " Shaded: the faults (\(timeline.faultWindowsText)), from the first bucket end at which a fault was active to the first at which none was; the same scripted faults hit both arms."
        }
        if !silent.isEmpty {
            caption += " Not drawn, no bytes in either arm: \(silent.joined(separator: ", "))."
        }
        return ReportFigure(name: "bytes-over-time", title: "Bytes per tier boundary over time", caption: caption,
                            dataFiles: files, parameters: p)
    }

    /// Prefixes of the replication time series (stale reads, hint backlog).
    static let replicationPrefixes = ["stale_read", "hint_backlog", "hints_", "divergent_keys"]

    /// Figure: stale reads and the hint backlog over time around the faults,
    /// both arms.
    ///
    /// - Returns: nil when the time series have none of them.
    static func replicationOverTime(_ data: ResultsData, timeline: Timeline) -> ReportFigure? {
        let panels = Timeline.metrics(data)
            .filter { m in replicationPrefixes.contains { m.hasPrefix($0) } }
            .map { Panel(metric: $0, title: replicationPanelTitle($0, width: timeline.width)) }
        guard !panels.isEmpty else { return nil }
        // Around the faults: a margin of the faults' span (at least three
        // buckets) on either side, within the run.
        var range: (Double, Double)? = nil
        if let first = timeline.faultWindows.first, let last = timeline.faultWindows.last,
           let start = timeline.ends.first, let end = timeline.ends.last {
            let margin = max(3 * timeline.width, last.end - first.start)
            range = (max(start - timeline.width, first.start - margin), min(end, last.end + margin))
        }
        var (files, p) = timelineData(name: "replication-over-time", data: data, timeline: timeline, panels: panels,
                                      logScale: false, range: range)
        p.set("ylabel", "count")
        files.append(("faults.dat", timeline.faultsData()))
        var caption = """
            Replication over time, \(data.arms.joined(separator: " and "))\(replicationsPhrase(data)): \
            \(panels.map(\.title).joined(separator: "; ")) (see docs/METRICS.md for each).
            """
        if !timeline.faultWindows.isEmpty {
            caption += " Drawn around the faults; shaded: the faults (\(timeline.faultWindowsText)), from the first bucket end at which a fault was active to the first at which none was."
        }
        return ReportFigure(name: "replication-over-time", title: "Stale reads and hint backlog over time",
                            caption: caption, dataFiles: files, parameters: p)
    }

    /// A replication panel's title: a level (the hint backlog, divergent
    /// keys) is read at each bucket's end; the rest are counts per bucket.
    static func replicationPanelTitle(_ metric: String, width: Double) -> String {
        let words = metric.replacingUnderscores(with: " ")
        let isLevel = metric.hasPrefix("hint_backlog") || metric.hasPrefix("divergent_keys")
        return isLevel ? "\(words) at each bucket end" : "\(words) per \(QuantityFormat.duration(width)) bucket"
    }

    /// The per-arm data files and the parameters shared by the timeline
    /// figures (`plots/timeline-panels.gp` draws them).
    static func timelineData(name: String, data: ResultsData, timeline: Timeline, panels: [Panel], logScale: Bool,
                             range: (Double, Double)?) -> ([(name: String, contents: String)], GnuplotParameters) {
        var files: [(String, String)] = []
        var notes = Array(repeating: "", count: panels.count)
        let middles = timeline.ends.map { ($0 - timeline.width / 2) / timeline.unitSeconds }
        for arm in data.arms {
            let columns = panels.map { timeline.series(data, arm: arm, metric: $0.metric) }
            var text = "# \(arm): bucket_middle_\(timeline.unitName) " + panels.map(\.metric).joined(separator: " ") + "\n"
            for (i, t) in middles.enumerated() {
                // A logarithmic axis cannot show zero: leave the point out.
                let row = columns.map { c in logScale && !(c[i] > 0) ? Double.nan : c[i] }
                text += GnuplotData.line([t] + row)
            }
            for (j, c) in columns.enumerated() where !c.contains(where: { logScale ? $0 > 0 : $0.isFinite }) {
                notes[j] += (notes[j].isEmpty ? "" : "; ") + (logScale ? "\(arm): no bytes" : "\(arm): no data")
            }
            files.append(("\(name)-\(arm).dat", text))
        }
        // Lines that coincide hide each other: say so.
        if data.arms.count > 1 {
            for (j, panel) in panels.enumerated() where notes[j].isEmpty {
                let all = data.arms.map { timeline.series(data, arm: $0, metric: panel.metric) }
                if all.dropFirst().allSatisfy({ $0.elementsEqual(all[0], by: { $0 == $1 || ($0.isNaN && $1.isNaN) }) }) {
                    notes[j] = "the same in both arms"
                }
            }
        }
        var p = GnuplotParameters()
        p.set("scenario", data.scenario)
        p.set("figure", name)
        p.set("arms", data.arms.joined(separator: " "))
        p.set("npanels", panels.count)
        p.set("ncols", panels.count > 1 ? 2 : 1)
        p.set("nrows", (panels.count + 1) / 2)
        p.array("panel_title", panels.map(\.title))
        p.array("panel_note", notes)
        p.set("logscale", logScale ? 1 : 0)
        p.set("t_unit", timeline.unitName)
        let lo = range?.0 ?? ((timeline.ends.first ?? 0) - timeline.width)
        let hi = range?.1 ?? (timeline.ends.last ?? 1)
        p.set("xmin", lo / timeline.unitSeconds)
        p.set("xmax", hi / timeline.unitSeconds)
        p.set("has_faults", timeline.faultActive.contains { $0 > 0 } ? 1 : 0)
        return (files, p)
    }
}

extension String {
    fileprivate func replacingUnderscores(with replacement: String) -> String {
        split(separator: "_", omittingEmptySubsequences: false).joined(separator: replacement)
    }

    fileprivate func replacingToWithArrow() -> String {
        split(separator: " ").map { $0 == "to" ? "→" : String($0) }.joined(separator: " ")
    }
}
