import EdgeBase

extension SiblingSet {
    /// A stable 64-bit digest of the set: equal sets have equal digests in
    /// every process, so anti-entropy can compare digests instead of sets.
    ///
    /// Covers the context and each version's dot, past, timestamp and
    /// whether it is a tombstone, but not value bytes: a dot names one write,
    /// so two versions with one dot carry one value.
    public var digest: UInt64 {
        var hasher = StableHasher()
        context.hash(into: &hasher)
        hasher.combine(UInt64(versions.count))
        for version in versions {
            hasher.combine(UInt64(UInt32(bitPattern: version.dot.replica.rawValue)))
            hasher.combine(version.dot.counter)
            version.past.hash(into: &hasher)
            hasher.combine(UInt64(bitPattern: version.timestamp.nanoseconds))
            hasher.combine(byte: version.isTombstone ? 1 : 0)
        }
        return hasher.finalized
    }
}
