/// The figures of a sweep report: one per metric that varies over the
/// sweep, the metric's mean against the axis key, one line per arm (and per
/// combination of the other keys' values), with Student-t 95% intervals as
/// error bars. All are drawn by one script, `plots/sweep-metrics.gp`.
struct SweepFigures {
    /// The script's base name.
    static let script = "sweep-metrics"

    /// One figure.
    struct Figure {
        var metric: String
        var unit: String
        /// `sweep-<metric>`: the images' base name.
        var name: String { "sweep-\(metric)" }
    }

    /// One line of every figure.
    struct Series {
        var arm: String
        /// The other keys' values, in key order.
        var others: [String]
        var label: String
    }

    var figures: [Figure]
    /// Metrics left out because they take the same value everywhere.
    var constant: [String]
    var series: [Series]
    var dataFiles: [(name: String, contents: String)]
    var parameters: GnuplotParameters
    /// The axis key's values, in sweep order.
    var axisValues: [String]
    /// Whether the axis values are plain numbers (else evenly spaced categories).
    var numericAxis: Bool

    init(_ data: SweepData) {
        let axis = data.axisKey
        axisValues = data.values(ofKey: axis)
        let numbers = axisValues.map { Double($0) }
        numericAxis = numbers.allSatisfy { $0?.isFinite == true }
        // Keys set to one value are the same on every line; the page lists them.
        let otherKeys = data.keys.indices.filter { $0 != axis && data.values(ofKey: $0).count > 1 }
        var combinations: [[String]] = []
        for row in data.rows {
            let c = otherKeys.map { row.values[$0] }
            if !combinations.contains(c) { combinations.append(c) }
        }
        series = data.arms.flatMap { arm in
            combinations.map { c in
                let detail = zip(otherKeys, c).map { "\(data.keys[$0])=\($1)" }.joined(separator: ", ")
                return Series(arm: arm, others: c, label: detail.isEmpty ? arm : "\(arm), \(detail)")
            }
        }
        var figures: [Figure] = []
        var constant: [String] = []
        var files: [(name: String, contents: String)] = []
        // A metric's own interval bounds (`..._ci95_low`, `..._ci95_high`) are
        // error bars of another figure (the probe curve), not figures.
        for metric in data.metrics where !metric.hasSuffix("_ci95_low") && !metric.hasSuffix("_ci95_high") {
            let rows = data.rows.filter { $0.metric == metric }
            // NaN (a metric a point cannot measure) is one value here, not
            // one per row: a metric undefined everywhere has nothing to draw.
            let means = Set(rows.map(\.mean).filter(\.isFinite))
            if means.count <= 1 && rows.allSatisfy({ $0.low == $0.high || !$0.low.isFinite }) {
                constant.append(metric)
                continue
            }
            let figure = Figure(metric: metric, unit: data.units[metric] ?? "")
            var text = "# \(data.keys[axis]) (\(numericAxis ? "value" : "position")) mean ci95_low ci95_high; one block per line of the figure\n"
            for s in series {
                text += "# \(s.label)\n"
                for (i, v) in axisValues.enumerated() {
                    guard let r = rows.first(where: { row in
                        row.arm == s.arm && row.values[axis] == v && otherKeys.map { row.values[$0] } == s.others
                    }) else { continue }
                    // One repetition has no interval: the bar shrinks to the point.
                    let low = r.low.isFinite ? r.low : r.mean, high = r.high.isFinite ? r.high : r.mean
                    text += GnuplotData.line([numericAxis ? numbers[i]! : Double(i), r.mean, low, high])
                }
                text += "\n\n"
            }
            files.append(("\(figure.name).dat", text))
            figures.append(figure)
        }
        self.figures = figures
        self.constant = constant
        dataFiles = files

        var p = GnuplotParameters()
        p.set("scenario", data.manifest.scenario)
        p.set("xlabel", data.keys[axis])
        p.set("numeric_axis", numericAxis ? 1 : 0)
        p.array("axis_label", axisValues)
        p.set("naxis", axisValues.count)
        p.set("nmetrics", figures.count)
        p.array("metric", figures.map(\.metric))
        p.array("ylabel", figures.map { $0.unit.isEmpty ? $0.metric : "\($0.metric) (\($0.unit))" })
        p.array("in_seconds", figures.map { $0.unit == "s" ? 1.0 : 0.0 })
        p.set("nseries", series.count)
        p.array("series_label", series.map(\.label))
        p.array("series_arm", series.map(\.arm))
        p.array("series_dash", series.map { s in Double((combinations.firstIndex(of: s.others) ?? 0) + 1) })
        parameters = p
    }
}
