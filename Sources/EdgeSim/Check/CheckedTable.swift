import Foundation
import Metrics

/// The rows `edgesim check` compares: a run's summary.csv, or a sweep's
/// sweep.csv (each row then belongs to a point, named by its keys' values).
struct CheckedTable {
    struct Row {
        /// `key=value ...` in a sweep, "" in a run.
        var point: String
        var arm: String
        var metric: String
        var unit: String
        var n: Int
        var mean: Double
        var stddev: Double

        var key: String { point + "\u{1}" + arm + "\u{1}" + metric }
    }

    var scenario: String
    var isSweep: Bool
    var rows: [Row]

    static let summaryHeader = ["scenario", "arm", "metric", "unit", "n", "mean", "stddev", "ci95_low", "ci95_high"]

    /// Reads `folder`: sweep.csv when it holds sweep.json, else summary.csv.
    ///
    /// - Throws: ``CheckError`` naming the file that is missing or malformed.
    static func read(_ folder: URL) throws(CheckError) -> CheckedTable {
        let fm = FileManager.default
        if fm.fileExists(atPath: folder.appendingPathComponent("sweep.json").path) { return try readSweep(folder) }
        let file = folder.appendingPathComponent("summary.csv")
        guard let data = fm.contents(atPath: file.path) else {
            throw CheckError("\(file.path): no such file (is \(folder.path) a results folder of 'edgesim run' or 'edgesim sweep'?)")
        }
        guard let table = CSVTable.parse(String(decoding: data, as: UTF8.self)), table.header == summaryHeader
        else { throw CheckError("\(file.path): not a summary.csv written by 'edgesim run'") }
        guard let scenario = table.rows.first?[0] else { throw CheckError("\(file.path): holds no metric") }
        var rows: [Row] = []
        for r in table.rows {
            guard r[0] == scenario else { throw CheckError("\(file.path): mixes scenarios '\(scenario)' and '\(r[0])'") }
            rows.append(try row(point: "", arm: r[1], metric: r[2], unit: r[3], n: r[4], mean: r[5], stddev: r[6], file: file))
        }
        return CheckedTable(scenario: scenario, isSweep: false, rows: rows)
    }

    static func readSweep(_ folder: URL) throws(CheckError) -> CheckedTable {
        let manifest: SweepManifest
        do {
            manifest = try SweepManifest.read(folder: folder, as: folder.path)
        } catch {
            throw CheckError(error.message)
        }
        let file = folder.appendingPathComponent("sweep.csv")
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw CheckError("\(file.path): no such file (is \(folder.path) a folder of 'edgesim sweep'?)")
        }
        guard let table = CSVTable.parse(String(decoding: data, as: UTF8.self)), table.header.count >= 7,
              Array(table.header.suffix(7)) == ["arm", "metric", "n", "mean", "stddev", "ci95_low", "ci95_high"]
        else { throw CheckError("\(file.path): not a sweep.csv written by 'edgesim sweep'") }
        let keys = Array(table.header.dropLast(7))
        let units = Self.units(folder)
        var rows: [Row] = []
        for r in table.rows {
            let point = zip(keys, r.prefix(keys.count)).map { "\($0)=\($1)" }.joined(separator: " ")
            let k = keys.count
            rows.append(try row(point: point, arm: r[k], metric: r[k + 1], unit: units[r[k + 1]] ?? "", n: r[k + 2],
                                mean: r[k + 3], stddev: r[k + 4], file: file))
        }
        return CheckedTable(scenario: manifest.scenario, isSweep: true, rows: rows)
    }

    /// Metric units from the first point's summary.csv (sweep.csv has none).
    static func units(_ folder: URL) -> [String: String] {
        let points = folder.appendingPathComponent("points")
        let first = ((try? FileManager.default.contentsOfDirectory(atPath: points.path)) ?? []).sorted().first
        guard let first,
              let data = FileManager.default.contents(atPath: points.appendingPathComponent(first).appendingPathComponent("summary.csv").path),
              let table = CSVTable.parse(String(decoding: data, as: UTF8.self)), table.header == summaryHeader
        else { return [:] }
        var units: [String: String] = [:]
        for r in table.rows where units[r[2]] == nil { units[r[2]] = r[3] }
        return units
    }

    static func row(point: String, arm: String, metric: String, unit: String, n: String, mean: String, stddev: String,
                    file: URL) throws(CheckError) -> Row {
        func number(_ text: String, _ what: String) throws(CheckError) -> Double {
            if text == "nan" { return .nan }
            guard let x = Double(text) else { throw CheckError("\(file.path): \(what) '\(text)' of \(metric) is not a number") }
            return x
        }
        guard let count = Int(n) else { throw CheckError("\(file.path): n '\(n)' of \(metric) is not a whole number") }
        return Row(point: point, arm: arm, metric: metric, unit: unit, n: count, mean: try number(mean, "mean"),
                   stddev: try number(stddev, "stddev"))
    }
}
