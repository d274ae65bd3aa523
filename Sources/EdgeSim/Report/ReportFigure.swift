import Metrics

/// One figure of the report: the data files and parameters its gnuplot
/// script (`plots/<name>.gp`) reads, and the caption the page gives it.
///
/// The script is called as `gnuplot -e "dir='FIGURES'" plots/<name>.gp`; it
/// loads `FIGURES/data/<name>-params.gp`, reads `FIGURES/data/*.dat`, and
/// writes `FIGURES/<name>.png` and `FIGURES/<name>.svg`. So the committed
/// scripts plus the generated data re-render a figure without EdgeSim.
public struct ReportFigure: Sendable {
    /// The script's and the images' base name, e.g. "latency-cdf".
    public var name: String
    /// A short title, for the page and the image's alternative text.
    public var title: String
    /// The caption, as plain text (the page escapes it).
    public var caption: String
    /// Files for `data/`, by name, with their contents.
    public var dataFiles: [(name: String, contents: String)]
    /// The parameters file the script loads.
    public var parameters: GnuplotParameters

    /// The file names under `data/` this figure writes, parameters included.
    var dataFileNames: [String] { dataFiles.map(\.name) + [parameters.fileName(for: name)] }
}

/// Assignments for a gnuplot script, written as gnuplot source.
///
/// Numbers print with nine significant digits, like the result files, so
/// the same results give the same bytes.
public struct GnuplotParameters: Sendable {
    private(set) var lines: [String] = []

    init() {}

    /// The name of the parameters file of figure `name`.
    func fileName(for name: String) -> String { "\(name)-params.gp" }

    mutating func set(_ name: String, _ value: Double) {
        lines.append("\(name) = \(Self.number(value))")
    }

    mutating func set(_ name: String, _ value: Int) {
        lines.append("\(name) = \(value)")
    }

    mutating func set(_ name: String, _ value: String) {
        lines.append("\(name) = \(Self.quoted(value))")
    }

    /// A gnuplot array of strings, indexed from 1.
    mutating func array(_ name: String, _ values: [String]) {
        lines.append("array \(name)[\(max(1, values.count))]")
        for (i, v) in values.enumerated() { lines.append("\(name)[\(i + 1)] = \(Self.quoted(v))") }
    }

    /// A gnuplot array of numbers, indexed from 1.
    mutating func array(_ name: String, _ values: [Double]) {
        lines.append("array \(name)[\(max(1, values.count))]")
        for (i, v) in values.enumerated() { lines.append("\(name)[\(i + 1)] = \(Self.number(v))") }
    }

    /// The file's text.
    var text: String { "# Written by `edgesim report`; loaded by the figure's script.\n" + lines.joined(separator: "\n") + "\n" }

    /// A number gnuplot reads back as the same value; always with a decimal
    /// point or exponent, so that gnuplot does integer arithmetic on nothing.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "NaN" }
        let text = MetricNumber.format(x)
        return text.contains(where: { $0 == "." || $0 == "e" || $0 == "n" }) ? text : text + ".0"
    }

    /// A double-quoted gnuplot string.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for ch in s {
            switch ch {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(ch)
            }
        }
        return out + "\""
    }
}

/// Data columns for gnuplot: whitespace-separated, "NaN" for an undefined
/// value (gnuplot leaves the point out).
enum GnuplotData {
    static func line(_ values: [Double]) -> String {
        values.map(GnuplotParameters.number).joined(separator: " ") + "\n"
    }
}
