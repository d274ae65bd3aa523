import Foundation

/// The probe curve of a sweep of the key-value probe workload: the fraction
/// of probe reads that saw their write (`t_visibility_probe_<t>`) against the
/// delay t, one line per point and arm, with the reads' own 95% interval
/// (`..._ci95_low`, `..._ci95_high`) as error bars. Drawn by
/// `plots/probe-curve.gp`; nil for a sweep whose points measured no probes.
struct SweepProbeCurve {
    /// The script's base name.
    static let script = "probe-curve"
    /// The images' base name.
    static let name = "sweep-probe-curve"
    static let prefix = "t_visibility_probe_"

    /// The delays' labels (`0ms`, `1ms`, `1s`), in the order the points report them.
    var delays: [String]
    /// One label per line: the varied keys' values (each key by its last part).
    var labels: [String]
    var dataFile: (name: String, contents: String)
    var parameters: GnuplotParameters

    init?(_ data: SweepData) {
        let delays = data.metrics.compactMap { m -> String? in
            guard m.hasPrefix(Self.prefix), !m.hasSuffix("_ci95_low"), !m.hasSuffix("_ci95_high") else { return nil }
            return String(m.dropFirst(Self.prefix.count))
        }
        guard !delays.isEmpty else { return nil }
        self.delays = delays
        let varying = data.keys.indices.filter { data.values(ofKey: $0).count > 1 }
        var points: [[String]] = []
        for row in data.rows where !points.contains(row.values) { points.append(row.values) }
        // The first varied key sets the dash, the others the colour.
        let firstValues = varying.first.map { data.values(ofKey: $0) } ?? []
        var labels: [String] = [], dashes: [Double] = [], colours: [Double] = []
        var colourKeys: [[String]] = []
        var text = "# delay (position) fraction ci95_low ci95_high; one block per line: point and arm\n"
        for arm in data.arms {
            for point in points {
                let detail = varying.map { k -> String in
                    let key = data.keys[k]
                    let short = key.split(separator: ".").last.map(String.init) ?? key
                    // `{distribution: lognormal, median: 6ms, sigma: 1}` reads as `lognormal, median: 6ms, sigma: 1`.
                    let value = point[k].replacingOccurrences(of: "distribution: ", with: "")
                        .trimmingCharacters(in: CharacterSet(charactersIn: "{}"))
                    return "\(short)=\(value)"
                }
                let label = (data.arms.count > 1 ? [arm] : []) + detail
                labels.append(label.isEmpty ? arm : label.joined(separator: ", "))
                dashes.append(Double((varying.first.flatMap { firstValues.firstIndex(of: point[$0]) } ?? 0) + 1))
                let rest = [arm] + varying.dropFirst().map { point[$0] }
                if !colourKeys.contains(rest) { colourKeys.append(rest) }
                colours.append(Double(colourKeys.firstIndex(of: rest)! + 1))
                text += "# \(labels.last!)\n"
                func mean(_ metric: String) -> Double? {
                    data.rows.first { $0.values == point && $0.arm == arm && $0.metric == metric }?.mean
                }
                for (i, d) in delays.enumerated() {
                    guard let m = mean(Self.prefix + d), m.isFinite else { continue }
                    let low = mean(Self.prefix + d + "_ci95_low").flatMap { $0.isFinite ? $0 : nil } ?? m
                    let high = mean(Self.prefix + d + "_ci95_high").flatMap { $0.isFinite ? $0 : nil } ?? m
                    text += GnuplotData.line([Double(i), m, low, high])
                }
                text += "\n\n"
            }
        }
        self.labels = labels
        dataFile = ("\(Self.name).dat", text)
        var p = GnuplotParameters()
        p.set("scenario", data.manifest.scenario)
        p.set("base", Self.name)
        p.set("ndelays", delays.count)
        p.array("delay_label", delays)
        p.set("nseries", labels.count)
        p.array("series_label", labels)
        p.array("series_dash", dashes)
        p.array("series_colour", colours)
        parameters = p
    }
}
