import Foundation
import SimKernel
import Yams

/// Limits that keep every accepted scenario inside what a run can compute:
/// simulated times stay far from `Int64` overflow, drawn values stay in the
/// range of what they stand for, names stay usable as file names.
///
/// Documented in `Scenarios/README.md` ("Limits").
public enum ScenarioLimits {
    /// The longest duration any key may state (100 years): see ``SimDuration/longest``.
    public static let longestDuration = SimDuration.longest
    /// The largest size a distribution of sizes may reach in its far tail (1 GB).
    public static let largestSize = Distribution.largestSize
    /// The longest scenario name, in characters.
    public static let longestName = 100
}

extension ScenarioReader {
    /// Refuses a duration longer than ``ScenarioLimits/longestDuration``;
    /// returns whether it is within.
    func checkDurationLimit(_ value: SimDuration, _ at: Located) -> Bool {
        check(value.nanoseconds.magnitude <= ScenarioLimits.longestDuration.nanoseconds.magnitude, at,
              "\(value) is longer than the longest duration a scenario may state (36500d, 100 years)")
    }

    /// Refuses a distribution whose far tail (the quantile 1 − 10⁻¹²) goes
    /// beyond what its quantity can hold, naming the parameter to change and
    /// its largest (or smallest) acceptable value.
    func checkTail(_ distribution: Distribution?, _ at: Located, _ quantity: DistributionQuantity) -> Distribution? {
        guard let distribution else { return nil }
        let limit: Double
        switch quantity {
        case .duration: limit = ScenarioLimits.longestDuration.seconds
        case .size: limit = Double(ScenarioLimits.largestSize)
        }
        guard let advice = distribution.tailAdvice(limit: limit) else { return distribution }
        var place = at
        if case .mapping(let mapping) = at.node,
           let key = mapping.keys.first(where: { $0.string == advice.parameter }), let value = mapping[key] {
            place = Located(node: value, path: at.path(advice.parameter), line: key.mark?.line ?? at.line)
        }
        let tail = Self.text(distribution.farTail, quantity)
        let largest = Self.text(limit, quantity)
        let bound = advice.isDimensionless ? Self.number(advice.bound, roundingUp: advice.isMinimum)
            : Self.text(advice.bound, quantity)
        let what = advice.isMinimum ? "the smallest acceptable \(advice.parameter) is \(bound)"
            : "the largest acceptable \(advice.parameter) is \(bound)"
        report(.invalidDistribution, place,
               "the far tail of this distribution (quantile 1 − 1e-12: \(tail)) exceeds the largest "
               + "\(quantity == .duration ? "duration" : "size") a draw may give (\(largest)); \(what)")
        return nil
    }

    /// A value of the quantity, three significant digits, in a readable unit.
    static func text(_ value: Double, _ quantity: DistributionQuantity) -> String {
        guard value.isFinite else { return "beyond 1e308" }
        let units: [(String, Double)]
        switch quantity {
        case .duration: units = [("d", 86_400), ("h", 3_600), ("s", 1), ("ms", 1e-3), ("us", 1e-6), ("ns", 1e-9)]
        case .size: units = [("PB", 1e15), ("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("KB", 1e3), ("B", 1)]
        }
        let (unit, scale) = units.first { value >= $0.1 } ?? units.last!
        return number(value / scale, roundingUp: false) + unit
    }

    /// Three significant digits, rounded toward the safe side.
    static func number(_ value: Double, roundingUp: Bool) -> String {
        guard value.isFinite, value != 0 else { return value.isFinite ? "0" : "beyond 1e308" }
        let digits = 3 - Int(floor(log10(abs(value)))) - 1
        let scale = pow(10, Double(digits))
        let rounded = (roundingUp ? (value * scale).rounded(.up) : (value * scale).rounded(.down)) / scale
        if abs(rounded) >= 1e6 || abs(rounded) < 1e-4 { return String(format: "%.3g", rounded) }
        return String(format: "%.\(max(0, digits))f", rounded)
    }
}
