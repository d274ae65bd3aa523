import EdgeBase
import Foundation
import Metrics
import Replication
import Scenario
import SimKernel
import SimNetwork
import Workloads
import Yams

/// Randomized fault campaigns over one scenario, with shrinking.
///
/// For each seed, a schedule of random faults (``FaultScheduleGenerator``)
/// replaces the scenario's own; the edge-hybrid arm runs it in two phases,
/// faults and then a heal phase with every fault cleared; and the run is
/// checked:
///
/// - no acknowledged write lost, where the policy promises it (`siblings`);
/// - every key converged by the end of the heal phase, where a repair path
///   exists (anti-entropy on);
/// - no scheduler invariant broken at the end (a replica placed twice, or
///   left on a node declared failed);
/// - no crash: a trap ends the process, naming the seed that was running
///   (each seed's run is announced on standard error before it starts when
///   the caller asks for it).
///
/// A failing schedule is shrunk (faults dropped, shortened, moved later, as
/// long as it still fails) to a minimal one, which ``reproducer(of:)`` writes
/// as a scenario that `edgesim run` runs. Deterministic per seed: the
/// schedule and the run's seed derive from the campaign seed alone.
public struct Explorer: Sendable {
    /// The scenario as validated (its own faults are replaced).
    public let scenario: Scenario
    /// The scenario file's text, for reproducers.
    public let text: String
    public let generator: FaultScheduleGenerator
    /// Check for lost acknowledged writes even where the policy allows them
    /// (a negative control: `lww` under skew must be caught).
    public var requireNoLoss: Bool
    /// Check convergence at the end (default: where anti-entropy is on).
    public var requireConvergence: Bool
    /// Runs a shrink may spend.
    public var shrinkBudget = 80

    /// What one run showed.
    public struct Verdict: Sendable, Hashable {
        public var lostAcknowledgedWrites = 0
        public var divergentKeysAtEnd = 0
        public var schedulerInvariantViolations = 0
        public var staleReadFraction = Double.nan
        public var convergenceTimeAfterHeal = Double.nan
        /// The checks that failed, by name; empty when the run passed.
        public var failures: [String] = []
        public var passed: Bool { failures.isEmpty }
    }

    /// One seed of a campaign.
    public struct Outcome: Sendable {
        public var seed: UInt64
        public var kinds: [ExploredFaultKind]
        public var faults: [ExploredFault]
        public var verdict: Verdict
        /// For a failing seed: the smallest schedule found that still fails.
        public var shrunk: [ExploredFault]?
        public var shrunkVerdict: Verdict?
    }

    /// - Parameters:
    ///   - scenario: a validated scenario with replication on.
    ///   - text: its file's text (reproducers are that file with new faults).
    ///   - heal: the heal phase (default: a third of the run after warm-up, at most 10 minutes).
    public init(scenario: Scenario, text: String, heal: SimDuration? = nil, maxFaults: Int = 6) throws {
        var s = scenario
        s.arms = [.edgeHybrid]
        s.repetitions = 1
        s.faults = []
        self.scenario = s
        self.text = text
        let healPhase = heal ?? min(.minutes(10), SimDuration(nanoseconds: (scenario.duration - scenario.warmup).nanoseconds / 3))
        let topology = try s.topology.build()
        generator = FaultScheduleGenerator(scenario: s, topology: topology, heal: healPhase, maxFaults: maxFaults)
        let policy = scenario.replication?.configuration.conflictPolicy
        requireNoLoss = policy == .siblings
        requireConvergence = scenario.replication?.configuration.antiEntropy ?? false
    }

    /// The seed the run of campaign seed `seed` is given (the master seed of
    /// its reproducer).
    public func masterSeed(of seed: UInt64) -> UInt64 {
        StableHash.streamSeed(master: scenario.seed, name: "explore-\(seed)")
    }

    /// Runs `faults` under campaign seed `seed` and checks the run.
    ///
    /// Keys may disagree at the end without any fault (a write still on its
    /// way to the other owners when the run stops), so a run fails the
    /// convergence check only when more keys disagree at the end than in
    /// the same run without faults (run once, and only when needed).
    public func verdict(_ faults: [ExploredFault], seed: UInt64) throws -> Verdict {
        var v = try unchecked(faults, seed: seed)
        if v.failures == ["not_converged"] || v.failures.contains("not_converged") {
            let baseline = faults.isEmpty ? v : try unchecked([], seed: seed)
            if v.divergentKeysAtEnd <= baseline.divergentKeysAtEnd { v.failures.removeAll { $0 == "not_converged" } }
        }
        return v
    }

