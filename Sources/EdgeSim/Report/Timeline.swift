/// The buckets of timeseries.csv, with every arm's series averaged over its
/// repetitions, and the fault timeline.
///
/// A bucket is stamped with its end; a value covers the bucket before its
/// stamp. Repetitions of a scenario share the bucket grid, so their values
/// are averaged bucket by bucket, in file order (deterministic sums).
struct Timeline {
    /// Bucket ends, in simulated seconds, ascending.
    var ends: [Double]
    /// The bucket width in seconds (the smallest step between bucket ends).
    var width: Double
    /// Per bucket: 1 when a fault was active at the bucket's end in any arm
    /// or repetition (all of them share the scripted timeline), else 0;
    /// empty when the results have no `fault_active` series.
    var faultActive: [Double]

    /// Minutes for runs longer than five minutes, else seconds.
    var unitSeconds: Double { (ends.last ?? 0) > 300 ? 60 : 1 }
    var unitName: String { unitSeconds == 60 ? "min" : "s" }

    init(_ data: ResultsData) {
        var ends = Array(Set(data.timeseries.map(\.t))).sorted()
        ends.removeAll { !$0.isFinite }
        self.ends = ends
        var width = ends.first ?? 1
        for (a, b) in zip(ends, ends.dropFirst()) { width = min(width, b - a) }
        self.width = width > 0 ? width : 1
        let index = Dictionary(uniqueKeysWithValues: ends.enumerated().map { ($1, $0) })
        var active: [Double] = []
        for p in data.timeseries where p.metric == "fault_active" {
            if active.isEmpty { active = Array(repeating: 0, count: ends.count) }
            if let i = index[p.t], p.value > 0 { active[i] = 1 }
        }
        faultActive = active
    }

    /// The mean over repetitions of `metric` in `arm`, per bucket; NaN where
    /// no repetition has a value.
    func series(_ data: ResultsData, arm: String, metric: String) -> [Double] {
        let index = Dictionary(uniqueKeysWithValues: ends.enumerated().map { ($1, $0) })
        var sums = Array(repeating: 0.0, count: ends.count)
        var counts = Array(repeating: 0, count: ends.count)
        for p in data.timeseries where p.arm == arm && p.metric == metric {
            guard let i = index[p.t] else { continue }
            sums[i] += p.value
            counts[i] += 1
        }
        return zip(sums, counts).map { $1 > 0 ? $0 / Double($1) : .nan }
    }

    /// The time-series metrics of the results in first-seen order.
    static func metrics(_ data: ResultsData) -> [String] {
        var seen = Set<String>()
        var order: [String] = []
        for p in data.timeseries where seen.insert(p.metric).inserted { order.append(p.metric) }
        return order
    }

    /// The fault windows as (start, end) in seconds: from the first bucket
    /// end at which a fault was active to the first after it at which none
    /// was (or the end of the run). A fault that starts and heals on bucket
    /// boundaries gets exactly its window.
    var faultWindows: [(start: Double, end: Double)] {
        var windows: [(Double, Double)] = []
        var open: Double? = nil
        for (i, end) in ends.enumerated() {
            let active = !faultActive.isEmpty && faultActive[i] > 0
            if active, open == nil { open = end }
            if !active, let start = open {
                windows.append((start, end))
                open = nil
            }
        }
        if let start = open, let last = ends.last { windows.append((start, last)) }
        return windows
    }

    /// `faults.dat`: per fault window, its middle, 1, and its width (in the
    /// display unit), for gnuplot's boxes; one box per window, so adjacent
    /// buckets leave no seams.
    func faultsData() -> String {
        var text = "# window_middle_\(unitName) fault_active window_width_\(unitName)\n"
        for w in faultWindows {
            text += GnuplotData.line([(w.start + w.end) / 2 / unitSeconds, 1, (w.end - w.start) / unitSeconds])
        }
        return text
    }

    /// Words for the fault windows: "from 10 to 20 min and from 35 to 40 min".
    var faultWindowsText: String {
        let parts = faultWindows.map { w in
            "\(QuantityFormat.trimmed(w.start / unitSeconds, decimals: 2)) to \(QuantityFormat.trimmed(w.end / unitSeconds, decimals: 2)) \(unitName)"
        }
        switch parts.count {
        case 0: return ""
        case 1: return "from " + parts[0]
        default: return "from " + parts.dropLast().joined(separator: ", from ") + " and from " + parts.last!
        }
    }
}
