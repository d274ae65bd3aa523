/// What a client asks of the store.
public enum ClientOperation: Hashable, Sendable {
    /// Read every current version of `key`.
    case read(key: String)
    /// Write `value`, superseding the versions `context` covers (the context
    /// of an earlier read or write reply; empty for a blind write).
    case write(key: String, value: [UInt8], context: VersionVector = VersionVector())
    /// Delete `key` by writing a tombstone that supersedes the versions
    /// `context` covers. Concurrent writes the context does not cover
    /// survive as siblings (under ``ConflictPolicy/siblings``).
    case delete(key: String, context: VersionVector = VersionVector())

    /// The key the operation is about.
    public var key: String {
        switch self {
        case .read(let key), .write(let key, _, _), .delete(let key, _): key
        }
    }

    /// Whether the operation only reads.
    public var isRead: Bool {
        if case .read = self { true } else { false }
    }
}
