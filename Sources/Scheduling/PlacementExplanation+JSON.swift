extension PlacementExplanation {
    /// The record as one line of JSON, for a `placements.jsonl` file.
    ///
    /// Deterministic bytes: keys sorted, no white space, integers only, no
    /// trailing newline. The shape, with keys in the order written:
    ///
    /// ```
    /// {"outcome":{"mode":"normal","node":17,"result":"placed"},
    ///  "replica":"12/0","scheduler":"edge_aware",
    ///  "steps":[{"chosen":17,"feasible":1,"latencyEnforced":true,"mode":"normal",
    ///            "nodes":[{"filter":"fitsResources","node":16,"reason":"insufficient cpu: ...",
    ///                      "tier":"device","verdict":"rejected"},
    ///                     {"node":17,"scores":{"latency":{"raw":4000000,"score":0,"weight":3,"weighted":0}},
    ///                      "tier":"storeEdge","total":0,"verdict":"feasible"}],
    ///            "pruned":2519,"prunedBy":"store 3","tiers":["storeEdge"]}],
    ///  "time":0,"trigger":"submitted","workload":"store-3/camera-7"}
    /// ```
    ///
    /// `outcome.result` is `placed`, `unschedulable` or `notMoved`; a
    /// failover or rebalance trigger adds `from` or `home`; `filter` is
    /// `step` for a node outside the step's tiers; `prunedBy` is `null` when
    /// nothing was pruned and `chosen` is `null` in steps that chose nothing.
    ///
    /// - Complexity: O(n log n) in the size of the record.
    public var jsonLine: String { jsonValue.encoded() }

    var jsonValue: JSONValue {
        var members: [(String, JSONValue)] = [
            ("replica", .string(replica.description)),
            ("workload", .string(workload)),
            ("time", .int(time.nanoseconds)),
            ("scheduler", .string(scheduler.rawValue)),
            ("trigger", .string(trigger.description)),
            ("steps", .array(steps.map(\.jsonValue))),
        ]
        switch trigger {
        case let .failover(from): members.append(("from", .int(from.rawValue)))
        case let .rebalance(home): members.append(("home", .int(home.rawValue)))
        case .submitted, .retried: break
        }
        let outcomeValue: JSONValue
        switch outcome {
        case let .placed(node, mode):
            outcomeValue = .object([("result", .string("placed")), ("node", .int(node.rawValue)), ("mode", .string(mode.rawValue))])
        case .unschedulable: outcomeValue = .object([("result", .string("unschedulable"))])
        case .notMoved: outcomeValue = .object([("result", .string("notMoved"))])
        }
        members.append(("outcome", outcomeValue))
        return .object(members)
    }
}

extension PlacementExplanation.Step {
    var jsonValue: JSONValue {
        .object([
            ("tiers", .array(tiers.tiers.map { .string($0.description) })),
            ("mode", .string(mode.rawValue)),
            ("latencyEnforced", .bool(latencyEnforced)),
            ("nodes", .array(nodes.map(\.jsonValue))),
            ("pruned", .int(pruned)),
            ("prunedBy", prunedBy.map { .string($0) } ?? .null),
            ("feasible", .int(feasible)),
            ("chosen", chosen.map { .int($0.rawValue) } ?? .null),
        ])
    }
}

extension PlacementExplanation.NodeEvaluation {
    var jsonValue: JSONValue {
        var members: [(String, JSONValue)] = [("node", .int(node.rawValue)), ("tier", .string(tier.description))]
        switch verdict {
        case let .feasible(scores, total):
            members.append(("verdict", .string("feasible")))
            members.append(("total", .int(total)))
            members.append(("scores", .object(scores.map { score in
                (score.plugin.rawValue, .object([
                    ("raw", .int(score.raw)), ("score", .int(score.score)),
                    ("weight", .int(score.weight)), ("weighted", .int(score.weighted)),
                ]))
            })))
        case let .rejected(reason):
            members.append(("verdict", .string("rejected")))
            members.append(("filter", .string(reason.filter?.rawValue ?? "step")))
            members.append(("reason", .string(reason.description)))
        }
        return .object(members)
    }
}
