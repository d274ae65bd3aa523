import Foundation
import SimKernel
import Yams

/// A YAML node and where it is: its key path and the line to report.
struct Located {
    var node: Node
    /// `topology.links.store_region`, `faults[2]`; empty for the document.
    var path: String
    /// The line of the key that holds the node (or of the list item).
    var line: Int

    /// The path of a key under this node.
    func path(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The path of a list item under this node.
    func path(index: Int) -> String { "\(path)[\(index)]" }
}

/// The keys of one YAML mapping, looked up by name.
///
/// Keys are only ever looked up, never iterated through the dictionary, so
/// nothing here depends on `Dictionary` order.
struct Fields {
    let owner: Located
    private let entries: [String: (line: Int, value: Node)]
    /// Allowed keys that an unknown key was reported as a likely misspelling of.
    let misspelled: Set<String>

    init(owner: Located, entries: [String: (line: Int, value: Node)], misspelled: Set<String> = []) {
        self.owner = owner
        self.entries = entries
        self.misspelled = misspelled
    }

    subscript(key: String) -> Located? {
        entries[key].map { Located(node: $0.value, path: owner.path(key), line: $0.line) }
    }

    func has(_ key: String) -> Bool { entries[key] != nil }
}

/// Reads typed values out of YAML nodes and collects every problem it meets,
/// located by key path and line, instead of stopping at the first.
///
/// Each reading method returns nil when the value is absent or wrong, having
/// recorded why; callers carry on with the rest of the document.
final class ScenarioReader {
    let file: String
    private(set) var issues: [ScenarioIssue] = []
    /// Problems that do not stop a run (a fault that can have no effect, a
    /// deprecated spelling), printed on stderr.
    private(set) var warnings: [ScenarioIssue] = []
    /// Old keys of other sections that now belong to `deployment:`, in the
    /// order read: the deployment key each sets (`store.price`) and where
    /// the old one is. ``readDeployment(_:)`` applies them.
    var deploymentAliases: [(key: String, at: Located)] = []

    init(file: String) { self.file = file }

    // MARK: - Reporting

    func report(_ kind: ScenarioIssue.Kind, path: String, line: Int?, _ message: String) {
        issues.append(ScenarioIssue(file: file, keyPath: path, line: line, kind: kind, message: message))
    }

    func warn(_ kind: ScenarioIssue.Kind = .noEffect, path: String, line: Int?, _ message: String) {
        warnings.append(ScenarioIssue(file: file, keyPath: path, line: line, kind: kind, message: message))
    }

    func report(_ kind: ScenarioIssue.Kind, _ at: Located, _ message: String) {
        report(kind, path: at.path, line: at.line, message)
    }

    /// Records `message` as out of range unless `ok`; returns `ok`.
    @discardableResult
    func check(_ ok: Bool, _ at: Located, _ message: @autoclosure () -> String) -> Bool {
        if !ok { report(.outOfRange, at, message()) }
        return ok
    }

    // MARK: - Structure

