import EdgeSim
import Foundation
import Testing

/// Whether gnuplot is on the search path: the figure tests need it
/// (scripts/setup.sh installs it).
let gnuplotInstalled = (try? Gnuplot.locate()) != nil

/// Runs `edgesim` with a chosen environment and working folder.
func runEdgeSim(_ arguments: [String], in directory: URL? = nil,
                environment: [String: String]? = nil) throws -> EdgeSimProcess.Result {
    let process = Process()
    process.executableURL = EdgeSimProcess.executable
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    if let environment { process.environment = environment }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return EdgeSimProcess.Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                                 stderr: String(decoding: errData, as: UTF8.self))
}

/// A copy of the committed smoke results in a fresh temporary folder.
func smokeResultsCopy(_ name: String) throws -> (base: URL, results: URL) {
    let base = temporaryFolder(name)
    let results = base.appendingPathComponent("smoke")
    try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Results/smoke"), to: results)
    // What `run` writes, without the committed report: tests see what they write.
    for written in ["report.html", "figures"] {
        try? FileManager.default.removeItem(at: results.appendingPathComponent(written))
    }
    return (base, results)
}

/// The values of every `src` and `href` attribute of a page.
func references(in html: String) -> [String] {
    var found: [String] = []
    for attribute in ["src=\"", "href=\""] {
        var rest = html[...]
        while let start = rest.range(of: attribute) {
            let tail = rest[start.upperBound...]
            guard let end = tail.firstIndex(of: "\"") else { break }
            found.append(String(tail[..<end]))
            rest = tail[end...]
        }
    }
    return found
}

let smokeFigures = ["latency-cdf", "bytes-over-time", "monthly-cost"]

