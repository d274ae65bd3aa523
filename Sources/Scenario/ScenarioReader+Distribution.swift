import Foundation
import SimKernel
import Yams

/// What the values of a distribution measure, which decides their units.
enum DistributionQuantity {
    /// Durations ("25ms"), drawn as seconds.
    case duration
    /// Sizes ("150KB"), drawn as bytes.
    case size

    var example: String {
        switch self {
        case .duration: return "a duration such as \"150ms\""
        case .size: return "a size such as \"150KB\""
        }
    }
}

extension ScenarioReader {
    /// The distribution families and their parameter keys, in documentation order.
    static let distributionFamilies: [(family: String, keys: [String])] = [
        ("constant", ["value"]),
        ("lognormal", ["median", "sigma", "mean", "p99"]),
        ("exponential", ["mean"]),
        ("normal", ["mean", "stddev"]),
        ("uniform", ["low", "high"]),
        ("gamma", ["shape", "scale"]),
        ("weibull", ["scale", "shape"]),
        ("pareto", ["shape", "scale"]),
        ("empirical", ["points"]),
    ]

    /// Parameters that are plain numbers; every other parameter carries the quantity's unit.
    static let dimensionlessParameters: Set<String> = ["sigma", "shape"]

    /// A distribution of durations or sizes.
    ///
    /// A scalar with a unit is a constant ("150ms", "150KB"). A mapping names
    /// its family under `distribution` and gives that family's parameters,
    /// for example `{distribution: lognormal, median: 25ms, sigma: 0.25}`.
    /// Durations become seconds and sizes bytes.
    func distribution(_ at: Located, of quantity: DistributionQuantity) -> Distribution? {
        if case .mapping = at.node { return checkTail(distributionMapping(at, of: quantity), at, quantity) }
        guard let value = quantityValue(at, quantity) else { return nil }
        return checkTail(wrap(at, nil) { () throws(DistributionError) in try .constant(value) }, at, quantity)
    }

    /// A duration or size parameter in the distribution's base unit (seconds or bytes).
    func quantityValue(_ at: Located, _ kind: DistributionQuantity) -> Double? {
        switch at.node {
        case .mapping, .sequence:
            report(.wrongType, at, "expected \(kind.example) or a distribution, found \(Self.describe(at.node))")
            return nil
        default:
            switch kind {
            case .duration:
                return duration(at).map { Double($0.nanoseconds) / 1e9 }
            case .size:
                return quantity(at, kind.example, ByteSize.init(parsing:)).map { Double($0.bytes) }
            }
        }
    }

