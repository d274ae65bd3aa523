/// A configuration that cannot run, and the field at fault.
public struct ReplicationConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public enum Kind: Hashable, Sendable {
        /// A count or duration that must be positive is zero or negative.
        case notPositive
        /// R or W exceeds N, or N exceeds the group's size.
        case exceedsLimit
        /// The group is empty or lists a replica twice.
        case invalidGroup
        /// A replica named (a home, or the replica being built) is not in
        /// the group.
        case unknownReplica
        /// The suspicion timeout does not exceed the heartbeat interval, so
        /// healthy members would be suspected between heartbeats.
        case suspicionTooShort
    }

    /// The configuration fields, named as in ``ReplicationConfiguration``.
    public enum Field: String, Hashable, Sendable, CaseIterable {
        case replicationFactor, readQuorum, writeQuorum, sloppyQuorum, group, homePinning, conflictPolicy
        case requestTimeout, heartbeatInterval, suspicionTimeout, hintWindow, hintTTL, handoffThrottle
        case antiEntropy, antiEntropyPeriod, readRepair, virtualNodesPerReplica
    }

    /// What is wrong.
    public let kind: Kind
    /// The field at fault.
    public let field: Field
    /// One sentence for a person: the field, its value, and the rule.
    public let message: String

    /// An error.
    public init(_ kind: Kind, field: Field, message: String) {
        self.kind = kind
        self.field = field
        self.message = message
    }

    /// `readQuorum: 4 exceeds replicationFactor 3`, for example.
    public var description: String { "\(field.rawValue): \(message)" }
}