@Suite("edgesim report", .serialized)
struct ReportCommandTests {
    @Test("the smoke results give report.html and every figure as PNG and SVG, in the plots folder and beside the page",
          .enabled(if: gnuplotInstalled, "gnuplot is not installed (scripts/setup.sh installs gnuplot-nox)"))
    func writesPageAndFigures() throws {
        let (base, results) = try smokeResultsCopy("report")
        defer { try? FileManager.default.removeItem(at: base) }
        let plots = base.appendingPathComponent("plots/smoke")
        let run = try runEdgeSim(["report", results.path, "--plots", plots.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        let fm = FileManager.default
        #expect(fm.fileExists(atPath: results.appendingPathComponent("report.html").path))
        for name in smokeFigures {
            for folder in [plots, results.appendingPathComponent("figures")] {
                let png = try Data(contentsOf: folder.appendingPathComponent("\(name).png"))
                #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(name).png in \(folder.lastPathComponent) is not a PNG")
                #expect(png.count > 10_000, "\(name).png is suspiciously small")
                let svg = String(decoding: try Data(contentsOf: folder.appendingPathComponent("\(name).svg")), as: UTF8.self)
                #expect(svg.contains("<svg") && svg.contains("</svg>"), "\(name).svg is not an SVG")
            }
            #expect(fm.fileExists(atPath: plots.appendingPathComponent("data/\(name)-params.gp").path))
        }
        // The CSV results are left as they were.
        for csv in ["metrics.csv", "summary.csv", "comparison.csv", "timeseries.csv", "run.json"] {
            let original = try Data(contentsOf: repositoryRoot.appendingPathComponent("Results/smoke/\(csv)"))
            #expect(try Data(contentsOf: results.appendingPathComponent(csv)) == original, "\(csv) changed")
        }
    }

    @Test("the page refers only to files inside the results folder, and loads nothing else",
          .enabled(if: gnuplotInstalled, "gnuplot is not installed (scripts/setup.sh installs gnuplot-nox)"))
    func pageIsSelfContained() throws {
        let (base, results) = try smokeResultsCopy("report-local")
        defer { try? FileManager.default.removeItem(at: base) }
        let run = try runEdgeSim(["report", results.path, "--plots", base.appendingPathComponent("p").path])
        #expect(run.status == 0, "\(run.stderr)")
        let html = try String(contentsOf: results.appendingPathComponent("report.html"), encoding: .utf8)
        let refs = references(in: html)
        #expect(refs.contains("figures/latency-cdf.png"))
        for ref in refs {
            #expect(!ref.hasPrefix("http:") && !ref.hasPrefix("https:") && !ref.hasPrefix("//") && !ref.hasPrefix("/")
                    && !ref.hasPrefix("file:") && !ref.contains(".."), "reference \(ref) leaves the results folder")
            if ref.hasPrefix("#") {
                #expect(html.contains("id=\"\(ref.dropFirst())\""), "anchor \(ref) has no target")
            } else {
                #expect(FileManager.default.fileExists(atPath: results.appendingPathComponent(ref).path), "\(ref) does not exist")
            }
        }
        let lower = html.lowercased()
        for banned in ["<script", "<link", "@import", "url(", "http://", "https://"] {
            #expect(!lower.contains(banned), "the page contains \(banned)")
        }
    }

    @Test("the page shows every figure, the table of every metric, and the headline sentences",
          .enabled(if: gnuplotInstalled, "gnuplot is not installed (scripts/setup.sh installs gnuplot-nox)"))
    func pageContents() throws {
        let (base, results) = try smokeResultsCopy("report-contents")
        defer { try? FileManager.default.removeItem(at: base) }
        let run = try runEdgeSim(["report", results.path, "--plots", base.appendingPathComponent("p").path])
        #expect(run.status == 0, "\(run.stderr)")
        let html = try String(contentsOf: results.appendingPathComponent("report.html"), encoding: .utf8)
        for (i, name) in smokeFigures.enumerated() {
            #expect(html.contains("<img src=\"figures/\(name).png\""), "figure \(name) missing")
            #expect(html.contains("href=\"figures/\(name).svg\""), "SVG link of \(name) missing")
            #expect(html.contains("<b>Figure \(i + 1).") )
        }
        #expect(html.contains("through those points"), "the latency caption must say the CDF is drawn through percentiles")
        #expect(html.contains("No replication time series"), "the absent replication figure must be explained")
        // Every metric of comparison.csv has a row with both arms, delta and ratio.
        let comparison = try String(contentsOf: results.appendingPathComponent("comparison.csv"), encoding: .utf8)
        for line in comparison.split(separator: "\n").dropFirst() {
            let metric = line.split(separator: ",")[1]
            #expect(html.contains("<th scope=\"row\">\(metric) "), "no table row for \(metric)")
        }
        #expect(html.contains("<th>edge_hybrid</th><th>cloud_only</th><th>delta</th><th>ratio</th>"))
        // Two repetitions: the 95% interval under a mean.
        #expect(html.contains("<td>49.0 ms<span class=\"ci\">32.9 ms – 65.0 ms</span></td>"))
        for sentence in [
            "P99 update latency at the store falls from 141 ms to 49.0 ms (2.9x).",
            "Median update latency at the store falls from 122 ms to 28.5 ms (4.3x).",
            "The share of updates within the SLA at the store rises from 95.93% to 100% (+4.07 points).",
            "Median update latency at headquarters rises from 76.3 ms to 56.6 s (742x).",
            "WAN bytes fall from 203 MB to 5.09 KB (39,900x).",
            "Monthly cost rises from $18,939 to $20,467 (+8.1%).",
        ] {
            #expect(html.contains("<li>\(sentence)</li>"), "missing sentence: \(sentence)")
        }
    }

    @Test("the same results give the same bytes, wherever they are",
          .enabled(if: gnuplotInstalled, "gnuplot is not installed (scripts/setup.sh installs gnuplot-nox)"))
    func deterministic() throws {
        let (base, first) = try smokeResultsCopy("report-same")
        defer { try? FileManager.default.removeItem(at: base) }
        let second = base.appendingPathComponent("elsewhere/smoke-again")
        try FileManager.default.createDirectory(at: second.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: first, to: second)
        let a = try runEdgeSim(["report", first.path, "--plots", base.appendingPathComponent("pa").path])
        let b = try runEdgeSim(["report", second.path, "--plots", base.appendingPathComponent("pb").path])
        #expect(a.status == 0 && b.status == 0, "\(a.stderr)\(b.stderr)")
        // Seven figures (latency at the store, the region and HQ; freshness; the consumers' timeline;
        // bytes; cost), each as PNG and SVG.
        #expect(try contents(first.appendingPathComponent("figures")).count == 14)
        #expect(try Data(contentsOf: first.appendingPathComponent("report.html"))
                == Data(contentsOf: second.appendingPathComponent("report.html")))
        #expect(try contents(first.appendingPathComponent("figures")) == contents(second.appendingPathComponent("figures")))
        #expect(try contents(base.appendingPathComponent("pa/data")) == contents(base.appendingPathComponent("pb/data")))
    }