    /// The run of `faults` and its checks, divergence at the end taken as is.
    func unchecked(_ faults: [ExploredFault], seed: UInt64) throws -> Verdict {
        var s = scenario
        s.faults = faults.flatMap(\.specs).sorted { $0.at < $1.at }
        s.seed = masterSeed(of: seed)
        var world = try RetailWorld(scenario: s, arm: .edgeHybrid,
                                    seed: ExperimentRunner.seed(master: s.seed, repetition: 0))
        let result = world.run()
        func metric(_ name: String) -> Double? { result.metrics.first { $0.name == name }?.value.doubleValue }
        var v = Verdict()
        v.lostAcknowledgedWrites = Int(metric("lost_acknowledged_writes") ?? 0)
        v.divergentKeysAtEnd = Int(metric("divergent_keys_at_end") ?? 0)
        v.staleReadFraction = metric("stale_read_fraction") ?? .nan
        v.convergenceTimeAfterHeal = metric("convergence_time_after_heal") ?? .nan
        v.schedulerInvariantViolations = world.schedulerInvariantViolations
        if requireNoLoss && v.lostAcknowledgedWrites > 0 { v.failures.append("lost_acknowledged_writes") }
        if requireConvergence && v.divergentKeysAtEnd > 0 { v.failures.append("not_converged") }
        if v.schedulerInvariantViolations > 0 { v.failures.append("scheduler_invariant") }
        return v
    }

    /// Shrinks a failing schedule: drops faults, then halves lengths, then
    /// moves faults later (halfway to the end of the fault phase), keeping
    /// each change that still fails, until none does or the budget is spent.
    public func shrink(_ faults: [ExploredFault], seed: UInt64) throws -> (faults: [ExploredFault], verdict: Verdict) {
        var current = faults
        var best = try verdict(current, seed: seed)
        var runs = 0
        func tryCandidate(_ candidate: [ExploredFault]) throws -> Bool {
            guard runs < shrinkBudget else { return false }
            runs += 1
            let v = try verdict(candidate, seed: seed)
            guard !v.passed else { return false }
            current = candidate
            best = v
            return true
        }
        var changed = true
        while changed && runs < shrinkBudget {
            changed = false
            var i = current.count - 1
            while i >= 0 {
                if current.count > 1 {
                    var candidate = current
                    candidate.remove(at: i)
                    if try tryCandidate(candidate) { changed = true }
                }
                i = min(i, current.count) - 1
            }
            for i in current.indices {
                let half = SimDuration.milliseconds(current[i].length.nanoseconds / 2_000_000)
                if half >= .seconds(1) {
                    var candidate = current
                    candidate[i].length = half
                    if try tryCandidate(candidate) { changed = true }
                }
                let slack = (generator.phaseEnd - current[i].end).nanoseconds / 2_000_000
                if slack >= 1_000 {
                    var candidate = current
                    candidate[i].at = candidate[i].at + .milliseconds(slack)
                    if try tryCandidate(candidate) { changed = true }
                }
            }
        }
        return (current, best)
    }

