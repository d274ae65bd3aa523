import EdgeBase

// Resolution of one incoming version under the timestamp-based policies.
// Both keep `versions` sorted by dot.

extension SiblingSet {
    /// LWW: the greatest (timestamp, dot) wins; causality is ignored.
    mutating func insertLastWriterWins(_ incoming: Version, into outcome: inout Outcome) {
        if let i = versions.firstIndex(where: { $0.dot == incoming.dot }) {
            versions[i].past.merge(incoming.past)
            return
        }
        var candidates = versions
        candidates.append(incoming)
        let winner = candidates.max { ($0.timestamp, $0.dot) < ($1.timestamp, $1.dot) }!
        for loser in candidates where loser.dot != winner.dot && !winner.descends(from: loser) {
            outcome.discardedByTimestamp += 1
        }
        versions = [winner]
    }

    /// The heuristic: causal order where the vectors decide it; between
    /// concurrent versions, a conflict only when the incoming one is more
    /// than one step ahead and more than `threshold` newer, otherwise the
    /// newer timestamp silently wins and absorbs the loser's history.
    mutating func insertHeuristic(_ incoming: Version, threshold: LocalDuration, into outcome: inout Outcome) {
        if let i = versions.firstIndex(where: { $0.dot == incoming.dot }) {
            versions[i].past.merge(incoming.past)
            return
        }
        var candidate: Version? = incoming
        var kept: [Version] = []
        kept.reserveCapacity(versions.count + 1)
        for var stored in versions {
            guard var fresh = candidate else {
                kept.append(stored)
                continue
            }
            switch fresh.vector.compare(to: stored.vector) {
            case .after:
                candidate = fresh  // the incoming version has seen the stored one
            case .before, .equal:
                kept.append(stored)
                candidate = nil
            case .concurrent:
                let stepsAhead = fresh.vector.steps(aheadOf: stored.vector)
                let newer = fresh.timestamp - stored.timestamp
                if stepsAhead > 1 && newer > threshold {
                    outcome.conflictsDetected += 1
                    kept.append(stored)
                } else if (fresh.timestamp, fresh.dot) > (stored.timestamp, stored.dot) {
                    fresh.past.merge(stored.vector)
                    candidate = fresh
                    outcome.discardedByTimestamp += 1
                } else {
                    stored.past.merge(fresh.vector)
                    kept.append(stored)
                    candidate = nil
                    outcome.discardedByTimestamp += 1
                }
            }
        }
        if let fresh = candidate { kept.append(fresh) }
        kept.sort { $0.dot < $1.dot }
        versions = kept
    }
}
