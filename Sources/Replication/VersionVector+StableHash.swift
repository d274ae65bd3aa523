import EdgeBase

extension VersionVector {
    /// Feeds the vector to a stable hasher, entries in their sorted order, so
    /// two replicas digest equal vectors to equal hashes in any process.
    func hash(into hasher: inout StableHasher) {
        hasher.combine(UInt64(entries.count))
        for entry in entries {
            hasher.combine(UInt64(UInt32(bitPattern: entry.replica.rawValue)))
            hasher.combine(entry.counter)
        }
    }
}
