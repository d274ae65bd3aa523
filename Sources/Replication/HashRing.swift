import EdgeBase

/// A consistent-hash ring with virtual nodes over a replication group.
///
/// Each member owns `virtualNodesPerMember` points on a 64-bit ring; a key
/// hashes to a point and its preference list is the distinct members met
/// walking clockwise from there. Positions come from FNV-1a and the
/// SplitMix64 finaliser, never from Swift's per-process `Hasher`, so every
/// process places every key the same way. Adding a member moves only the
/// keys whose walk now meets one of its points first: about `1/(n+1)` of the
/// primaries.
public struct HashRing: Hashable, Sendable {
    /// One virtual node.
    @usableFromInline
    struct Token: Hashable, Sendable {
        @usableFromInline var position: UInt64
        @usableFromInline var member: ReplicaID
    }

    /// The members, sorted by id.
    public let members: [ReplicaID]
    /// Points per member.
    public let virtualNodesPerMember: Int
    @usableFromInline
    let tokens: [Token]

    /// A ring over `members`.
    ///
    /// - Parameters:
    ///   - members: the replication group, in any order.
    ///   - virtualNodesPerMember: points per member on the ring; more points
    ///     balance load better and cost memory and lookup time.
    /// - Precondition: `members` is non-empty without duplicates, and
    ///   `virtualNodesPerMember` is positive (``ReplicationConfiguration``
    ///   validation reports these as typed errors first).
    /// - Complexity: O(m·v·log(m·v)) for m members and v virtual nodes.
    public init(members: [ReplicaID], virtualNodesPerMember: Int) {
        let sorted = members.sorted()
        precondition(!sorted.isEmpty, "a ring needs at least one member")
        precondition(zip(sorted, sorted.dropFirst()).allSatisfy { $0 != $1 }, "ring members must be distinct")
        precondition(virtualNodesPerMember > 0, "a member needs at least one virtual node")
        var tokens: [Token] = []
        tokens.reserveCapacity(sorted.count * virtualNodesPerMember)
        for member in sorted {
            for v in 0..<virtualNodesPerMember {
                let seed = UInt64(UInt32(bitPattern: member.rawValue)) << 32 | UInt64(UInt32(truncatingIfNeeded: v))
                tokens.append(Token(position: StableHash.mix(seed), member: member))
            }
        }
        tokens.sort { ($0.position, $0.member) < ($1.position, $1.member) }
        self.members = sorted
        self.virtualNodesPerMember = virtualNodesPerMember
        self.tokens = tokens
    }

    /// The ring position of `key`: FNV-1a over its UTF-8 bytes, mixed.
    @inlinable
    public static func position(of key: String) -> UInt64 {
        StableHash.mix(StableHash.fnv1a(key))
    }

    /// The first `count` distinct members met walking clockwise from `key`.
    ///
    /// With `home` set (and a member), the list starts with `home` and
    /// continues with the walk, skipping `home`: the key's first replica is
    /// pinned to its home node while the others still spread over the ring.
    ///
    /// - Parameters:
    ///   - key: the key.
    ///   - count: how many members to return; at most ``members``' count.
    ///   - home: the member to put first, if any.
    /// - Returns: `min(count, members.count)` distinct members.
    /// - Complexity: O(log(m·v)) to find the start, then O(m·v) in the worst
    ///   case to meet `count` distinct members (usually a few steps).
    public func preferenceList(for key: String, count: Int, home: ReplicaID? = nil) -> [ReplicaID] {
        let wanted = min(count, members.count)
        var result: [ReplicaID] = []
        result.reserveCapacity(wanted)
        var seen = [Bool](repeating: false, count: members.count)
        if let home, let h = memberIndex(home), wanted > 0 {
            result.append(home)
            seen[h] = true
        }
        guard result.count < wanted else { return result }
        let start = firstToken(atOrAfter: Self.position(of: key))
        for step in 0..<tokens.count {
            let token = tokens[(start + step) % tokens.count]
            let m = memberIndex(token.member)!
            if !seen[m] {
                seen[m] = true
                result.append(token.member)
                if result.count == wanted { break }
            }
        }
        return result
    }

    /// Whether `member` is part of the ring.
    public func contains(_ member: ReplicaID) -> Bool { memberIndex(member) != nil }

    func memberIndex(_ member: ReplicaID) -> Int? { members.sortedIndex(of: member) }

    func firstToken(atOrAfter position: UInt64) -> Int {
        let i = tokens.partitioningIndex { $0.position >= position }
        return i == tokens.count ? 0 : i
    }
}
