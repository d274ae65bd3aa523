/// How much each ``ScorePlugin`` counts: integer weights 0...100.
///
/// A node's total is `Σ weight × score` over the plugins; a weight of 0
/// switches a plugin off (it is not computed, nor shown in records).
public struct ScoreWeights: Hashable, Sendable, CustomStringConvertible {
    /// Weight of ``ScorePlugin/latency``.
    public var latency: Int
    /// Weight of ``ScorePlugin/leastAllocated``.
    public var leastAllocated: Int
    /// Weight of ``ScorePlugin/cost``.
    public var cost: Int
    /// Weight of ``ScorePlugin/reliability``.
    public var reliability: Int

    /// Explicit weights; each defaults to 0.
    public init(latency: Int = 0, leastAllocated: Int = 0, cost: Int = 0, reliability: Int = 0) {
        self.latency = latency
        self.leastAllocated = leastAllocated
        self.cost = cost
        self.reliability = reliability
    }

    /// The edge-aware defaults: latency 3, least-allocated 2, cost 1, reliability 1.
    ///
    /// Latency leads because the ladder has already chosen the tier and, inside
    /// a tier, the nearer node saves the most; spreading load comes next so a
    /// store's devices fill evenly; price and failure history break what is left.
    public static let edgeAware = ScoreWeights(latency: 3, leastAllocated: 2, cost: 1, reliability: 1)

    /// The weight of `plugin`.
    public subscript(plugin: ScorePlugin) -> Int {
        get {
            switch plugin {
            case .latency: latency
            case .leastAllocated: leastAllocated
            case .cost: cost
            case .reliability: reliability
            }
        }
        set {
            switch plugin {
            case .latency: latency = newValue
            case .leastAllocated: leastAllocated = newValue
            case .cost: cost = newValue
            case .reliability: reliability = newValue
            }
        }
    }

    /// For example "latency=3 leastAllocated=2 cost=1 reliability=1".
    public var description: String {
        ScorePlugin.allCases.map { "\($0)=\(self[$0])" }.joined(separator: " ")
    }
}
