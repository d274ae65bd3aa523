/// Bytes that are not an encoded ``PNCounter``.
public struct PNCounterDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public enum Kind: Hashable, Sendable {
        /// The bytes do not start with `PN`.
        case badMagic
        /// The bytes end inside an entry.
        case truncated
        /// Bytes follow the decrements.
        case trailingBytes
    }

    /// What is wrong.
    public let kind: Kind
    /// Where, in bytes from the start.
    public let offset: Int

    /// An error.
    public init(_ kind: Kind, offset: Int) {
        self.kind = kind
        self.offset = offset
    }

    /// `truncated at byte 14`, for example.
    public var description: String { "\(kind) at byte \(offset)" }
}
