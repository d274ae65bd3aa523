/// Which node, if any, a key's first replica is pinned to.
///
/// In the edge deployment a store's data should live first on that store's
/// edge server, so that reads and writes from the store's devices stay local
/// while the other replicas spread over the ring. Every replica must derive
/// a key's home from the key alone (anti-entropy and read repair compute
/// owners too), so the home is part of the key's name.
public enum HomePinning: Hashable, Sendable {
    /// No pinning: the ring alone places every replica.
    case disabled
    /// The part of the key before the first `separator` names its home in
    /// `homes`: with `separator: "/"` and `homes: ["store-17": 17]`, the key
    /// `store-17/sku-42` is pinned to replica 17. Keys whose prefix is not
    /// listed (or that have no separator) are placed by the ring alone.
    case keyPrefix(separator: Character, homes: [String: ReplicaID])

    /// The home of `key`, if it is pinned.
    public func home(of key: String) -> ReplicaID? {
        switch self {
        case .disabled:
            return nil
        case .keyPrefix(let separator, let homes):
            guard let cut = key.firstIndex(of: separator) else { return nil }
            return homes[String(key[..<cut])]
        }
    }
}
