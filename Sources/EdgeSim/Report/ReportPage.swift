/// The report as one self-contained HTML page: inline CSS, no scripts, and
/// images by relative path under `figures/`.
///
/// The text depends only on the results (and the SLA), never on the time or
/// the folders it is written to, so the same results give the same bytes.
struct ReportPage {
    var data: ResultsData
    /// The figures drawn, in page order.
    var figures: [ReportFigure]
    /// Why a figure is not on the page, one sentence each.
    var omitted: [String]
    /// The SLA the latency figure marks, in seconds.
    var sla: Double

    /// The folder, relative to the page, that holds the images.
    static let figuresFolder = "figures"

    /// The headline sentences, baseline (cloud_only) to edge_hybrid.
    var sentences: [String] {
        Headline.all.compactMap { h in
            guard let c = data.comparison(h.metric) else { return nil }
            return h.sentence(unit: c.unit, baseline: c.cloudOnly, candidate: c.edgeHybrid)
        }
    }

    var repetitions: Int { data.summaries.map(\.n).max() ?? 1 }

    var html: String {
        var out = Self.opening(title: "EdgeSim report: " + data.scenario)
        out += "<p class=\"meta\">\(escape(metaLine))</p>\n"
        out += contents
        out += assumptionsSection
        out += headlines
        out += billSection
        out += table
        out += figuresSection
        out += footer
        out += "</main>\n</body>\n</html>\n"
        return out
    }

    var metaLine: String {
        var parts: [String] = []
        parts.append("Arms: " + data.arms.joined(separator: ", "))
        parts.append(repetitions == 1 ? "1 repetition per arm" : "\(repetitions) repetitions per arm")
        if let seed = data.runValue("seed") { parts.append("master seed \(seed)") }
        if let version = data.runValue("version") { parts.append("EdgeSim \(version)") }
        if let hash = data.runValue("scenario_hash") { parts.append("scenario file hash \(hash)") }
        return parts.joined(separator: " · ")
    }

    var contents: String {
        var items = ["<a href=\"#assumptions\">Assumptions</a>", "<a href=\"#headlines\">Headlines</a>"]
        if CostBill(data) != nil { items.append("<a href=\"#bill\">Monthly bill</a>") }
        items.append("<a href=\"#metrics\">All metrics</a>")
        for (i, f) in figures.enumerated() {
            items.append("<a href=\"#\(f.name)\">Figure \(i + 1): \(escape(f.title.lowercasedFirst))</a>")
        }
        return "<nav>" + items.joined(separator: " · ") + "</nav>\n"
    }

    /// The section the page opens with: what the results assume.
    var assumptionsSection: String {
        var out = "<h2 id=\"assumptions\">Assumptions</h2>\n"
        switch ReportAssumptions.of(data) {
        case .success(let assumptions): out += assumptions.html
        case .failure(let why): out += "<p class=\"omitted\">\(escape(why.reason))</p>\n"
        }
        return out
    }

    var headlines: String {
        var out = "<h2 id=\"headlines\">Headlines</h2>\n"
        let sentences = self.sentences
        guard !sentences.isEmpty else {
            out += "<p>These results hold \(data.arms.count == 1 ? "one arm" : "no comparison of the arms"); there is nothing to compare.</p>\n"
            return out
        }
        let means = repetitions > 1 ? " (means over \(repetitions) repetitions)" : ""
        out += "<p>From the cloud_only baseline to the edge_hybrid deployment\(means):</p>\n<ul class=\"headlines\">\n"
        for s in sentences { out += "<li>\(escape(s)).</li>\n" }
        out += "</ul>\n"
        for s in lossSentences { out += "<p class=\"warning\">\(escape(s))</p>\n" }
        return out
    }

    /// One sentence per arm that lost inventory changes on the way upstream:
    /// reliable uploads lose nothing unless storage is volatile or an outbox overflows.
    var lossSentences: [String] {
        data.arms.compactMap { arm in
            guard let lost = data.summary("deltas_lost", arm: arm)?.mean, lost > 0 else { return nil }
            let changes = data.summary("delta_entries_lost", arm: arm)?.mean ?? .nan
            let overflow = data.summary("outbox_overflow", arm: arm)?.mean ?? 0
            let cause = overflow > 0
                ? "an outbox overflowed (\(QuantityFormat.value(overflow, unit: "count")) changes dropped) or a node with volatile storage crashed"
                : "a node with volatile storage (workload.durable) crashed with changes not yet acknowledged"
            return "\(arm) lost \(QuantityFormat.value(lost, unit: "count")) deltas "
                + "(\(QuantityFormat.value(changes, unit: "count")) SKU changes) on their way to the region and headquarters: "
                + cause + "; those changes reach headquarters only if the SKU changes again."
        }
    }