    /// Explores `seeds` on `jobs` threads; outcomes in seed order.
    ///
    /// - Parameter starting: called (from any thread) as each seed starts.
    public func explore(seeds: [UInt64], jobs: Int, shrinking: Bool = true,
                        starting: (@Sendable (UInt64) -> Void)? = nil,
                        finished: (@Sendable (Int) -> Void)? = nil) throws -> [Outcome] {
        let slots = ResultSlots<Outcome>(count: seeds.count)
        let next = ResultSlots<Int>(count: 2)
        next.set(0, 0)
        next.set(1, 0)
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, seeds.count))) { _ in
            while true {
                let index = next.increment(0) - 1
                guard index < seeds.count else { return }
                let seed = seeds[index]
                starting?(seed)
                do {
                    let (kinds, faults) = generator.schedule(seed: seed)
                    let v = try verdict(faults, seed: seed)
                    var outcome = Outcome(seed: seed, kinds: kinds, faults: faults, verdict: v)
                    if !v.passed && shrinking {
                        let (small, sv) = try shrink(faults, seed: seed)
                        outcome.shrunk = small
                        outcome.shrunkVerdict = sv
                    }
                    slots.set(index, outcome)
                } catch {
                    slots.fail(error)
                }
                finished?(next.increment(1))
            }
        }
        if let error = slots.failure { throw error }
        return (0..<seeds.count).map { slots.get($0)! }
    }

    // MARK: - Output

    /// `campaign.csv`: one row per seed.
    public static func campaignCSV(_ outcomes: [Outcome]) -> String {
        var lines = ["seed,fault_kinds,faults,outcome,failed_checks,lost_acknowledged_writes,divergent_keys_at_end,"
                     + "scheduler_invariant_violations,stale_read_fraction,convergence_time_after_heal,shrunk_faults"]
        for o in outcomes {
            let v = o.verdict
            let fields: [String] = [
                String(o.seed), o.kinds.map(\.rawValue).joined(separator: "+"), String(o.faults.count),
                v.passed ? "pass" : "fail", v.failures.joined(separator: "+"), String(v.lostAcknowledgedWrites),
                String(v.divergentKeysAtEnd), String(v.schedulerInvariantViolations),
                MetricNumber.format(v.staleReadFraction), MetricNumber.format(v.convergenceTimeAfterHeal),
                o.shrunk.map { String($0.count) } ?? "",
            ]
            lines.append(fields.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The scenario file with `faults` in place of its own, the run's seed,
    /// one repetition and the edge-hybrid arm: `edgesim run` on it reproduces
    /// the explored run.
    public func reproducer(of faults: [ExploredFault], seed: UInt64, comment: String) throws -> String {
        guard case .mapping(let original)? = try Yams.compose(yaml: text) else {
            throw ExploreError(message: "the scenario file is not a mapping")
        }
        func scalar(_ s: String) -> Yams.Node { .scalar(Yams.Node.Scalar(s)) }
        func list(_ items: [String]) -> Yams.Node { .sequence(Yams.Node.Sequence(items.map(scalar), .implicit, .flow)) }
        func faultNode(_ f: FaultSpec) -> Yams.Node {
            var pairs: [(Yams.Node, Yams.Node)] = [(scalar("at"), scalar(f.at.description))]
            if let d = f.duration { pairs.append((scalar("duration"), scalar(d.description))) }
            switch f.kind {
            case .cut(let l):
                pairs += [(scalar("kind"), scalar("cut")), (scalar("link"), list([l.a, l.b]))]
            case .partition(let a, let b):
                pairs += [(scalar("kind"), scalar("partition")), (scalar("a"), list(a)), (scalar("b"), list(b))]
            case .crash(let n):
                pairs += [(scalar("kind"), scalar("crash")), (scalar("node"), scalar(n))]
            case .degrade(let l, let lf, let bf, let loss):
                pairs += [(scalar("kind"), scalar("degrade")), (scalar("link"), list([l.a, l.b])),
                          (scalar("latency_factor"), scalar(String(lf))), (scalar("bandwidth_factor"), scalar(String(bf))),
                          (scalar("extra_loss"), scalar(String(loss)))]
            case .clock(let n, let offset, let drift):
                let o = offset.nanoseconds < 0 ? "-" + SimDuration(nanoseconds: -offset.nanoseconds).description : offset.description
                pairs += [(scalar("kind"), scalar("clock")), (scalar("node"), scalar(n)),
                          (scalar("offset"), scalar(o)), (scalar("drift_ppm"), scalar(String(drift)))]
            }
            return .mapping(Yams.Node.Mapping(pairs, .implicit, .flow))
        }
        let specs = faults.flatMap(\.specs).sorted { $0.at < $1.at }
        let replaced: [String: Yams.Node] = [
            "faults": .sequence(Yams.Node.Sequence(specs.map(faultNode))),
            "seed": scalar(String(masterSeed(of: seed))),
            "repetitions": scalar("1"),
            "arms": list(["edge_hybrid"]),
        ]
        var pairs: [(Yams.Node, Yams.Node)] = []
        var done: Set<String> = []
        for (key, value) in original {
            let name = key.string ?? ""
            if name == "replications" { continue }
            if let new = replaced[name] {
                pairs.append((key, new))
                done.insert(name)
            } else {
                pairs.append((key, value))
            }
        }
        for name in ["seed", "repetitions", "arms", "faults"] where !done.contains(name) {
            pairs.append((scalar(name), replaced[name]!))
        }
        let body = try Yams.serialize(node: .mapping(Yams.Node.Mapping(pairs)))
        return comment.split(separator: "\n", omittingEmptySubsequences: false).map { "# " + $0 }.joined(separator: "\n")
            + "\n" + body
    }
}

/// A campaign that cannot start.
public struct ExploreError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
