/// One problem found in a scenario file, located by file, key path and line.
///
/// Printed as one line, the way compilers print diagnostics:
///
///     smoke.yaml:12: topology.links.store_region.bandwidth: "50 Mbps/s" is not a bandwidth; write e.g. "50Mbps" or "1Gbps"
///
/// The key path is empty for problems that belong to the whole file (a YAML
/// syntax error, a file that cannot be read); the line is nil only when no
/// line applies (a file that cannot be read).
public struct ScenarioIssue: Hashable, Sendable, CustomStringConvertible {
    /// What sort of problem this is.
    ///
    /// A struct over a private code, so that kinds can be added without
    /// breaking callers that switch on them: compare with `==`.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        private enum Code: String, Hashable, Sendable {
            case unreadableFile = "unreadable file"
            case syntax = "YAML syntax"
            case unknownKey = "unknown key"
            case missingKey = "missing key"
            case wrongType = "wrong type"
            case badUnit = "bad unit"
            case outOfRange = "out of range"
            case invalidDistribution = "invalid distribution"
            case unknownNode = "unknown node"
            case badLink = "bad link"
            case faultTiming = "fault timing"
            case partitionOverlap = "partition overlap"
            case duplicate = "duplicate"
            case inconsistent = "inconsistent"
            case noEffect = "no effect"
            case deprecated = "deprecated"
            case budget = "budget"
        }
        private let code: Code
        private init(_ code: Code) { self.code = code }

        /// The file could not be read.
        public static let unreadableFile = Kind(.unreadableFile)
        /// The text is not well-formed YAML (or holds more than one document).
        public static let syntax = Kind(.syntax)
        /// A key that the format does not define at that place.
        public static let unknownKey = Kind(.unknownKey)
        /// A required key that is absent.
        public static let missingKey = Kind(.missingKey)
        /// A list where a mapping belongs, text where a number belongs, and the like.
        public static let wrongType = Kind(.wrongType)
        /// A quantity without a unit, with an unknown unit, or in the wrong unit.
        public static let badUnit = Kind(.badUnit)
        /// A value of the right type outside the range it must lie in.
        public static let outOfRange = Kind(.outOfRange)
        /// Distribution parameters that do not describe a distribution.
        public static let invalidDistribution = Kind(.invalidDistribution)
        /// A node name that the topology does not generate.
        public static let unknownNode = Kind(.unknownNode)
        /// A link that does not fit its kind, or a fault on two nodes that no link joins.
        public static let badLink = Kind(.badLink)
        /// A fault that starts or ends after the end of the run.
        public static let faultTiming = Kind(.faultTiming)
        /// A node on both sides of a partition.
        public static let partitionOverlap = Kind(.partitionOverlap)
        /// Something that may appear once, given twice.
        public static let duplicate = Kind(.duplicate)
        /// Values that contradict each other (price tiers out of order, a
        /// transfer price between tiers that are not neighbours).
        public static let inconsistent = Kind(.inconsistent)
        /// A warning: a setting or fault that cannot change any number.
        public static let noEffect = Kind(.noEffect)
        /// A warning: an old spelling that is still accepted.
        public static let deprecated = Kind(.deprecated)
        /// A scenario whose estimated events or memory exceed the budget
        /// (see ``RunBudget``).
        public static let budget = Kind(.budget)

        public var description: String { code.rawValue }
    }

    /// The file as named to the loader (a path, or a label for text).
    public var file: String
    /// Where in the document, as dotted keys and list indices:
    /// `topology.links.store_region.bandwidth`, `faults[2].node`. Empty for
    /// the whole file.
    public var keyPath: String
    /// The 1-based line the problem is on (for a missing key, the line of the
    /// mapping that should hold it).
    public var line: Int?
    public var kind: Kind
    /// What is wrong and, where it helps, how to write it instead.
    public var message: String

    public init(file: String, keyPath: String, line: Int?, kind: Kind, message: String) {
        self.file = file
        self.keyPath = keyPath
        self.line = line
        self.kind = kind
        self.message = message
    }

    /// Whether this is a warning (the run goes ahead) rather than an error.
    public var isWarning: Bool { kind == .noEffect || kind == .deprecated }

    /// `file:line: key.path: message`, leaving out the parts that are absent;
    /// `--set key.path: message` for a problem of a command-line override;
    /// `warning: ` before the message of a warning.
    public var description: String {
        let body = isWarning ? "warning: " + message : message
        if file == ScenarioOverride.origin, line == nil, !keyPath.isEmpty {
            return "\(file) \(keyPath): \(body)"
        }
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if !keyPath.isEmpty { text += keyPath + ": " }
        return text + body
    }
}

/// Every problem found in one scenario file.
///
/// The loader reads the whole file and collects all the problems it can find
/// before throwing this, so that one run of the tool shows them all. Issues
/// are sorted by line, then key path, then message, so the output never
/// depends on the order of a dictionary.
public struct ScenarioErrors: Error, Hashable, Sendable, CustomStringConvertible {
    /// At least one issue, in file order.
    public var issues: [ScenarioIssue]

    /// - Parameter issues: in any order; they are sorted.
    public init(issues: [ScenarioIssue]) {
        self.issues = issues.sorted(by: ScenarioErrors.fileOrder)
    }

    /// One line per issue, in file order.
    public var description: String {
        issues.map(\.description).joined(separator: "\n")
    }

    static func fileOrder(_ x: ScenarioIssue, _ y: ScenarioIssue) -> Bool {
        let lx = x.line ?? 0, ly = y.line ?? 0
        if lx != ly { return lx < ly }
        if x.keyPath != y.keyPath { return x.keyPath < y.keyPath }
        return x.message < y.message
    }
}