    private func distributionMapping(_ at: Located, of quantity: DistributionQuantity) -> Distribution? {
        let families = Self.distributionFamilies.map(\.family)
        // Read the family first: it decides which other keys are allowed.
        var family: String?
        if case .mapping(let mapping) = at.node, let familyNode = mapping["distribution"] {
            let familyAt = Located(node: familyNode, path: at.path("distribution"),
                                   line: mapping.keys.first { $0.string == "distribution" }?.mark?.line ?? at.line)
            family = choice(familyAt, families, what: "a distribution")
        }
        let keys = family.flatMap { f in Self.distributionFamilies.first { $0.family == f }?.keys }
            ?? Array(Set(Self.distributionFamilies.flatMap(\.keys))).sorted()
        let allKeys = Set(Self.distributionFamilies.flatMap(\.keys))
        guard let fields = fields(at, allowed: ["distribution"] + keys, explain: { key in
            guard let family, allKeys.contains(key) else { return nil }
            return "a \(family) distribution has no `\(key)`; it takes \(keys.joined(separator: ", "))"
        }) else { return nil }
        guard required(fields, "distribution", "one of " + families.joined(separator: ", ")) != nil,
              let family else { return nil }

        func value(_ key: String) -> Double? {
            guard let v = required(fields, key, Self.dimensionlessParameters.contains(key) ? "a number" : quantity.example)
            else { return nil }
            return Self.dimensionlessParameters.contains(key) ? double(v) : quantityValue(v, quantity)
        }

        switch family {
        case "constant":
            guard let v = value("value") else { return nil }
            return wrap(at, fields) { () throws(DistributionError) in try .constant(v) }
        case "lognormal":
            // Two ways to give a lognormal: median and sigma, or mean and p99.
            let byMedian = fields.has("median") || fields.has("sigma")
            let byMean = fields.has("mean") || fields.has("p99")
            if byMedian && byMean {
                report(.invalidDistribution, at,
                       "a lognormal takes either median and sigma, or mean and p99, not both")
                return nil
            }
            if byMean {
                let mean = value("mean"), p99 = value("p99")
                guard let mean, let p99 else { return nil }
                return wrap(at, fields) { () throws(DistributionError) in try .lognormal(mean: mean, p99: p99) }
            }
            if !byMedian {
                report(.missingKey, path: at.path("median"), line: at.line,
                       "a lognormal needs median and sigma, or mean and p99")
                return nil
            }
            let median = value("median"), sigma = value("sigma")
            guard let median, let sigma else { return nil }
            return wrap(at, fields) { () throws(DistributionError) in try .lognormal(median: median, sigma: sigma) }
        case "exponential":
            guard let mean = value("mean") else { return nil }
            return wrap(at, fields) { () throws(DistributionError) in try .exponential(mean: mean) }
        case "normal":
            let mean = value("mean"), stddev = value("stddev")
            guard let mean, let stddev else { return nil }
            return wrap(at, fields) { () throws(DistributionError) in try .normal(mean: mean, stddev: stddev) }
        case "uniform":
            let low = value("low"), high = value("high")
            guard let low, let high else { return nil }
            return wrap(at, fields) { () throws(DistributionError) in try .uniform(low: low, high: high) }
        case "gamma":
            let shape = value("shape"), scale = value("scale")
            guard let shape, let scale else { return nil }
            return wrap(at, fields) { () throws(DistributionError) in try .gamma(shape: shape, scale: scale) }
        case "weibull":
            let scale = value("scale"), shape = value("shape")
            guard let scale, let shape else { return nil }
            return wrap(at, fields) { () throws(DistributionError) in try .weibull(scale: scale, shape: shape) }
        case "pareto":
            let shape = value("shape"), scale = value("scale")
            guard let shape, let scale else { return nil }
            return wrap(at, fields) { () throws(DistributionError) in try .pareto(shape: shape, scale: scale) }
        case "empirical":
            guard let pointsAt = required(fields, "points", "a list of [probability, value] pairs"),
                  let items = list(pointsAt, what: "a list of [probability, value] pairs") else { return nil }
            var points: [(probability: Double, value: Double)] = []
            var complete = true
            for item in items {
                guard case .sequence(let pair) = item.node, pair.count == 2 else {
                    report(.wrongType, item, "expected a [probability, value] pair, found \(Self.describe(item.node))")
                    complete = false
                    continue
                }
                let p = probability(Located(node: pair[0], path: item.path(index: 0), line: pair[0].mark?.line ?? item.line))
                let v = quantityValue(Located(node: pair[1], path: item.path(index: 1), line: pair[1].mark?.line ?? item.line),
                                      quantity)
                guard let p, let v else { complete = false; continue }
                points.append((p, v))
            }
            guard complete else { return nil }
            return wrap(at, fields, points: items) { () throws(DistributionError) in try .empirical(points) }
        default:
            return nil
        }
    }

    /// Builds a distribution, reporting a `DistributionError` at the parameter it names.
    private func wrap(_ at: Located, _ fields: Fields?, points: [Located] = [],
                      _ make: () throws(DistributionError) -> Distribution) -> Distribution? {
        do throws(DistributionError) {
            return try make()
        } catch {
            // "points[2].probability" names list item 2; "sigma" names a key.
            var place = at
            let parameter = error.parameter
            if parameter.hasPrefix("points["), let close = parameter.firstIndex(of: "]"),
               let i = Int(parameter[parameter.index(parameter.startIndex, offsetBy: 7)..<close]), i < points.count {
                place = points[i]
            } else if parameter == "value" {
                place = fields?["value"] ?? at
            } else if let f = fields?[parameter] {
                place = f
            }
            report(.invalidDistribution, place, error.description)
            return nil
        }
    }
}
