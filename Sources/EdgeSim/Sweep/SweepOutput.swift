import Foundation
import Metrics

/// The files of a sweep folder, built the same way by `edgesim sweep` and
/// `edgesim merge`, so that a merge of shards writes the bytes a single run
/// writes:
///
///     points/<index>-<key=value,...>/   each point's result files, as `edgesim run` writes them
///     points.csv                        index, the varied keys, folder
///     sweep.csv                         the varied keys, arm, metric, n, mean, stddev, ci95_low, ci95_high
///     sweep.json                        the manifest (``SweepManifest``)
public enum SweepOutput {
    /// The summary.csv columns that sweep.csv carries, after arm and metric.
    static let statistics = ["n", "mean", "stddev", "ci95_low", "ci95_high"]

    /// One point's result files, by name.
    public struct PointFiles: Sendable {
        public var point: SweepPoint
        public var files: [(name: String, contents: String)]

        public init(point: SweepPoint, files: [(name: String, contents: String)]) {
            self.point = point
            self.files = files
        }
    }

    /// Every file of the folder; `points` in index order.
    ///
    /// - Throws: ``SweepError`` when a point has no readable summary.csv.
    public static func files(plan: SweepPlan, manifest: SweepManifest, points: [PointFiles]) throws(SweepError)
        -> [(name: String, contents: String)] {
        var files: [(name: String, contents: String)] = []
        var summaries: [(point: SweepPoint, summary: String?)] = []
        for p in points {
            for f in p.files { files.append(("points/\(p.point.folderName)/\(f.name)", f.contents)) }
            summaries.append((p.point, p.files.first(where: { $0.name == "summary.csv" })?.contents))
        }
        return files + (try indexFiles(plan: plan, manifest: manifest, summaries: summaries))
    }

    /// The files that index the points: points.csv and sweep.csv, built from
    /// each point's summary.csv text, and sweep.json; `summaries` in index order.
    ///
    /// - Throws: ``SweepError`` when a point has no readable summary.csv.
    public static func indexFiles(plan: SweepPlan, manifest: SweepManifest,
                                  summaries: [(point: SweepPoint, summary: String?)]) throws(SweepError)
        -> [(name: String, contents: String)] {
        var index = CSVTable(header: ["index"] + plan.keys + ["folder"])
        var sweep = CSVTable(header: plan.keys + ["arm", "metric"] + statistics)
        for (point, text) in summaries {
            index.append([String(point.index)] + point.values + [point.folderName])
            guard let text, let summary = CSVTable.parse(text) else {
                throw SweepError("points/\(point.folderName): no readable summary.csv")
            }
            let column = Dictionary(summary.header.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            let wanted = ["arm", "metric"] + statistics
            guard wanted.allSatisfy({ column[$0] != nil }) else {
                throw SweepError("points/\(point.folderName)/summary.csv: missing columns (needs \(wanted.joined(separator: ", ")))")
            }
            for row in summary.rows {
                sweep.append(point.values + wanted.map { row[column[$0]!] })
            }
        }
        return [("points.csv", index.text), ("sweep.csv", sweep.text), (SweepManifest.fileName, manifest.json)]
    }
}