    var table: String {
        let compared = !data.comparisons.isEmpty
        let headline = Set(Headline.all.map(\.metric))
        var out = "<h2 id=\"metrics\">All metrics</h2>\n"
        out += "<p>Every metric of summary.csv; delta is edge_hybrid − cloud_only and ratio edge_hybrid / cloud_only, as in comparison.csv"
        out += repetitions > 1 ? "; under each mean, its Student-t 95% interval over the repetitions (none where they all agree)" : ""
        out += ". Headline metrics in bold. Definitions: docs/METRICS.md.</p>\n"
        out += "<table>\n<thead><tr><th>metric</th>"
        for arm in data.arms { out += "<th>\(escape(arm))</th>" }
        if compared { out += "<th>delta</th><th>ratio</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for (name, unit) in data.metricOrder {
            out += headline.contains(name) ? "<tr class=\"headline\">" : "<tr>"
            out += "<th scope=\"row\">\(escape(name)) <span class=\"unit\">\(escape(unit))</span></th>"
            for arm in data.arms {
                guard let s = data.summary(name, arm: arm) else {
                    out += "<td>–</td>"
                    continue
                }
                out += "<td>\(escape(QuantityFormat.value(s.mean, unit: unit)))"
                // No interval for one repetition, or when every repetition agrees.
                if s.n > 1 && s.ci95Low.isFinite && s.ci95High.isFinite && s.ci95Low != s.ci95High {
                    let ci = QuantityFormat.interval(s.ci95Low, s.ci95High, unit: unit, reference: s.mean)
                    out += "<span class=\"ci\">\(escape(ci))</span>"
                }
                out += "</td>"
            }
            if compared {
                if let c = data.comparison(name) {
                    out += "<td>\(escape(QuantityFormat.delta(c.delta, unit: unit)))</td><td>\(escape(QuantityFormat.ratio(c.ratio)))</td>"
                } else {
                    out += "<td>–</td><td>–</td>"
                }
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
        return out
    }

    var figuresSection: String {
        var out = "<h2 id=\"figures\">Figures</h2>\n"
        for (i, f) in figures.enumerated() {
            let png = "\(Self.figuresFolder)/\(f.name).png", svg = "\(Self.figuresFolder)/\(f.name).svg"
            out += """
                <figure id="\(f.name)">
                <a href="\(svg)"><img src="\(png)" alt="\(escape(f.title)), \(escape(data.scenario))"></a>
                <figcaption><b>Figure \(i + 1). \(escape(f.title)).</b> \(escape(f.caption)) \
                <a href="\(svg)">SVG</a> · <a href="\(png)">PNG</a></figcaption>
                </figure>

                """
        }
        for note in omitted { out += "<p class=\"omitted\">\(escape(note))</p>\n" }
        return out
    }

    var footer: String {
        """
        <footer>
        <p>Written by <code>edgesim report</code> from summary.csv, comparison.csv, timeseries.csv, costs.csv, \
        breakeven.csv, run.json and scenario.yaml of this folder; the same results always give this same page. Units: 1 KB = 1000 bytes (MB, GB, TB likewise); \
        money in US dollars per billing month; pp = percentage points. The figures are drawn by gnuplot with the \
        scripts in EdgeSim's plots/ folder from data files written next to the images.</p>
        </footer>

        """
    }

    func escape(_ s: String) -> String { Self.escape(s) }

    /// `s` with `&`, `<`, `>` and `"` written as HTML entities.
    /// A page's start, through its `<h1>`: the head with the shared style,
    /// then `title` (escaped) as both the window title and the heading.
    static func opening(title: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        \(css)</style>
        </head>
        <body>
        <main>
        <h1>\(escape(title))</h1>

        """
    }

    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }

    static let css = """
        body { margin: 0; background: #fff; color: #1a1a1a; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
        main { max-width: 1060px; margin: 0 auto; padding: 24px 28px 48px; }
        h1 { font-size: 28px; margin: 0 0 4px; }
        h2 { font-size: 22px; margin: 36px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
        .meta { color: #555; margin: 0 0 8px; }
        nav { font-size: 14px; color: #555; margin-bottom: 8px; }
        a { color: #0b5cad; }
        ul.headlines { padding-left: 22px; }
        ul.headlines li { margin: 4px 0; font-size: 17px; }
        table { border-collapse: collapse; width: 100%; font-size: 14px; font-variant-numeric: tabular-nums; }
        th, td { padding: 4px 10px; border-bottom: 1px solid #e4e4e4; vertical-align: top; }
        thead th { text-align: right; background: #f3f5f8; border-bottom: 2px solid #ccd; }
        thead th:first-child, tbody th { text-align: left; }
        tbody th { font-weight: normal; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 13px; }
        td { text-align: right; white-space: nowrap; }
        tr.headline th, tr.headline td { font-weight: bold; }
        tbody tr:nth-child(even) { background: #fafbfc; }
        .unit { color: #888; font-size: 12px; }
        .ci { display: block; color: #777; font-size: 12px; font-weight: normal; }
        figure { margin: 28px 0; }
        figure img { display: block; max-width: 100%; height: auto; border: 1px solid #e4e4e4; }
        figcaption { font-size: 14px; color: #333; margin-top: 8px; }
        .omitted { color: #555; font-style: italic; }
        footer { margin-top: 40px; font-size: 13px; color: #666; border-top: 1px solid #ddd; }
        code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
        h3 { font-size: 17px; margin: 20px 0 6px; }
        table.facts { width: auto; min-width: 50%; }
        td.text { text-align: left; white-space: normal; }
        .source { color: #8a5a00; font-size: 12px; font-style: italic; }
        tr.total th, tr.total td { font-weight: bold; border-top: 2px solid #ccd; }
        .breakeven { margin: 8px 0; }

        """
}

extension String {
    fileprivate var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
