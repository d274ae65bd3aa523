import Foundation
import Metrics
import Scenario
import SimKernel
import Workloads

/// Turns the runs of a scenario into the result files.
///
/// Every file but run.json depends only on the scenario and the seed, so two
/// runs of the same scenario write the same bytes.
public enum ResultsWriter {
    /// The name of the copy of the scenario file in a results folder.
    public static let scenarioFileName = "scenario.yaml"

    /// The files, by name, in the order they are written.
    ///
    /// - Parameters:
    ///   - scenario: the scenario as run (overrides applied).
    ///   - runs: every run, in the runner's order.
    ///   - runInfo: what run.json records, the overrides among it.
    ///   - scenarioText: the scenario file as read, before any override:
    ///     saved as `scenario.yaml`, so that the folder alone says what ran
    ///     (with run.json's overrides) and its hash is run.json's `scenario_hash`.
    public static func files(scenario: Scenario, runs: [ExperimentRunner.Run], runInfo: RunInfo,
                             scenarioText: String) -> [(name: String, contents: String)] {
        [
            ("metrics.csv", metrics(scenario, runs).text),
            ("summary.csv", summary(scenario, runs).text),
            ("comparison.csv", comparison(scenario, runs).text),
            ("timeseries.csv", timeseries(scenario, runs)),
            ("run.json", runInfo.json),
            (scenarioFileName, scenarioText),
        ] + CostFiles.files(scenario: scenario, runs: runs) + PlacementFiles.files(scenario: scenario, runs: runs)
    }

    static func metrics(_ scenario: Scenario, _ runs: [ExperimentRunner.Run]) -> CSVTable {
        var table = CSVTable(header: ["scenario", "arm", "repetition", "seed", "metric", "unit", "value"])
        for run in runs {
            for m in run.result.metrics {
                table.append([scenario.name, run.arm.rawValue, String(run.repetition), String(run.seed), m.name, m.unit,
                              m.value.text])
            }
        }
        return table
    }

    /// Metric names and units in first-seen order.
    static func metricOrder(_ runs: [ExperimentRunner.Run]) -> [(name: String, unit: String)] {
        var seen = Set<String>()
        var order: [(String, String)] = []
        for run in runs {
            for m in run.result.metrics where !seen.contains(m.name) {
                seen.insert(m.name)
                order.append((m.name, m.unit))
            }
        }
        return order
    }

    static func summaries(_ runs: [ExperimentRunner.Run], arm: Arm) -> [String: Summary] {
        var values: [String: [Double]] = [:]
        for run in runs where run.arm == arm {
            for m in run.result.metrics { values[m.name, default: []].append(m.value.doubleValue) }
        }
        return values.mapValues { Summary($0) }
    }

    static func summary(_ scenario: Scenario, _ runs: [ExperimentRunner.Run]) -> CSVTable {
        var table = CSVTable(header: ["scenario", "arm", "metric", "unit", "n", "mean", "stddev", "ci95_low", "ci95_high"])
        let order = metricOrder(runs)
        for arm in Arm.allCases where runs.contains(where: { $0.arm == arm }) {
            let s = summaries(runs, arm: arm)
            for (name, unit) in order {
                guard let x = s[name] else { continue }
                table.append([scenario.name, arm.rawValue, name, unit, String(x.n), MetricNumber.format(x.mean),
                              MetricNumber.format(x.stddev), MetricNumber.format(x.ci95Low), MetricNumber.format(x.ci95High)])
            }
        }
        return table
    }

    /// Edge-hybrid against cloud-only, metric by metric; each further arm
    /// that ran (least_allocated, random) adds three columns: its mean, and
    /// its delta and ratio against cloud-only. With only the two arms the
    /// file is the seven-column one.
    static func comparison(_ scenario: Scenario, _ runs: [ExperimentRunner.Run]) -> CSVTable {
        let extra = Arm.allCases.filter { arm in arm != .edgeHybrid && arm != .cloudOnly && runs.contains { $0.arm == arm } }
        var table = CSVTable(header: ["scenario", "metric", "unit", "edge_hybrid", "cloud_only", "delta", "ratio"]
            + extra.flatMap { [$0.rawValue, "\($0.rawValue)_delta", "\($0.rawValue)_ratio"] })
        let edge = summaries(runs, arm: .edgeHybrid), cloud = summaries(runs, arm: .cloudOnly)
        let others = extra.map { summaries(runs, arm: $0) }
        guard !edge.isEmpty, !cloud.isEmpty else { return table }
        for (name, unit) in metricOrder(runs) {
            guard let e = edge[name]?.mean, let c = cloud[name]?.mean else { continue }
            let ratio = c != 0 ? e / c : .nan
            var row = [scenario.name, name, unit, MetricNumber.format(e), MetricNumber.format(c),
                       MetricNumber.format(e - c), MetricNumber.format(ratio)]
            for other in others {
                if let x = other[name]?.mean {
                    row += [MetricNumber.format(x), MetricNumber.format(x - c), MetricNumber.format(c != 0 ? x / c : .nan)]
                } else {
                    row += ["", "", ""]
                }
            }
            table.append(row)
        }
        return table
    }

