import Foundation

/// The contents of a results folder, as the report reads them back:
/// `summary.csv`, `comparison.csv`, `timeseries.csv` and, when present,
/// `run.json`, `costs.csv`, `breakeven.csv` and `scenario.yaml`.
///
/// Rows keep the order of the files, which is the runner's deterministic
/// order, so everything derived from them is deterministic too.
public struct ResultsData: Sendable {
    /// One row of summary.csv: a metric of one arm over its repetitions.
    public struct MetricSummary: Sendable, Hashable {
        public var arm: String
        public var metric: String
        public var unit: String
        public var n: Int
        public var mean: Double
        public var stddev: Double
        public var ci95Low: Double
        public var ci95High: Double
    }

    /// One row of comparison.csv: both arms' means of a metric.
    public struct Comparison: Sendable, Hashable {
        public var metric: String
        public var unit: String
        public var edgeHybrid: Double
        public var cloudOnly: Double
        /// edge_hybrid − cloud_only.
        public var delta: Double
        /// edge_hybrid / cloud_only; NaN when cloud_only is zero.
        public var ratio: Double
    }

    /// One row of timeseries.csv: a metric of one repetition over one bucket.
    public struct SeriesPoint: Sendable, Hashable {
        public var arm: String
        public var repetition: Int
        /// The end of the bucket, in simulated seconds.
        public var t: Double
        public var metric: String
        public var value: Double
    }

    /// The scenario's name, from the files.
    public var scenario: String
    /// The arms in the results: edge_hybrid and cloud_only first (in that
    /// order), then any other in the order the files name them.
    public var arms: [String]
    public var summaries: [MetricSummary]
    public var comparisons: [Comparison]
    public var timeseries: [SeriesPoint]
    /// The fields of run.json, in file order (empty when there is none).
    public var runInfo: [(key: String, value: String)]
    /// The line items of costs.csv, in file order (empty when there is none).
    public var costItems: [CostItem] = []
    /// The rows of breakeven.csv, in file order (empty when there is none).
    public var breakevens: [Breakeven] = []
    /// The scenario file the run read, as saved in the folder
    /// (`scenario.yaml`); nil when the folder has none.
    public var scenarioText: String?
    /// The `--set` overrides run.json lists, `key=value`, in order.
    public var overrides: [String] = []

    /// The arm the report treats as the baseline of every comparison.
    public static let baselineArm = "cloud_only"
    /// The arm compared against the baseline.
    public static let candidateArm = "edge_hybrid"

    /// The summary of `metric` in `arm`, if the results have one.
    public func summary(_ metric: String, arm: String) -> MetricSummary? {
        summaries.first { $0.arm == arm && $0.metric == metric }
    }

    /// The comparison row of `metric`, if the results have one.
    public func comparison(_ metric: String) -> Comparison? {
        comparisons.first { $0.metric == metric }
    }

    /// Metric names and units of summary.csv in first-seen order.
    public var metricOrder: [(name: String, unit: String)] {
        var seen = Set<String>()
        var order: [(String, String)] = []
        for s in summaries where seen.insert(s.metric).inserted { order.append((s.metric, s.unit)) }
        return order
    }

    /// A field of run.json, as written (strings without their quotes).
    public func runValue(_ key: String) -> String? {
        runInfo.first { $0.key == key }?.value
    }
}

extension ResultsData {
    static let summaryHeader = ["scenario", "arm", "metric", "unit", "n", "mean", "stddev", "ci95_low", "ci95_high"]
    static let comparisonHeader = ["scenario", "metric", "unit", "edge_hybrid", "cloud_only", "delta", "ratio"]
    static let timeseriesHeader = ["scenario", "arm", "repetition", "t_seconds", "metric", "unit", "value"]

    /// Reads the result files of `folder`.
    ///
    /// - Parameter folder: the results folder, as the user wrote it (messages
    ///   name files by this path).
    /// - Throws: ``ReportError`` when the folder or a needed CSV is missing, or
    ///   a CSV is not what the runner writes (naming file and line).
    public static func load(folder: String) throws(ReportError) -> ResultsData {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw ReportError(.missingFolder, "\(folder): no such results folder (write one with `edgesim run SCENARIO`)")
        }
        let summary = try table(folder, "summary.csv", header: summaryHeader)
        let comparison = try table(folder, "comparison.csv", header: comparisonHeader, extraArms: true)
        let timeseries = try table(folder, "timeseries.csv", header: timeseriesHeader)

        var scenario: String?
        var summaries: [MetricSummary] = []
        for r in summary.rows {
            scenario = scenario ?? r.fields[0]
            summaries.append(MetricSummary(
                arm: r.fields[1], metric: r.fields[2], unit: r.fields[3],
                n: try r.int(4, "n"), mean: try r.number(5, "mean"), stddev: try r.number(6, "stddev"),
                ci95Low: try r.number(7, "ci95_low"), ci95High: try r.number(8, "ci95_high")))
        }
        var comparisons: [Comparison] = []
        for r in comparison.rows {
            scenario = scenario ?? r.fields[0]
            comparisons.append(Comparison(
                metric: r.fields[1], unit: r.fields[2], edgeHybrid: try r.number(3, "edge_hybrid"),
                cloudOnly: try r.number(4, "cloud_only"), delta: try r.number(5, "delta"), ratio: try r.number(6, "ratio")))
        }
        var points: [SeriesPoint] = []
        points.reserveCapacity(timeseries.rows.count)
        for r in timeseries.rows {
            scenario = scenario ?? r.fields[0]
            points.append(SeriesPoint(arm: r.fields[1], repetition: try r.int(2, "repetition"),
                                      t: try r.number(3, "t_seconds"), metric: r.fields[4], value: try r.number(6, "value")))
        }
        guard !summaries.isEmpty else {
            throw ReportError(.malformedFile, "\(path(folder, "summary.csv")): no metrics (the header alone)")
        }