    /// How a node looks, for "found ..." in messages.
    static func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let s): return isNull(s) ? "nothing" : "\"\(s.string)\""
        }
    }

    static func isNull(_ scalar: Node.Scalar) -> Bool {
        scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// The keys of a mapping, checking each against `allowed`.
    ///
    /// Unknown keys are reported with the closest allowed key ("did you
    /// mean"), or with the section they belong to when they exist elsewhere.
    ///
    /// - Parameters:
    ///   - allowed: the keys defined here, in documentation order.
    ///   - explain: for a key not allowed here, a message that replaces the
    ///     generic one (a fault key that belongs to another fault kind).
    func fields(_ at: Located, allowed: [String], what: String = "a mapping",
                explain: (String) -> String? = { _ in nil }) -> Fields? {
        guard case .mapping(let mapping) = at.node else {
            report(.wrongType, at, "expected \(what), found \(Self.describe(at.node))")
            return nil
        }
        var entries: [String: (line: Int, value: Node)] = [:]
        var misspelled: Set<String> = []
        for (keyNode, value) in mapping {
            let keyLine = keyNode.mark?.line ?? at.line
            guard case .scalar(let keyScalar) = keyNode, !Self.isNull(keyScalar) else {
                report(.wrongType, path: at.path, line: keyLine,
                       "keys must be plain names, found \(Self.describe(keyNode))")
                continue
            }
            let key = keyScalar.string
            guard allowed.contains(key) else {
                let path = at.path(key)
                if let explanation = explain(key) {
                    report(.unknownKey, path: path, line: keyLine, explanation)
                } else {
                    let near = Suggestion.closest(to: key, among: allowed).map { ScenarioSchema.renamed[$0] ?? $0 }
                    if let near { misspelled.insert(near) }
                    report(.unknownKey, path: path, line: keyLine, unknownKeyMessage(key, near: near, allowed: allowed, at: at.path))
                }
                continue
            }
            entries[key] = (keyLine, value)
        }
        return Fields(owner: at, entries: entries, misspelled: misspelled)
    }

    private func unknownKeyMessage(_ key: String, near: String?, allowed: [String], at path: String) -> String {
        if let near {
            return "unknown key; did you mean `\(near)`?"
        }
        if let home = ScenarioSchema.home(ofKey: key), home != path {
            return home.isEmpty ? "unknown key here; `\(key)` belongs at the top level"
                : "unknown key here; `\(key)` belongs under `\(home)`"
        }
        return "unknown key; expected one of: " + allowed.joined(separator: ", ")
    }

    /// The value of a required key; reports it missing when absent, unless
    /// an unknown key was already reported as its misspelling.
    func required(_ fields: Fields, _ key: String, _ what: String) -> Located? {
        if let value = fields[key] { return value }
        if fields.misspelled.contains(key) { return nil }
        report(.missingKey, path: fields.owner.path(key), line: fields.owner.line,
               "required key is missing (\(what))")
        return nil
    }

    /// The items of a list, each located as `path[i]` on its own line.
    func list(_ at: Located, what: String) -> [Located]? {
        guard case .sequence(let sequence) = at.node else {
            report(.wrongType, at, "expected \(what), found \(Self.describe(at.node))")
            return nil
        }
        return sequence.enumerated().map { i, item in
            Located(node: item, path: at.path(index: i), line: item.mark?.line ?? at.line)
        }
    }

    /// The text of a scalar; reports lists, mappings and empty values.
    func scalar(_ at: Located, _ what: String) -> String? {
        switch at.node {
        case .scalar(let s) where !Self.isNull(s): return s.string
        case .scalar: report(.wrongType, at, "has no value; expected \(what)")
        default: report(.wrongType, at, "expected \(what), found \(Self.describe(at.node))")
        }
        return nil
    }

    // MARK: - Plain values

    func string(_ at: Located, _ what: String = "text") -> String? { scalar(at, what) }

    /// A whole number, at least `min` (and at most `max`).
    func int(_ at: Located, min: Int, max: Int = 1_000_000_000, _ what: String = "a whole number") -> Int? {
        guard let text = scalar(at, what) else { return nil }
        let digits = text.filter { $0 != "_" }
        var parsed = Int(digits)
        if parsed == nil {
            // 3.0 is a whole number written as a float; 2.5 is not whole.
            let body = Substring(digits)
            let negative = body.hasPrefix("-")
            guard let d = DecimalText.parse(negative ? body.dropFirst() : body) else {
                report(.wrongType, at, "expected \(what), found \"\(text)\"")
                return nil
            }
            guard d.isWhole else {
                report(.wrongType, at, "expected \(what), found \(text), which is not whole")
                return nil
            }
            guard d <= Decimal(max) else {
                report(.outOfRange, at, "must be at most \(max), found \(text)")
                return nil
            }
            parsed = Int(d.description).map { negative ? -$0 : $0 }
        }
        guard let value = parsed else {
            report(.wrongType, at, "expected \(what), found \"\(text)\"")
            return nil
        }
        guard value >= min else {
            report(.outOfRange, at, "must be at least \(min), found \(value)")
            return nil
        }
        guard value <= max else {
            report(.outOfRange, at, "must be at most \(max), found \(value)")
            return nil
        }
        return value
    }

    func uint64(_ at: Located, _ what: String) -> UInt64? {
        guard let text = scalar(at, what) else { return nil }
        guard let value = UInt64(text.filter { $0 != "_" }) else {
            report(text.hasPrefix("-") ? .outOfRange : .wrongType, at,
                   "expected \(what), found \"\(text)\"")
            return nil
        }
        return value
    }

    /// An exact decimal number, optionally negative.
    func decimal(_ at: Located, _ what: String = "a number") -> Decimal? {
        guard let text = scalar(at, what) else { return nil }
        let body = Substring(text).trimmingSpaces()
        let negative = body.hasPrefix("-")
        guard let value = DecimalText.parse(negative ? body.dropFirst() : body) else {
            report(.wrongType, at, "expected \(what), found \"\(text)\"")
            return nil
        }
        return negative ? -value : value
    }

    /// A number, read exactly and rounded once to a `Double`.
    func double(_ at: Located, _ what: String = "a number") -> Double? {
        decimal(at, what).map(DecimalText.toDouble)
    }

    func bool(_ at: Located) -> Bool? {
        guard let text = scalar(at, "true or false") else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            report(.wrongType, at, "expected true or false, found \"\(text)\"")
            return nil
        }
    }

    /// One of a fixed set of words, with a "did you mean" when it is close to one.
    func choice(_ at: Located, _ options: [String], what: String) -> String? {
        guard let text = scalar(at, "\(what): one of \(options.joined(separator: ", "))") else { return nil }
        if options.contains(text) { return text }
        if let near = Suggestion.closest(to: text, among: options) {
            report(.wrongType, at, "\"\(text)\" is not \(what); did you mean `\(near)`?")
        } else {
            report(.wrongType, at, "\"\(text)\" is not \(what); expected one of: \(options.joined(separator: ", "))")
        }
        return nil
    }

    // MARK: - Quantities

    /// A non-negative duration such as "150ms".
    func duration(_ at: Located) -> SimDuration? {
        guard let text = scalar(at, "a duration such as \"150ms\", \"2.5s\" or \"5m\"") else { return nil }
        do throws(DurationParseError) {
            let value = try SimDuration(parsing: text)
            return checkDurationLimit(value, at) ? value : nil
        } catch {
            report(Self.kind(of: error), at, error.description)
            return nil
        }
    }

    /// A duration that may be negative ("-50ms"), such as a clock offset.
    func signedDuration(_ at: Located) -> SimDuration? {
        guard let text = scalar(at, "a duration such as \"50ms\" or \"-2s\"") else { return nil }
        let body = Substring(text).trimmingSpaces()
        let negative = body.hasPrefix("-")
        do throws(DurationParseError) {
            let magnitude = try SimDuration(parsing: String(negative ? body.dropFirst() : body))
            guard checkDurationLimit(magnitude, at) else { return nil }
            return negative ? .zero - magnitude : magnitude
        } catch {
            report(Self.kind(of: error), at, error.description)
            return nil
        }
    }

    /// A duration that must be more than zero.
    func positiveDuration(_ at: Located) -> SimDuration? {
        guard let value = duration(at) else { return nil }
        return check(value > .zero, at, "must be longer than zero") ? value : nil
    }

    static func kind(of error: DurationParseError) -> ScenarioIssue.Kind {
        switch error.kind {
        case .malformedNumber, .unknownUnit, .empty: return .badUnit
        default: return .outOfRange
        }
    }

    static func kind(of error: UnitParseError) -> ScenarioIssue.Kind {
        switch error.kind {
        case .empty, .malformed, .missingUnit, .unknownUnit: return .badUnit
        default: return .outOfRange
        }
    }

    /// Runs a unit parser on the scalar, reporting its error where the value is.
    func quantity<T>(_ at: Located, _ what: String, _ parse: (String) throws(UnitParseError) -> T) -> T? {
        guard let text = scalar(at, what) else { return nil }
        do throws(UnitParseError) {
            return try parse(text)
        } catch {
            report(Self.kind(of: error), at, error.description)
            return nil
        }
    }

    /// A bandwidth, more than zero.
    func bandwidth(_ at: Located) -> Double? {
        guard let b = quantity(at, "a bandwidth such as \"50Mbps\"", { (t: String) throws(UnitParseError) in try Bandwidth(parsing: t) })
        else { return nil }
        return check(b.bitsPerSecond > 0, at, "must be more than zero") ? b.bitsPerSecond : nil
    }

    /// A whole number of bytes, at least `min` and at most `max` (by default
    /// the largest message, ``ScenarioLimits/largestSize``).
    func size(_ at: Located, min: Int64 = 0, max: Int64 = Int64(ScenarioLimits.largestSize)) -> Int64? {
        guard let s = quantity(at, "a size such as \"512B\" or \"1.5MB\"", { (t: String) throws(UnitParseError) in try ByteSize(parsing: t) })
        else { return nil }
        guard check(s.bytes >= min, at, "must be at least \(ByteSize(bytes: min))") else { return nil }
        return check(s.bytes <= max, at, "must be at most \(ByteSize(bytes: max)) (the largest message a run carries)") ? s.bytes : nil
    }

    /// A size as an exact number of gigabytes (10^9 bytes).
    func gigabytes(_ at: Located) -> Decimal? {
        guard let bytes = quantity(at, "a size such as \"100GB\"", { (t: String) throws(UnitParseError) in try ByteSize.exactBytes(t) })
        else { return nil }
        return bytes / Decimal(1_000_000_000)
    }

    /// A price per `per`; a price per anything else is reported.
    func price(_ at: Located, per: Price.Per) -> Decimal? {
        let example: String
        switch per {
        case .gigabyte: example = "\"$0.09/GB\""
        case .hour: example = "\"$0.35/h\""
        case .month: example = "\"$150/month\""
        }
        guard let p = quantity(at, "a price such as \(example)", { (t: String) throws(UnitParseError) in try Price(parsing: t) })
        else { return nil }
        guard p.per == per else {
            let unit = ["GB": "gigabyte", "h": "hour", "month": "month"]
            report(.badUnit, at, "\"\(p)\" is a price per \(unit[p.per.rawValue]!); this needs a price per \(unit[per.rawValue]!), such as \(example)")
            return nil
        }
        return p.amount
    }

    func rate(_ at: Located) -> EventRate? {
        quantity(at, "a rate such as \"6/h\"", { (t: String) throws(UnitParseError) in try EventRate(parsing: t) })
    }

    /// A probability in [0, 1]; narrower ranges are the caller's to check.
    func probability(_ at: Located) -> Double? {
        quantity(at, "a probability such as 0.01 or \"1%\"", { (t: String) throws(UnitParseError) in try Probability(parsing: t) })?.value
    }
}

/// "Did you mean": the closest word by edit distance, when close enough.
enum Suggestion {
    /// The candidate nearest to `word`, or nil when none is near.
    ///
    /// Words that differ only in case, `_`, `-` or spaces match first
    /// (`storesPerRegion` for `stores_per_region`); otherwise the smallest
    /// optimal-string-alignment distance (a swap of neighbours counts one)
    /// within about a third of the candidate's length. Ties go to the earlier
    /// candidate, so the answer never depends on hashing.
    static func closest(to word: String, among candidates: [String]) -> String? {
        let squashed = squash(word)
        if let same = candidates.first(where: { squash($0) == squashed }) { return same }
        var best: (candidate: String, distance: Int)?
        let lowered = Array(word.lowercased())
        for candidate in candidates {
            let d = distance(lowered, Array(candidate.lowercased()))
            let limit = max(1, min(3, candidate.count / 3))
            if d <= limit, d < (best?.distance ?? .max) { best = (candidate, d) }
        }
        return best?.candidate
    }

    static func squash(_ s: String) -> String {
        String(s.lowercased().filter { $0 != "_" && $0 != "-" && $0 != " " })
    }

    /// Optimal string alignment distance (Damerau–Levenshtein without
    /// repeated edits of a substring).
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