    @Test("without --plots, the figures and their data go to figures/ of the results folder, and nowhere else",
          .enabled(if: gnuplotInstalled, "gnuplot is not installed (scripts/setup.sh installs gnuplot-nox)"))
    func defaultPlotsFolder() throws {
        let (base, results) = try smokeResultsCopy("report-default")
        defer { try? FileManager.default.removeItem(at: base) }
        let run = try runEdgeSim(["report", "smoke", "--scripts", repositoryRoot.appendingPathComponent("plots").path], in: base)
        #expect(run.status == 0, "\(run.stderr)")
        for name in smokeFigures {
            #expect(FileManager.default.fileExists(atPath: results.appendingPathComponent("figures/\(name).svg").path))
            #expect(FileManager.default.fileExists(atPath: results.appendingPathComponent("figures/\(name).png").path))
            #expect(FileManager.default.fileExists(atPath: results.appendingPathComponent("figures/data/\(name)-params.gp").path))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: base.path) == ["smoke"])
    }

    @Test("a file in figures/ that the report did not write survives the report, and a second one",
          .enabled(if: gnuplotInstalled, "gnuplot is not installed (scripts/setup.sh installs gnuplot-nox)"))
    func foreignFigureSurvives() throws {
        let (base, results) = try smokeResultsCopy("report-foreign")
        defer { try? FileManager.default.removeItem(at: base) }
        let figures = results.appendingPathComponent("figures")
        try FileManager.default.createDirectory(at: figures, withIntermediateDirectories: true)
        let mine = figures.appendingPathComponent("my-notes.txt")
        try Data("mine\n".utf8).write(to: mine)
        for plots in [base.appendingPathComponent("p").path, nil] {
            let run = try runEdgeSim(["report", results.path] + (plots.map { ["--plots", $0] } ?? []))
            #expect(run.status == 0, "\(run.stderr)")
            #expect(try Data(contentsOf: mine) == Data("mine\n".utf8))
            #expect(FileManager.default.fileExists(atPath: figures.appendingPathComponent("latency-cdf.png").path))
        }
    }

    @Test("run --report writes the report right after the run, marking the SLA the scenario states",
          .enabled(if: gnuplotInstalled, "gnuplot is not installed (scripts/setup.sh installs gnuplot-nox)"))
    func runWithReport() throws {
        let base = temporaryFolder("run-report")
        defer { try? FileManager.default.removeItem(at: base) }
        let scenario = try String(contentsOf: repositoryRoot.appendingPathComponent("Scenarios/smoke.yaml"), encoding: .utf8)
        #expect(scenario.contains("sla: 2s\n"))
        let file = base.appendingPathComponent("smoke-500ms.yaml")
        try Data(scenario.replacingOccurrences(of: "sla: 2s\n", with: "sla: 500ms\n").utf8).write(to: file)
        let results = base.appendingPathComponent("out"), plots = base.appendingPathComponent("p")
        let run = try runEdgeSim(["run", file.path, "--out", results.path, "--report", "--plots", plots.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("report: \(results.path)/report.html"), "\(run.stdout)")
        let info = try String(contentsOf: results.appendingPathComponent("run.json"), encoding: .utf8)
        #expect(info.contains("\"sla_seconds\": 0.5\n"), "\(info)")
        let params = try String(contentsOf: plots.appendingPathComponent("data/latency-cdf-params.gp"), encoding: .utf8)
        #expect(params.contains("sla = 0.5\n"), "\(params)")
        let html = try String(contentsOf: results.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(!html.contains("do not record"))
        // The page opens with what the run assumed, read from the scenario the run saved beside its results.
        #expect(try Data(contentsOf: results.appendingPathComponent("scenario.yaml")) == Data(contentsOf: file))
        for fragment in ["<h2 id=\"assumptions\">Assumptions</h2>", "<td>1Gbps</td>", "<td>100Mbps</td>", "<td>10Gbps</td>",
                         "<td>$0.35/h</td><td class=\"text\"><span class=\"source\">default</span></td>",
                         "<tr><th scope=\"row\">SLA</th><td class=\"text\">500 ms from capture"] {
            #expect(html.contains(fragment), "missing: \(fragment)")
        }
        // The bill of each arm side by side, its totals those of summary.csv.
        let summary = try String(contentsOf: results.appendingPathComponent("summary.csv"), encoding: .utf8)
        let totalRow = try #require(html.split(separator: "\n").first { $0.hasPrefix("<tr class=\"total\">") })
        let shown = totalRow.components(separatedBy: "<td>").dropFirst().compactMap { cell in
            Double(cell.prefix { $0 != "<" }.filter { $0.isNumber || $0 == "." })
        }
        #expect(shown.count == 2, "\(totalRow)")
        for (arm, x) in zip(["edge_hybrid", "cloud_only"], shown) {
            let row = try #require(summary.split(separator: "\n").first { $0.contains(",\(arm),total_cost_usd_month,") })
            let mean = try #require(Double(row.split(separator: ",")[5]))
            #expect(abs(x - mean) <= 0.005 + 1e-9, "\(arm): the bill's total \(x), summary.csv's \(mean)")
        }
        for name in smokeFigures {
            #expect(FileManager.default.fileExists(atPath: results.appendingPathComponent("figures/\(name).png").path))
        }
        let refused = try runEdgeSim(["run", file.path, "--out", results.path, "--plots", plots.path])
        #expect(refused.status == 64 && refused.stderr.contains("--plots needs --report"), "\(refused.stderr)")
    }

    @Test("stale reads and hint backlog over time are drawn when the results have them",
          .enabled(if: gnuplotInstalled, "gnuplot is not installed (scripts/setup.sh installs gnuplot-nox)"))
    func replicationFigure() throws {
        let (base, results) = try smokeResultsCopy("report-repetition")
        defer { try? FileManager.default.removeItem(at: base) }
        // Add replication series to the smoke time series: stale reads and a
        // hint backlog that grow while the fault is active.
        let file = results.appendingPathComponent("timeseries.csv")
        var text = try String(contentsOf: file, encoding: .utf8)
        var extra = ""
        for line in text.split(separator: "\n") where line.hasSuffix(",fault_active,count,1") || line.hasSuffix(",fault_active,count,0") {
            let f = line.split(separator: ",")
            let active = f[6] == "1"
            let stale = f[1] == "edge_hybrid" ? (active ? 12 : 1) : 0
            extra += "\(f[0]),\(f[1]),\(f[2]),\(f[3]),stale_reads,count,\(stale)\n"
            extra += "\(f[0]),\(f[1]),\(f[2]),\(f[3]),hint_backlog,count,\(active ? 40 : 0)\n"
        }
        text += extra
        try Data(text.utf8).write(to: file)
        let plots = base.appendingPathComponent("p")
        let run = try runEdgeSim(["report", results.path, "--plots", plots.path])
        #expect(run.status == 0, "\(run.stderr)")
        let html = try String(contentsOf: results.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("<img src=\"figures/replication-over-time.png\""))
        #expect(html.contains("<b>Figure 8. Stale reads and hint backlog over time.</b>"))
        #expect(!html.contains("No replication time series"))
        #expect(FileManager.default.fileExists(atPath: plots.appendingPathComponent("replication-over-time.svg").path))
        let data = try String(contentsOf: plots.appendingPathComponent("data/replication-over-time-edge_hybrid.dat"),
                              encoding: .utf8)
        #expect(data.hasPrefix("# edge_hybrid: bucket_middle_min stale_reads hint_backlog\n"))
        // The backlog is a level, read at bucket ends; stale reads a count per bucket.
        let params = try String(contentsOf: plots.appendingPathComponent("data/replication-over-time-params.gp"),
                                encoding: .utf8)
        #expect(params.contains("stale reads per 1 min bucket"), "\(params)")
        #expect(params.contains("hint backlog at each bucket end"), "\(params)")
    }

    @Test("a missing results folder is one line on standard error and exit status 2")
    func missingFolder() throws {
        let run = try runEdgeSim(["report", "/nonexistent/results-folder"])
        #expect(run.status == 2)
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        #expect(run.stderr.contains("/nonexistent/results-folder"))
    }

    @Test("a missing CSV is one line naming it and exit status 2, and nothing is written",
          arguments: ["summary.csv", "comparison.csv", "timeseries.csv"])
    func missingCSV(_ name: String) throws {
        let (base, results) = try smokeResultsCopy("report-missing")
        defer { try? FileManager.default.removeItem(at: base) }
        try FileManager.default.removeItem(at: results.appendingPathComponent(name))
        let run = try runEdgeSim(["report", results.path, "--plots", base.appendingPathComponent("p").path])
        #expect(run.status == 2)
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        #expect(run.stderr.contains(name))
        #expect(!FileManager.default.fileExists(atPath: results.appendingPathComponent("report.html").path))
        #expect(!FileManager.default.fileExists(atPath: base.appendingPathComponent("p").path))
    }

    @Test("a malformed CSV is one line naming file and line, exit status 2")
    func malformedCSV() throws {
        let (base, results) = try smokeResultsCopy("report-malformed")
        defer { try? FileManager.default.removeItem(at: base) }
        let file = results.appendingPathComponent("summary.csv")
        var lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        lines[3] = "smoke,edge_hybrid,update_latency_p95,s,2,fast,0,0,0"
        try Data(lines.joined(separator: "\n").utf8).write(to: file)
        let run = try runEdgeSim(["report", results.path])
        #expect(run.status == 2)
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        #expect(run.stderr.contains("summary.csv:4: mean \"fast\" is not a number"), "\(run.stderr)")
    }

    @Test("without gnuplot, a clear message says how to install it, exit status 2, nothing written")
    func gnuplotMissing() throws {
        let (base, results) = try smokeResultsCopy("report-nognuplot")
        defer { try? FileManager.default.removeItem(at: base) }
        let emptyBin = base.appendingPathComponent("empty-bin")
        try FileManager.default.createDirectory(at: emptyBin, withIntermediateDirectories: true)
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = emptyBin.path
        let run = try runEdgeSim(["report", results.path, "--plots", base.appendingPathComponent("p").path],
                                 environment: environment)
        #expect(run.status == 2)
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        #expect(run.stderr.contains("gnuplot not found"))
        #expect(run.stderr.contains("apt-get install gnuplot-nox"))
        #expect(!FileManager.default.fileExists(atPath: results.appendingPathComponent("report.html").path))
    }

    @Test("a bad --sla is a usage error")
    func badSLA() throws {
        let run = try runEdgeSim(["report", "Results/smoke", "--sla", "fast"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("--sla"))
    }
}
