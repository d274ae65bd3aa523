import Foundation

/// Metric values written for people: "48.0 ms", "2.59 TB", "$175,329",
/// "99.46%".
///
/// Three significant digits, decimal prefixes (1 KB = 1000 bytes), thousands
/// separated by commas, and the same text on every machine (no locale).
public enum QuantityFormat {
    /// `x` in the unit the results give it ("s", "bytes", "usd", "fraction",
    /// "count", "ratio", or any other, printed after the number).
    public static func value(_ x: Double, unit: String) -> String {
        guard x.isFinite else { return x.isNaN ? "n/a" : (x > 0 ? "∞" : "−∞") }
        switch unit {
        case "s": return seconds(x)
        case "bytes": return bytes(x)
        case "usd": return usd(x)
        case "fraction": return percent(x)
        case "count": return count(x)
        case "ratio": return significant(x)
        default: return significant(x) + " " + unit
        }
    }

    /// An interval "low – high" in the unit, both ends at the scale of
    /// `reference` (usually the mean), so that they read together:
    /// "−2.50 s – 3.29 s" rather than "−2.50 min – 3.29 min" beside "23.7 s".
    public static func interval(_ low: Double, _ high: Double, unit: String, reference: Double) -> String {
        guard low.isFinite, high.isFinite, reference.isFinite else {
            return value(low, unit: unit) + " – " + value(high, unit: unit)
        }
        let scaled: (Double) -> String
        switch unit {
        case "s":
            let a = abs(reference)
            let (factor, name) = a == 0 ? (1.0, "s") : a < 1e-3 ? (1e-6, "µs") : a < 1 ? (1e-3, "ms")
                : a < 60 ? (1, "s") : a < 7_200 ? (60, "min") : (3_600, "h")
            scaled = { significant($0 / factor) + " " + name }
        case "bytes":
            var factor = 1.0, i = 0
            let prefixes = ["B", "KB", "MB", "GB", "TB", "PB"]
            while abs(reference) / factor >= 999.5 && i < prefixes.count - 1 {
                factor *= 1000
                i += 1
            }
            let name = prefixes[i]
            scaled = { significant($0 / factor) + " " + name }
        default:
            scaled = { value($0, unit: unit) }
        }
        return scaled(low) + " – " + scaled(high)
    }

    /// The signed difference `x` (edge_hybrid − cloud_only) in the unit;
    /// fractions differ by percentage points.
    public static func delta(_ x: Double, unit: String) -> String {
        guard x.isFinite else { return value(x, unit: unit) }
        if x == 0 { return "0" }
        let sign = x < 0 ? "−" : "+"
        if unit == "fraction" { return sign + trimmed(abs(x) * 100, decimals: 2) + " pp" }
        return sign + value(abs(x), unit: unit)
    }

    /// A ratio: three significant digits, powers of ten when very small or
    /// large ("1.99e-6"), "n/a" when undefined.
    public static func ratio(_ x: Double) -> String {
        guard x.isFinite else { return "n/a" }
        if x != 0 && (abs(x) < 0.001 || abs(x) >= 100_000) { return scientific(x) }
        return significant(x)
    }

    /// How many times larger the larger of two positive values is: "2.0x",
    /// "15x", "502,000x"; nil when either is zero, negative or not finite.
    public static func factor(_ a: Double, _ b: Double) -> String? {
        guard a.isFinite, b.isFinite, a > 0, b > 0 else { return nil }
        let f = max(a, b) / min(a, b)
        return (f < 100 ? significant(f, digits: 2) : significant(f)) + "x"
    }

    /// Seconds in µs, ms, s, min or h.
    public static func seconds(_ x: Double) -> String {
        let a = abs(x)
        if a == 0 { return "0 s" }
        if a < 1e-3 { return significant(x * 1e6) + " µs" }
        if a < 1 { return significant(x * 1e3) + " ms" }
        if a < 60 { return significant(x) + " s" }
        if a < 7_200 { return significant(x / 60) + " min" }
        return significant(x / 3_600) + " h"
    }

