/// The identity of one replica in a replication group.
///
/// A dense small integer chosen by the driver (the simulator maps its node
/// ids to these; a live deployment would assign them in its configuration).
/// Ordering is by the raw value, and every place where the library must
/// visit replicas in some order visits them in this order, so that decisions
/// never depend on hashing.
public struct ReplicaID: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible,
    ExpressibleByIntegerLiteral
{
    /// The dense integer id.
    public var rawValue: Int32

    /// Wraps a raw id.
    @inlinable
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// Wraps a raw id.
    @inlinable
    public init(_ rawValue: Int32) { self.rawValue = rawValue }

    /// Wraps an integer literal, so that tests and examples can write `3`.
    @inlinable
    public init(integerLiteral value: Int32) { self.rawValue = value }

    /// Ordered by the raw id.

    /// Ordered by the raw id.
    @inlinable
    public static func < (a: ReplicaID, b: ReplicaID) -> Bool { a.rawValue < b.rawValue }

    /// `r` followed by the raw id, for example `r3`.
    public var description: String { "r\(rawValue)" }
}
