/// Bisection for the knee: the largest whole value of a key, between `from`
/// and `to`, at which a condition does not hold yet.
///
/// It assumes the condition, once it holds, holds for every larger value
/// (latency grows with load). It evaluates `from` (if the condition already
/// holds there, there is no knee in the range) and `to` (if it does not hold
/// there, the knee lies beyond), then halves the interval between the
/// largest value known not to hold and the smallest known to hold until
/// they are at most `resolution` apart. That takes
/// 2 + ceil(log2((to - from) / resolution)) evaluations.
public struct CapacitySearch: Sendable {
    /// One evaluation.
    public struct Step: Sendable, Hashable {
        public var value: Int
        public var metric: Double
        /// The right side's mean, when the condition compares two metrics.
        public var reference: Double?
        public var holds: Bool

        public init(value: Int, metric: Double, reference: Double? = nil, holds: Bool) {
            self.value = value
            self.metric = metric
            self.reference = reference
            self.holds = holds
        }
    }

    /// How the search ended.
    public enum Outcome: Sendable, Hashable {
        /// The condition does not hold at `lastBelow` and holds at `firstAbove`
        /// (at most `resolution` apart); `lastBelow` is the knee.
        case knee(lastBelow: Int, firstAbove: Int)
        /// The condition holds already at `from`.
        case holdsAtStart
        /// The condition does not hold even at `to`.
        case neverHolds
    }

    public var from: Int
    public var to: Int
    public var resolution: Int

    /// - Throws: ``SweepError`` unless from < to and resolution >= 1.
    public init(from: Int, to: Int, resolution: Int = 1) throws(SweepError) {
        guard from < to else { throw SweepError("--from (\(from)) must be less than --to (\(to))") }
        guard resolution >= 1 else { throw SweepError("--resolution must be at least 1 (got \(resolution))") }
        self.from = from
        self.to = to
        self.resolution = resolution
    }

    /// The most evaluations the search makes.
    public var maximumSteps: Int {
        var steps = 2
        var width = to - from
        while width > resolution {
            width = (width + 1) / 2
            steps += 1
        }
        return steps
    }

    /// Runs the search.
    ///
    /// - Parameter evaluate: measures the metric at a value and says whether
    ///   the condition holds; called once per value, in search order.
    /// - Returns: how it ended, and every evaluation in the order made.
    public func run(_ evaluate: (Int) throws -> Step) rethrows -> (outcome: Outcome, steps: [Step]) {
        var steps: [Step] = []
        func measure(_ v: Int) throws -> Bool {
            let s = try evaluate(v)
            steps.append(s)
            return s.holds
        }
        if try measure(from) { return (.holdsAtStart, steps) }
        if try !measure(to) { return (.neverHolds, steps) }
        var below = from, above = to
        while above - below > resolution {
            let middle = below + (above - below) / 2
            if try measure(middle) { above = middle } else { below = middle }
        }
        return (.knee(lastBelow: below, firstAbove: above), steps)
    }
}