    /// A configured duration (an SLA, a bucket width) in the units of
    /// ``seconds(_:)`` without trailing zeros: "2 s", "1 min", "250 ms".
    public static func duration(_ x: Double) -> String {
        let text = seconds(x)
        guard let space = text.firstIndex(of: " "), text[..<space].contains(".") else { return text }
        var number = String(text[..<space])
        while number.hasSuffix("0") { number.removeLast() }
        if number.hasSuffix(".") { number.removeLast() }
        return number + text[space...]
    }

    /// Bytes with decimal prefixes: B, KB, MB, GB, TB, PB.
    public static func bytes(_ x: Double) -> String {
        let prefixes = ["B", "KB", "MB", "GB", "TB", "PB"]
        var v = x, i = 0
        while abs(v) >= 999.5 && i < prefixes.count - 1 {
            v /= 1000
            i += 1
        }
        return significant(v) + " " + prefixes[i]
    }

    /// US dollars: whole dollars with thousands separators from $1,000; cents
    /// below; two significant digits below a cent.
    public static func usd(_ x: Double) -> String {
        let a = abs(x)
        let sign = x < 0 ? "−" : ""
        if a == 0 { return "$0" }
        if a >= 999.5 { return sign + "$" + grouped(a.rounded()) }
        if a >= 0.01 { return sign + "$" + String(format: "%.2f", a) }
        return sign + "$" + significant(a, digits: 2)
    }

    /// A fraction as a percentage with up to two decimals ("99.46%", "100%"),
    /// with more decimals where two would round a value that is not exactly
    /// 0 or 1 to "0%" or "100%".
    public static func percent(_ x: Double) -> String {
        let p = x * 100
        var decimals = 2
        while decimals < 6 {
            let text = trimmed(p, decimals: decimals)
            let edge = (text == "100" && x != 1) || (text == "0" && x != 0)
            if !edge { break }
            decimals += 1
        }
        return trimmed(p, decimals: decimals) + "%"
    }

    /// Whole counts with thousands separators; means of counts with up to
    /// three significant digits ("7.5", "34.5").
    public static func count(_ x: Double) -> String {
        if x == x.rounded() && abs(x) < 1e15 { return (x < 0 ? "−" : "") + grouped(abs(x)) }
        let text = significant(x)
        guard text.contains(".") else { return text }
        return String(text.reversed().drop { $0 == "0" }.drop { $0 == "." }.reversed())
    }

    /// `x` to `digits` significant digits, in plain notation; whole numbers of
    /// 1,000 or more are rounded to units and grouped.
    public static func significant(_ x: Double, digits: Int = 3) -> String {
        guard x.isFinite else { return value(x, unit: "ratio") }
        if x == 0 { return "0" }
        let sign = x < 0 ? "−" : ""
        let a = abs(x)
        if a >= 999.5 {
            // Whole numbers, rounded to the significant digits: 501,960 -> "502,000".
            let magnitude = floor(log10(a))
            let scale = pow(10, max(0, magnitude + 1 - Double(digits)))
            return sign + grouped((a / scale).rounded() * scale)
        }
        var decimals = max(0, digits - 1 - Int(floor(log10(a))))
        var text = String(format: "%.\(decimals)f", a)
        // Rounding up can add a digit (99.96 -> "100.0"): drop a decimal.
        if decimals > 0, let v = Double(text), v >= pow(10, Double(digits - decimals)) {
            decimals -= 1
            text = String(format: "%.\(decimals)f", a)
        }
        return sign + text
    }

    /// A non-negative whole number with commas every three digits.
    static func grouped(_ x: Double) -> String {
        let digits = String(format: "%.0f", x)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return out
    }

    /// `x` with at most `decimals` decimals, trailing zeros removed.
    static func trimmed(_ x: Double, decimals: Int) -> String {
        var text = String(format: "%.\(decimals)f", x)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// "1.99e-6": three significant digits and a power of ten.
    static func scientific(_ x: Double) -> String {
        let exponent = Int(floor(log10(abs(x))))
        var mantissa = x / pow(10, Double(exponent))
        var e = exponent
        if abs(Double(String(format: "%.2f", mantissa)) ?? 0) >= 10 {
            mantissa /= 10
            e += 1
        }
        return String(format: "%.2f", mantissa) + "e" + String(e)
    }
}
