/// Input the scheduling library refuses, naming the field at fault.
///
/// Raised when a configuration, a node, a source or a workload spec is
/// invalid, before anything is scheduled. ``field`` is a key path such as
/// `weights.latency`, `nodes[12].location.store` or `workloads[3].replicas`,
/// so that a scenario loader can map it onto the line of the file. Cases can
/// be added without breaking callers: match on ``kind`` with a `default`
/// branch.
public struct SchedulingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong with the field.
    public enum Kind: Hashable, Sendable {
        /// A number outside the allowed range.
        case outOfRange(value: Int64, allowed: ClosedRange<Int64>)
        /// A value that must be given and was not.
        case missing
        /// A set or list that must not be empty.
        case empty
        /// An identifier that names nothing in the cluster.
        case unknownIdentifier(Int)
        /// The same entry given twice.
        case duplicate(String)
        /// A value that contradicts another field; the text says which.
        case inconsistent(String)
        /// A filter plugin the scheduler cannot run without.
        case requiredFilterDisabled(FilterPlugin)
    }

    /// Key path of the offending field.
    public let field: String
    /// What is wrong with it.
    public let kind: Kind

    /// An error about `field`.
    public init(field: String, kind: Kind) {
        self.field = field
        self.kind = kind
    }

    /// One line: the field, then what is wrong.
    public var description: String {
        let why: String
        switch kind {
        case let .outOfRange(value, allowed):
            why = "\(value) is out of range; allowed \(allowed.lowerBound)...\(allowed.upperBound)"
        case .missing: why = "is required"
        case .empty: why = "must not be empty"
        case let .unknownIdentifier(id): why = "\(id) names nothing in the cluster"
        case let .duplicate(what): why = "\(what) is given twice"
        case let .inconsistent(what): why = what
        case let .requiredFilterDisabled(filter): why = "must include \(filter); the scheduler cannot run without it"
        }
        return "\(field): \(why)"
    }
}
