import Foundation
import Metrics

/// What a sweep report reads from a sweep folder: sweep.csv, sweep.json and
/// the units from one point's summary.csv.
struct SweepData {
    /// One row of sweep.csv.
    struct Row {
        /// The value of each key, in key order.
        var values: [String]
        var arm: String
        var metric: String
        var n: Int
        var mean: Double
        var low: Double
        var high: Double
    }

    var manifest: SweepManifest
    /// The keys, in sweep.csv's column order.
    var keys: [String]
    var rows: [Row]
    /// Metric name to unit, from a point's summary.csv (empty when unknown).
    var units: [String: String]

    /// Metric names in first-seen order.
    var metrics: [String] {
        var seen = Set<String>()
        return rows.compactMap { seen.insert($0.metric).inserted ? $0.metric : nil }
    }

    /// Arms in first-seen order.
    var arms: [String] {
        var seen = Set<String>()
        return rows.compactMap { seen.insert($0.arm).inserted ? $0.arm : nil }
    }

    /// The distinct values of key `k`, in sweep order.
    func values(ofKey k: Int) -> [String] {
        var seen = Set<String>()
        return rows.compactMap { seen.insert($0.values[k]).inserted ? $0.values[k] : nil }
    }

    /// The key drawn along the horizontal axis: the first that takes more
    /// than one value (the first key when none does).
    var axisKey: Int { keys.indices.first { values(ofKey: $0).count > 1 } ?? 0 }

    /// Whether `folder` holds a sweep (its sweep.csv).
    static func isSweep(folder: String) -> Bool {
        FileManager.default.fileExists(atPath: URL(fileURLWithPath: folder).appendingPathComponent("sweep.csv").path)
    }

    /// Reads the folder.
    ///
    /// - Throws: ``ReportError`` for a missing or malformed file.
    static func load(folder: String) throws(ReportError) -> SweepData {
        let url = URL(fileURLWithPath: folder)
        let manifest: SweepManifest
        do {
            manifest = try SweepManifest.read(folder: url, as: folder)
        } catch {
            throw ReportError(.missingFile, error.message)
        }
        guard let data = try? Data(contentsOf: url.appendingPathComponent("sweep.csv")),
              let csv = CSVTable.parse(String(decoding: data, as: UTF8.self)) else {
            throw ReportError(.malformedFile, "\(folder)/sweep.csv: not the CSV `edgesim sweep` writes")
        }
        let statistics = ["arm", "metric", "n", "mean", "stddev", "ci95_low", "ci95_high"]
        let keyCount = csv.header.count - statistics.count
        guard keyCount >= 1, Array(csv.header.suffix(statistics.count)) == statistics else {
            throw ReportError(.malformedFile, "\(folder)/sweep.csv: expected the columns KEY..., \(statistics.joined(separator: ", "))")
        }
        var rows: [Row] = []
        for (i, r) in csv.rows.enumerated() {
            guard let n = Int(r[keyCount + 2]) else {
                throw ReportError(.malformedFile, "\(folder)/sweep.csv:\(i + 2): n is not a whole number")
            }
            func number(_ j: Int) -> Double { Double(r[keyCount + j]) ?? .nan }
            rows.append(Row(values: Array(r.prefix(keyCount)), arm: r[keyCount], metric: r[keyCount + 1], n: n,
                            mean: number(3), low: number(5), high: number(6)))
        }
        var units: [String: String] = [:]
        if let index = try? Data(contentsOf: url.appendingPathComponent("points.csv")),
           let points = CSVTable.parse(String(decoding: index, as: UTF8.self)), let first = points.rows.first,
           let folderName = first.last,
           let summaryData = try? Data(contentsOf: url.appendingPathComponent("points/\(folderName)/summary.csv")),
           let summary = CSVTable.parse(String(decoding: summaryData, as: UTF8.self)),
           let m = summary.header.firstIndex(of: "metric"), let u = summary.header.firstIndex(of: "unit") {
            for row in summary.rows where units[row[m]] == nil { units[row[m]] = row[u] }
        }
        return SweepData(manifest: manifest, keys: Array(csv.header.prefix(keyCount)), rows: rows, units: units)
    }
}
