import Yams

/// One `--set KEY=VALUE` from the command line: a value, written as YAML,
/// that replaces (or adds) the key at a dotted path of a scenario document
/// before the document is validated.
///
/// Because the override works on the YAML and not on the validated model,
/// every key of the format can be set, in its own notation (`10ms`,
/// `100Mbps`, `[]`, `{distribution: constant, value: 5ms}`), and the
/// validation that follows checks the result like any other scenario. A
/// problem found under an overridden key is reported as
/// `--set topology.stores_per_region: must be at least 1, found 0`.
///
/// Paths are keys joined by dots, with `[i]` for a list item:
/// `topology.links.store_region.bandwidth`, `faults[0].duration`. Missing
/// mappings on the way are created, so `replication.w=2` works on a
/// scenario without a `replication:` section.
public struct ScenarioOverride: Hashable, Sendable, CustomStringConvertible {
    /// One step of a path.
    public enum Step: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    /// The file name that issues of overrides carry.
    public static let origin = "--set"

    /// The dotted path, as written.
    public var path: String
    /// The value, as YAML text.
    public var value: String

    /// - Parameters:
    ///   - path: the dotted key path.
    ///   - value: the value as YAML text.
    public init(path: String, value: String) {
        self.path = path
        self.value = value
    }

    /// Reads `KEY=VALUE`; the value may contain `=` and commas.
    ///
    /// - Throws: ``ScenarioErrors`` when there is no `=` or the path is malformed.
    public init(parsing text: String) throws(ScenarioErrors) {
        guard let equals = text.firstIndex(of: "=") else {
            throw Self.error(path: text, "expected KEY=VALUE, e.g. topology.stores_per_region=50")
        }
        let path = String(text[..<equals].trimmingSpaces())
        self.init(path: path, value: String(text[text.index(after: equals)...]))
        _ = try steps()
    }

    /// `path=value`.
    public var description: String { "\(path)=\(value)" }

    /// The path's steps.
    ///
    /// - Throws: ``ScenarioErrors`` for an empty key or a malformed index.
    public func steps() throws(ScenarioErrors) -> [Step] {
        var steps: [Step] = []
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            var rest = Substring(part)
            let keyEnd = rest.firstIndex(of: "[") ?? rest.endIndex
            let key = rest[..<keyEnd]
            guard !key.isEmpty || (!steps.isEmpty && keyEnd != rest.endIndex) else {
                throw Self.error(path: path, "malformed key path; write keys joined by dots, e.g. topology.links.store_region.bandwidth")
            }
            if !key.isEmpty { steps.append(.key(String(key))) }
            rest = rest[keyEnd...]
            while rest.hasPrefix("[") {
                guard let close = rest.firstIndex(of: "]"), let i = Int(rest[rest.index(after: rest.startIndex)..<close]), i >= 0
                else {
                    throw Self.error(path: path, "malformed list index; write e.g. faults[0].duration")
                }
                steps.append(.index(i))
                rest = rest[rest.index(after: close)...]
            }
            guard rest.isEmpty else {
                throw Self.error(path: path, "malformed key path after `]`")
            }
        }
        return steps
    }

    /// Whether an issue at `keyPath` concerns this override: it lies at,
    /// under or above the overridden key.
    func covers(_ keyPath: String) -> Bool {
        func within(_ inner: String, _ outer: String) -> Bool {
            guard inner.hasPrefix(outer) else { return false }
            let rest = inner.dropFirst(outer.count)
            return rest.isEmpty || rest.hasPrefix(".") || rest.hasPrefix("[")
        }
        return !keyPath.isEmpty && (within(keyPath, path) || within(path, keyPath))
    }

    static func error(path: String, _ message: String) -> ScenarioErrors {
        ScenarioErrors(issues: [ScenarioIssue(file: origin, keyPath: path, line: nil, kind: .syntax, message: message)])
    }

    // MARK: - Applying

    /// The document with every override applied, in order (a later one wins).
    ///
    /// - Throws: ``ScenarioErrors`` listing every override that cannot be
    ///   applied: a value that is not YAML, a path through a value that is
    ///   not a mapping or a list, a list index past the end.
    public static func apply(_ overrides: [ScenarioOverride], to root: Node) throws(ScenarioErrors) -> Node {
        var document = root
        var issues: [ScenarioIssue] = []
        for o in overrides {
            do throws(ScenarioErrors) {
                let steps = try o.steps()
                let value = try o.valueNode()
                document = try o.replace(in: document, steps: steps[...], walked: "", with: value)
            } catch {
                issues += error.issues
            }
        }
        guard issues.isEmpty else { throw ScenarioErrors(issues: issues) }
        return document
    }

    /// The value as a YAML node (an empty value is null).
    func valueNode() throws(ScenarioErrors) -> Node {
        let node: Node?
        do {
            node = try Yams.compose(yaml: value)
        } catch {
            throw Self.error(path: path, "the value `\(value)` is not valid YAML")
        }
        return node ?? Node("", .implicit, .plain)
    }

    private func replace(in node: Node, steps: ArraySlice<Step>, walked: String, with value: Node) throws(ScenarioErrors) -> Node {
        guard let step = steps.first else { return value }
        let rest = steps.dropFirst()
        switch (step, node) {
        case (.key(let key), .mapping(var mapping)):
            let here = walked.isEmpty ? key : "\(walked).\(key)"
            if let i = mapping.firstIndex(where: { $0.key.scalar?.string == key }) {
                let replaced = try replace(in: mapping[i].value, steps: rest, walked: here, with: value)
                mapping[i] = (mapping[i].key, replaced)
                return .mapping(mapping)
            }
            let empty = Node.mapping(Node.Mapping([]))
            var pairs = Array(mapping).map { ($0.key, $0.value) }
            pairs.append((Node(key), try replace(in: empty, steps: rest, walked: here, with: value)))
            return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark))
        case (.key(let key), .scalar(let s)) where ScenarioReader.isNull(s):
            return try replace(in: .mapping(Node.Mapping([])), steps: [.key(key)] + rest, walked: walked, with: value)
        case (.index(let i), .sequence(var sequence)):
            let here = "\(walked)[\(i)]"
            guard i < sequence.count else {
                throw Self.error(path: path, "`\(walked)` has \(sequence.count) item(s); there is no item \(i)")
            }
            sequence[i] = try replace(in: sequence[i], steps: rest, walked: here, with: value)
            return .sequence(sequence)
        case (.key(let key), _):
            let what = walked.isEmpty ? "the document" : "`\(walked)`"
            throw Self.error(path: path, "\(what) is \(ScenarioReader.describe(node)), not a mapping, so it has no key `\(key)`")
        case (.index, _):
            throw Self.error(path: path, "`\(walked)` is \(ScenarioReader.describe(node)), not a list")
        }
    }
}

/// The overrides as `--set` lists them, for run.json and messages.
extension [ScenarioOverride] {
    /// `path=value` for each, in order.
    public var descriptions: [String] { map(\.description) }
}