    /// timeseries.csv, rendered row by row: a long run has hundreds of
    /// thousands of points, too many to hold as rows of strings as well.
    static func timeseries(_ scenario: Scenario, _ runs: [ExperimentRunner.Run]) -> String {
        var text = ""
        // Reserved generously: pages never written cost no memory.
        text.reserveCapacity(runs.reduce(64) { total, run in
            run.result.timeseries.reduce(total) { $0 + scenario.name.utf8.count + $1.metric.utf8.count + 64 }
        })
        CSVTable.appendLine(["scenario", "arm", "repetition", "t_seconds", "metric", "unit", "value"], to: &text)
        for run in runs {
            let repetition = String(run.repetition)
            for point in run.result.timeseries {
                CSVTable.appendLine([scenario.name, run.arm.rawValue, repetition, MetricNumber.format(point.t),
                                     point.metric, seriesUnit(point.metric), point.value.text], to: &text)
            }
        }
        return text
    }

    /// The unit of a time series, from its name (docs/METRICS.md, Timeseries):
    /// bytes per bucket, fractions, latencies in seconds; every other series counts.
    static func seriesUnit(_ metric: String) -> String {
        if metric == "wan_bytes" || metric.hasPrefix("bytes_") { return "bytes" }
        if metric.hasPrefix("sla_met_fraction") { return "fraction" }
        if metric.hasPrefix("update_latency_") { return "s" }
        return "count"
    }
}

/// What run.json records: the only result file allowed to differ between two
/// runs of the same scenario and seed (it holds the wall time).
public struct RunInfo: Sendable {
    public var scenarioName: String
    /// FNV-1a of the scenario file's bytes, hexadecimal.
    public var scenarioHash: String
    public var seed: UInt64
    public var repetitions: Int
    public var arms: [Arm]
    public var version: String
    public var eventsHandled: Int
    public var wallSeconds: Double
    public var jobs: Int
    /// The scenario's latency objective, in seconds (the report marks it).
    public var slaSeconds: Double?
    /// The `--set` overrides applied to the scenario file, as `key=value`, in
    /// the order given (left out of the file when there are none).
    public var overrides: [String]

    public init(scenarioName: String, scenarioHash: String, seed: UInt64, repetitions: Int, arms: [Arm],
                version: String, eventsHandled: Int, wallSeconds: Double, jobs: Int, slaSeconds: Double? = nil,
                overrides: [String] = []) {
        self.slaSeconds = slaSeconds
        self.overrides = overrides
        self.scenarioName = scenarioName
        self.scenarioHash = scenarioHash
        self.seed = seed
        self.repetitions = repetitions
        self.arms = arms
        self.version = version
        self.eventsHandled = eventsHandled
        self.wallSeconds = wallSeconds
        self.jobs = jobs
    }

    /// Keys in a fixed order, one per line.
    public var json: String {
        func quoted(_ s: String) -> String {
            "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        var fields: [(String, String)] = [
            ("format", quoted(ResultsFolder.formatField("run"))),
            ("scenario", quoted(scenarioName)),
            ("scenario_hash", quoted(scenarioHash)),
            ("seed", String(seed)),
            ("repetitions", String(repetitions)),
            ("arms", "[" + arms.map { quoted($0.rawValue) }.joined(separator: ", ") + "]"),
            ("version", quoted(version)),
            ("events_handled", String(eventsHandled)),
            ("events_per_second", MetricNumber.format(wallSeconds > 0 ? Double(eventsHandled) / wallSeconds : 0)),
            ("wall_seconds", MetricNumber.format(wallSeconds)),
            ("jobs", String(jobs)),
        ]
        if let slaSeconds { fields.append(("sla_seconds", MetricNumber.format(slaSeconds))) }
        if !overrides.isEmpty { fields.append(("overrides", "[" + overrides.map(quoted).joined(separator: ", ") + "]")) }
        return "{\n" + fields.map { "  \(quoted($0.0)): \($0.1)" }.joined(separator: ",\n") + "\n}\n"
    }
}
