import Foundation

extension ReportFigure {
    /// The percentile points of update latency in the results, with their
    /// cumulative fraction and their place on the stretched vertical axis.
    static let latencyPoints: [(metric: String, fraction: Double, position: Double, label: String)] = [
        ("update_latency_p50", 0.5, -log10(0.5), "p50"),
        ("update_latency_p95", 0.95, -log10(0.05), "p95"),
        ("update_latency_p99", 0.99, 2, "p99"),
        ("update_latency_p999", 0.999, 3, "p99.9"),
        // The maximum has fraction 1, which the stretched axis puts at
        // infinity: it is drawn one step above p99.9.
        ("update_latency_max", 1, 4, "max"),
    ]

    /// Figure: the update latency distribution of each arm, as a CDF through
    /// its percentile points on a logarithmic latency axis, with the SLA.
    ///
    /// - Returns: nil when no arm has at least two latency percentiles.
    static func latencyCDF(_ data: ResultsData, sla: Double, slaStated: Bool, consumer: String = "store") -> ReportFigure? {
        // The store's percentiles are the headline update_latency_*; the others carry their consumer's name.
        let prefix = consumer == "store" ? "update_latency_" : "update_latency_\(consumer)_"
        let name = consumer == "store" ? "latency-cdf" : "latency-cdf-\(consumer)"
        let who = ["store": "the store", "region": "the regional dashboard", "hq": "headquarters"][consumer] ?? consumer
        var files: [(String, String)] = []
        var arms: [String] = []
        var lowest = Double.infinity, highest = sla
        for arm in data.arms {
            var text = "# update latency at \(who) of \(arm): latency_s cumulative_fraction axis_position percentile value_label\n"
            var points = 0
            for p in latencyPoints {
                let metric = prefix + p.metric.dropFirst("update_latency_".count)
                guard let s = data.summary(metric, arm: arm), s.mean.isFinite, s.mean > 0 else { continue }
                text += String(GnuplotData.line([s.mean, p.fraction, p.position]).dropLast()) + " \(p.label) " + GnuplotParameters.quoted(QuantityFormat.seconds(s.mean)) + "\n"
                lowest = min(lowest, s.mean)
                highest = max(highest, s.mean)
                points += 1
            }
            guard points >= 2 else { continue }
            arms.append(arm)
            files.append(("\(name)-\(arm).dat", text))
        }
        guard !arms.isEmpty else { return nil }

        var p = GnuplotParameters()
        p.set("scenario", data.scenario)
        p.set("figure", name)
        p.set("consumer", who)
        p.set("arms", arms.joined(separator: " "))
        p.set("sla", sla)
        p.set("sla_label", "SLA " + QuantityFormat.duration(sla))
        // Whole decades around the data and the SLA.
        p.set("xmin", pow(10, floor(log10(lowest))))
        p.set("xmax", pow(10, ceil(log10(highest * 1.2))))

        let n = replicationCount(data) > 1 ? ", means over \(replicationCount(data)) repetitions" : ""
        var caption = """
            Cumulative distribution of update latency at \(who) (from a camera capturing a frame until \
            \(who)'s view reflects it), \(arms.joined(separator: " against ")), on a logarithmic latency axis. \
            The results hold only percentile points (p50, p95, p99, p99.9 and the maximum\(n)), so each curve \
            is drawn through those points, joined by straight lines; nothing is known below the median. The \
            vertical axis is stretched toward the tail (equal steps from 0.9 to 0.99 to 0.999) and the maximum \
            is drawn one step above p99.9. The dashed line marks the SLA of \(QuantityFormat.duration(sla))
            """
        caption += slaStated ? "." : " (the default: these results do not record their scenario's SLA; pass --sla to change it)."
        var lost: [String] = []
        for arm in arms where consumer == "store" {
            guard let captured = data.summary("frames_captured", arm: arm)?.mean,
                  let applied = data.summary("updates_applied", arm: arm)?.mean, captured > 0, applied < captured
            else { continue }
            lost.append("\(QuantityFormat.percent(1 - applied / captured)) of \(arm)'s frames")
        }
        if !lost.isEmpty {
            caption += " Frames lost on the way (\(lost.joined(separator: ", "))) have no latency and are not in the curves; they count as SLA misses in sla_met_fraction."
        }
        if consumer != "store" {
            caption += " Frames that never reached \(who) have no latency and are not in the curves; they count as SLA misses in sla_met_fraction_\(consumer)."
        }
        return ReportFigure(name: name, title: "Update latency distribution at \(who)", caption: caption,
                            dataFiles: files, parameters: p)
    }

    /// The most repetitions any metric has.
    static func replicationCount(_ data: ResultsData) -> Int {
        data.summaries.map(\.n).max() ?? 1
    }

    /// " (means over 3 repetitions)" when there is more than one.
    static func replicationsPhrase(_ data: ResultsData) -> String {
        let n = replicationCount(data)
        return n > 1 ? " (means over \(n) repetitions)" : ""
    }
}
