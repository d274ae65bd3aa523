/// A version vector: for each replica, how many of its updates are known.
///
/// Entries are kept sorted by replica and never hold a zero counter, so two
/// vectors that describe the same history are equal (`==`), hash the same,
/// and encode to the same bytes. Missing entries read as zero.
public struct VersionVector: Hashable, Sendable, CustomStringConvertible {
    /// One replica's counter.
    public struct Entry: Hashable, Sendable {
        /// The replica.
        public var replica: ReplicaID
        /// How many of its updates are known; always positive when stored.
        public var counter: UInt64

        /// An entry.
        @inlinable
        public init(replica: ReplicaID, counter: UInt64) {
            self.replica = replica
            self.counter = counter
        }
    }

    /// The non-zero entries, sorted by replica.
    public private(set) var entries: [Entry]

    /// The empty vector: no update known.
    public init() { entries = [] }

    /// A vector from `(replica, counter)` pairs in any order.
    ///
    /// Zero counters are dropped; a replica listed twice keeps the larger
    /// counter.
    public init<S: Sequence>(_ pairs: S) where S.Element == (ReplicaID, UInt64) {
        var sorted = pairs.filter { $0.1 > 0 }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        var unique: [Entry] = []
        unique.reserveCapacity(sorted.count)
        for (replica, counter) in sorted {
            if let last = unique.last, last.replica == replica {
                unique[unique.count - 1].counter = max(last.counter, counter)
            } else {
                unique.append(Entry(replica: replica, counter: counter))
            }
        }
        sorted.removeAll()
        entries = unique
    }

    /// A vector from a dictionary literal, for tests and examples.
    public init(_ counters: KeyValuePairs<ReplicaID, UInt64>) {
        self.init(counters.map { ($0.key, $0.value) })
    }

    /// Whether no update is known.
    @inlinable
    public var isEmpty: Bool { entries.isEmpty }

    /// The counter of `replica`, zero when absent.
    ///
    /// - Complexity: O(log n) in the number of entries.
    public subscript(replica: ReplicaID) -> UInt64 {
        get {
            let i = index(of: replica)
            return i < entries.count && entries[i].replica == replica ? entries[i].counter : 0
        }
        set {
            let i = index(of: replica)
            if i < entries.count && entries[i].replica == replica {
                if newValue == 0 { entries.remove(at: i) } else { entries[i].counter = newValue }
            } else if newValue > 0 {
                entries.insert(Entry(replica: replica, counter: newValue), at: i)
            }
        }
    }

    /// Whether the history includes `dot` (its counter is at most this
    /// vector's entry for the dot's replica).
    @inlinable
    public func covers(_ dot: Dot) -> Bool { self[dot.replica] >= dot.counter }

    /// The vector with `dot` added: its replica's entry raised to at least
    /// the dot's counter.
    public func adding(_ dot: Dot) -> VersionVector {
        var copy = self
        if copy[dot.replica] < dot.counter { copy[dot.replica] = dot.counter }
        return copy
    }

    /// Pointwise maximum: the smallest history containing both.
    ///
    /// Commutative, associative and idempotent; `a.merging(b) == b` exactly
    /// when `a` is before or equal to `b`.
    ///
    /// - Complexity: O(n + m).
    public func merging(_ other: VersionVector) -> VersionVector {
        var result = VersionVector()
        result.entries.reserveCapacity(max(entries.count, other.entries.count))
        var i = 0
        var j = 0
        while i < entries.count || j < other.entries.count {
            if j == other.entries.count || (i < entries.count && entries[i].replica < other.entries[j].replica) {
                result.entries.append(entries[i])
                i += 1
            } else if i == entries.count || other.entries[j].replica < entries[i].replica {
                result.entries.append(other.entries[j])
                j += 1
            } else {
                result.entries.append(
                    Entry(replica: entries[i].replica, counter: max(entries[i].counter, other.entries[j].counter)))
                i += 1
                j += 1
            }
        }
        return result
    }

    /// Merges `other` into this vector (pointwise maximum).
    public mutating func merge(_ other: VersionVector) { self = merging(other) }

    /// How this history relates to `other`.
    ///
    /// `.before` means every update known here is known in `other`, and
    /// `other` knows more.
    ///
    /// - Complexity: O(n + m).
    public func compare(to other: VersionVector) -> CausalOrder {
        var selfAhead = false
        var otherAhead = false
        var i = 0
        var j = 0
        while i < entries.count || j < other.entries.count {
            if j == other.entries.count || (i < entries.count && entries[i].replica < other.entries[j].replica) {
                selfAhead = true
                i += 1
            } else if i == entries.count || other.entries[j].replica < entries[i].replica {
                otherAhead = true
                j += 1
            } else {
                if entries[i].counter > other.entries[j].counter { selfAhead = true }
                if entries[i].counter < other.entries[j].counter { otherAhead = true }
                i += 1
                j += 1
            }
            if selfAhead && otherAhead { return .concurrent }
        }
        switch (selfAhead, otherAhead) {
        case (false, false): return .equal
        case (false, true): return .before
        case (true, false): return .after
        case (true, true): return .concurrent
        }
    }

    /// Whether every update known here is known in `other` (before or equal).
    @inlinable
    public func isContained(in other: VersionVector) -> Bool {
        let order = compare(to: other)
        return order == .before || order == .equal
    }

    /// How many updates this vector knows that `other` does not: the sum over
    /// replicas of `max(0, self[r] - other[r])`.
    public func steps(aheadOf other: VersionVector) -> UInt64 {
        var total: UInt64 = 0
        for entry in entries where entry.counter > other[entry.replica] {
            total &+= entry.counter - other[entry.replica]
        }
        return total
    }

    /// `{r1:3, r4:1}`.
    public var description: String {
        "{" + entries.map { "\($0.replica):\($0.counter)" }.joined(separator: ", ") + "}"
    }

    @usableFromInline
    func index(of replica: ReplicaID) -> Int { entries.partitioningIndex { $0.replica >= replica } }
}
