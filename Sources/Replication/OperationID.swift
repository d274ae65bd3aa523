/// A coordinator's name for one of its operations (a coordinated read or
/// write, a forwarded request).
///
/// Meaningful only at the replica that issued it: replies echo it back. The
/// incarnation (bumped by every restart, and durable) keeps a reply to an
/// operation from before a crash from matching one issued after it.
public struct OperationID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The issuing replica's incarnation.
    public var incarnation: UInt32
    /// The operation's number within the incarnation, from 1.
    public var sequence: UInt64

    /// An operation id.
    @inlinable
    public init(incarnation: UInt32, sequence: UInt64) {
        self.incarnation = incarnation
        self.sequence = sequence
    }

    /// Ordered by incarnation, then sequence.

    /// Ordered by incarnation, then sequence.
    @inlinable
    public static func < (a: OperationID, b: OperationID) -> Bool {
        (a.incarnation, a.sequence) < (b.incarnation, b.sequence)
    }

    /// `op2.17` for the 17th operation of incarnation 2.
    public var description: String { "op\(incarnation).\(sequence)" }
}