        var arms = [candidateArm, baselineArm].filter { arm in summaries.contains { $0.arm == arm } }
        for s in summaries where !arms.contains(s.arm) { arms.append(s.arm) }

        let runText = try? String(contentsOfFile: path(folder, "run.json"), encoding: .utf8)
        var data = ResultsData(scenario: scenario ?? "results", arms: arms, summaries: summaries, comparisons: comparisons,
                               timeseries: points, runInfo: runText.map(runFields) ?? [])
        data.overrides = runText.map(runOverrides) ?? []
        data.scenarioText = try? String(contentsOfFile: path(folder, ResultsWriter.scenarioFileName), encoding: .utf8)
        try data.loadCosts(folder: folder)
        return data
    }

    static func path(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    /// The rows of one CSV, checked against the header the runner writes.
    struct Table {
        struct Row {
            var file: String
            var line: Int
            var fields: [String]

            func number(_ i: Int, _ column: String) throws(ReportError) -> Double {
                // The runner spells non-finite values "nan", "inf" and "-inf".
                guard let x = Double(fields[i]) else {
                    throw ReportError(.malformedFile, "\(file):\(line): \(column) \"\(fields[i])\" is not a number")
                }
                return x
            }

            func int(_ i: Int, _ column: String) throws(ReportError) -> Int {
                guard let x = Int(fields[i]) else {
                    throw ReportError(.malformedFile, "\(file):\(line): \(column) \"\(fields[i])\" is not a whole number")
                }
                return x
            }
        }
        var rows: [Row]
    }

    ///
    /// With `extraArms`, the header may go on past `header` with three
    /// columns per further arm (`ARM`, `ARM_delta`, `ARM_ratio`), as
    /// comparison.csv does when more than two arms ran; the report reads the
    /// first columns only.
    static func table(_ folder: String, _ name: String, header expected: [String],
                      extraArms: Bool = false) throws(ReportError) -> Table {
        var header = expected
        let file = path(folder, name)
        guard FileManager.default.fileExists(atPath: file) else {
            throw ReportError(.missingFile, "\(file): missing (a results folder written by `edgesim run` has it)")
        }
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw ReportError(.missingFile, "\(file): cannot be read as UTF-8 text")
        }
        guard let csv = CSVRecords.parse(text) else {
            throw ReportError(.malformedFile, "\(file): empty, or a quoted field is never closed")
        }
        if extraArms, csv.header.count > header.count, Array(csv.header.prefix(header.count)) == header,
           (csv.header.count - header.count) % 3 == 0 {
            let extra = Array(csv.header.dropFirst(header.count))
            let triples = stride(from: 0, to: extra.count, by: 3).allSatisfy { i in
                extra[i + 1] == extra[i] + "_delta" && extra[i + 2] == extra[i] + "_ratio"
            }
            if triples { header = csv.header }
        }
        // Results written before "replication" (a repeated run) became
        // "repetition" still read: the column means the same.
        if csv.header.count == header.count, csv.header.map({ $0 == "replication" ? "repetition" : $0 }) == header {
            header = csv.header
        }
        guard csv.header == header else {
            throw ReportError(.malformedFile, "\(file):1: header is \"\(csv.header.joined(separator: ","))\", expected \"\(header.joined(separator: ","))\"")
        }
        var rows: [Table.Row] = []
        rows.reserveCapacity(csv.records.count)
        for record in csv.records {
            if record.fields == [""] { continue }  // a blank line
            guard record.fields.count == header.count else {
                throw ReportError(.malformedFile, "\(file):\(record.line): \(record.fields.count) fields, expected \(header.count)")
            }
            rows.append(Table.Row(file: file, line: record.line, fields: record.fields))
        }
        return Table(rows: rows)
    }

    /// The `overrides` list of run.json (empty when it has none or is not JSON).
    static func runOverrides(_ text: String) -> [String] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return [] }
        return object["overrides"] as? [String] ?? []
    }

    /// The `"key": value` lines of run.json, which the runner writes one per
    /// line; anything else in the file is ignored.
    static func runFields(_ text: String) -> [(key: String, value: String)] {
        var fields: [(String, String)] = []
        for raw in text.split(whereSeparator: \.isNewline) {
            var line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasSuffix(",") { line.removeLast() }
            guard line.hasPrefix("\""), let colon = line.range(of: "\": ") else { continue }
            let key = String(line[line.index(after: line.startIndex)..<colon.lowerBound])
            var value = String(line[colon.upperBound...])
            if value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            fields.append((key, value))
        }
        return fields
    }
}
