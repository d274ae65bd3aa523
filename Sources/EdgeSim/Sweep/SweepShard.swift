/// One of N deterministic slices of a sweep's points: shard K of N holds the
/// points whose index is K-1 modulo N, so the slices are disjoint, cover
/// every point, and differ in size by one at most.
public struct SweepShard: Sendable, Hashable, CustomStringConvertible {
    /// 1-based, 1 ... count.
    public var index: Int
    public var count: Int

    /// The whole sweep as one shard.
    public static let whole = SweepShard(unchecked: 1, of: 1)

    init(unchecked index: Int, of count: Int) {
        self.index = index
        self.count = count
    }

    /// - Throws: ``SweepError`` unless 1 <= index <= count.
    public init(_ index: Int, of count: Int) throws(SweepError) {
        guard count >= 1, index >= 1, index <= count else {
            throw SweepError("--shard \(index)/\(count): K must lie between 1 and N (1-based), e.g. --shard 1/3")
        }
        self.init(unchecked: index, of: count)
    }

    /// Reads `K/N`.
    public init(parsing text: String) throws(SweepError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else {
            throw SweepError("--shard: expected K/N such as 2/8, found \"\(text)\"")
        }
        try self.init(k, of: n)
    }

    /// Whether point `index` (0-based) belongs to this shard.
    public func contains(_ pointIndex: Int) -> Bool { pointIndex % count == index - 1 }

    /// `K/N`.
    public var description: String { "\(index)/\(count)" }
}
