/// A set of tiers, as a bit mask: which tiers a workload may run on, or which
/// tiers one step of the fallback ladder considers.
public struct TierSet: OptionSet, Hashable, Sendable, CustomStringConvertible {
    /// Bit `tier.rawValue` is set for each member.
    public let rawValue: UInt8
    /// The set whose bit mask is `rawValue`.
    @inlinable public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// The set holding `tier` alone.
    @inlinable public init(_ tier: ClusterTier) { self.rawValue = 1 << UInt8(tier.rawValue) }

    /// Devices only.
    public static let device = TierSet(.device)
    /// Store-edge servers only.
    public static let storeEdge = TierSet(.storeEdge)
    /// Regional aggregators only.
    public static let regional = TierSet(.regional)
    /// The cloud only.
    public static let cloud = TierSet(.cloud)
    /// Every tier.
    public static let all: TierSet = [.device, .storeEdge, .regional, .cloud]

    /// Whether `tier` is a member.
    @inlinable public func contains(_ tier: ClusterTier) -> Bool { rawValue & (1 << UInt8(tier.rawValue)) != 0 }

    /// The members, lowest tier first.
    public var tiers: [ClusterTier] { ClusterTier.allCases.filter { contains($0) } }

    /// The members' names in tier order, for example "[device, storeEdge]".
    public var description: String { "[" + tiers.map(\.description).joined(separator: ", ") + "]" }
}
