/// The driver's name for a client request, echoed in the response.
///
/// Chosen by the driver; unique among the requests it has open at one
/// replica.
public struct ClientRequestID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The id.
    public var rawValue: UInt64

    /// Wraps an id.
    @inlinable
    public init(_ rawValue: UInt64) { self.rawValue = rawValue }

    /// Ordered by the raw id.

    /// Ordered by the raw id.
    @inlinable
    public static func < (a: ClientRequestID, b: ClientRequestID) -> Bool { a.rawValue < b.rawValue }

    /// `req42`.
    public var description: String { "req\(rawValue)" }
}
