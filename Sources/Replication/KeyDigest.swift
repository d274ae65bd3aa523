/// A key and the digest of a replica's state of it.
public struct KeyDigest: Hashable, Sendable {
    /// The key.
    public var key: String
    /// ``SiblingSet/digest`` of the sender's state.
    public var digest: UInt64

    /// A digest entry.
    public init(key: String, digest: UInt64) {
        self.key = key
        self.digest = digest
    }
}
