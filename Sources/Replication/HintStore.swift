import EdgeBase

/// The hints a replica holds as a stand-in for owners it could not reach.
///
/// Each hint is one coordinator's state of one key, for one owner, as
/// received; hints are kept in arrival order (ids increase) and handed off
/// in that order. Durable: hints survive a crash, as hint files do on disk,
/// so that a stand-in's acknowledgement counted towards a write quorum is
/// not silently forgotten.
public struct HintStore: Hashable, Sendable {
    /// One hint.
    public struct Hint: Hashable, Sendable {
        /// The stand-in's id for the hint (increasing).
        public var id: UInt64
        /// The replica the state is meant for.
        public var owner: ReplicaID
        /// The key.
        public var key: String
        /// The coordinator's state of the key.
        public var state: SiblingSet
        /// The stand-in's local time when the hint arrived; the TTL counts
        /// from here.
        public var storedAt: LocalTime
    }

    /// The hints held, oldest first.
    public private(set) var hints: [Hint] = []
    private var nextID: UInt64 = 1

    /// No hints.
    public init() {}

    /// How many hints are held.
    public var count: Int { hints.count }

    /// Keeps `state` for `owner`.
    ///
    /// - Returns: the new hint's id.
    @discardableResult
    public mutating func add(owner: ReplicaID, key: String, state: SiblingSet, now: LocalTime) -> UInt64 {
        let id = nextID
        nextID += 1
        hints.append(Hint(id: id, owner: owner, key: key, state: state, storedAt: now))
        return id
    }

    /// Drops hint `id` (delivered).
    ///
    /// - Returns: whether it was held.
    /// - Complexity: O(n).
    public mutating func remove(id: UInt64) -> Bool {
        let i = index(of: id)
        guard i < hints.count, hints[i].id == id else { return false }
        hints.remove(at: i)
        return true
    }

    /// Drops every hint stored more than `ttl` before `now`.
    ///
    /// - Returns: the ids dropped, oldest first.
    public mutating func expire(olderThan ttl: LocalDuration, now: LocalTime) -> [UInt64] {
        var expired: [UInt64] = []
        hints.removeAll { hint in
            let old = now - hint.storedAt > ttl
            if old { expired.append(hint.id) }
            return old
        }
        return expired
    }

    /// The hinted states of `key`, oldest first.
    public func states(of key: String) -> [SiblingSet] {
        hints.filter { $0.key == key }.map(\.state)
    }

    private func index(of id: UInt64) -> Int { hints.partitioningIndex { $0.id >= id } }
}
