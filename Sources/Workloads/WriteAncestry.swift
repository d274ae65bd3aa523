/// What the history checker keeps of the writes to decide, at the end, which
/// acknowledged writes were lost: each write's id, the writes it saw
/// (`observed`), and how many acknowledged measured writes it stands for.
///
/// A write is preserved when a version of the final state is, or descends
/// from, it through writers that saw it (``HistoryChecker``). Kept whole,
/// the table grows with every write. ``collect(isLive:)`` shrinks it without
/// changing the answer, given which writes are *live*: held by a replica
/// (stored, hinted, in an open operation), carried by a message in flight,
/// pending, or known to a client that may name it in a later write. Only a
/// live write can end in the final state or be seen by a write to come, so
/// a write that is not live (dead) has every observer it will ever have:
///
/// - a dead write that no write saw can never be preserved: the
///   acknowledged writes it stands for are lost, decided now;
/// - a dead write that exactly one write saw is preserved exactly when that
///   write is: it is folded into it (its count added, the writes it saw
///   added to that write's);
/// - a dead write seen by several is kept (rare: several writers saw it and
///   none of their writes has yet folded into another).
///
/// Writes are visited from the newest, so that a write's observers, which
/// are newer, are already folded when it is visited.
struct WriteAncestry: Sendable {
    /// Write ids, increasing.
    private(set) var ids: [UInt64] = []
    /// Per write, the acknowledged measured writes it stands for (itself, once
    /// acknowledged, and the dead writes folded into it).
    private var weights: [UInt32] = []
    /// Per write, where its observed writes start in `observedFlat`.
    private var observedStart: [UInt32] = []
    private var observedFlat: [UInt64] = []
    /// Acknowledged measured writes already decided lost.
    private(set) var lostEarly = 0

    /// The writes recorded (and not yet decided or folded).
    var count: Int { ids.count }

    /// Write `id`, newer than every write recorded, was invoked having seen `observed`.
    mutating func invoked(_ id: UInt64, observed: [UInt64]) {
        precondition(ids.last.map { $0 < id } ?? true, "writes are recorded in id order")
        ids.append(id)
        weights.append(0)
        observedStart.append(UInt32(observedFlat.count))
        observedFlat.append(contentsOf: observed)
    }

    /// Write `id` was acknowledged, and is measured.
    mutating func acknowledged(_ id: UInt64) {
        if let i = index(of: id) { weights[i] += 1 }
    }

    func index(of id: UInt64) -> Int? {
        var lo = 0, hi = ids.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ids[mid] < id { lo = mid + 1 } else { hi = mid }
        }
        return lo < ids.count && ids[lo] == id ? lo : nil
    }

    func observed(_ i: Int) -> ArraySlice<UInt64> {
        let end = i + 1 < observedStart.count ? Int(observedStart[i + 1]) : observedFlat.count
        return observedFlat[Int(observedStart[i])..<end]
    }

    /// Decides or folds every write that is not live (see the type's discussion).
    ///
    /// - Parameter isLive: whether a write may still end in the final state or
    ///   be seen by a later write; every pending write must be live.
    /// - Complexity: O(n + e) in the writes and their observed links.
    mutating func collect(isLive: (UInt64) -> Bool) {
        let n = ids.count
        // The writes each write saw, and the writes that saw each, by index.
        var saw = [[Int32]](repeating: [], count: n)
        var seenBy = [[Int32]](repeating: [], count: n)
        for i in 0..<n {
            for id in observed(i) {
                guard let j = index(of: id), !saw[i].contains(Int32(j)) else { continue }
                saw[i].append(Int32(j))
                seenBy[j].append(Int32(i))
            }
        }
        var weight = weights
        var gone = [Bool](repeating: false, count: n)
        for d in stride(from: n - 1, through: 0, by: -1) where !isLive(ids[d]) {
            let observers = seenBy[d]
            if observers.isEmpty {
                lostEarly += Int(weight[d])
            } else if observers.count == 1 {
                let t = Int(observers[0])
                weight[t] += weight[d]
                saw[t].removeAll { $0 == Int32(d) }
                for a in saw[d] where !saw[t].contains(a) { saw[t].append(a) }
            } else {
                continue
            }
            gone[d] = true
            let heir = observers.count == 1 ? observers[0] : -1
            for a in saw[d] {
                seenBy[Int(a)].removeAll { $0 == Int32(d) }
                if heir >= 0 && !seenBy[Int(a)].contains(heir) { seenBy[Int(a)].append(heir) }
            }
        }
        var keptIDs: [UInt64] = [], keptWeights: [UInt32] = [], start: [UInt32] = [], flat: [UInt64] = []
        for i in 0..<n where !gone[i] {
            keptIDs.append(ids[i])
            keptWeights.append(weight[i])
            start.append(UInt32(flat.count))
            flat.append(contentsOf: saw[i].map { ids[Int($0)] }.sorted())
        }
        ids = keptIDs
        weights = keptWeights
        observedStart = start
        observedFlat = flat
    }

    /// The acknowledged measured writes lost, given the writes whose values
    /// survive in the final state (every one of them live at every
    /// ``collect(isLive:)``).
    func lost(final: [[UInt64]]) -> Int {
        var preserved = [Bool](repeating: false, count: ids.count)
        var stack: [UInt64] = final.flatMap { $0 }
        while let id = stack.popLast() {
            guard let i = index(of: id), !preserved[i] else { continue }
            preserved[i] = true
            stack.append(contentsOf: observed(i))
        }
        var lost = lostEarly
        for i in ids.indices where !preserved[i] { lost += Int(weights[i]) }
        return lost
    }

    /// The writes of `final` the table does not hold: none, unless a write
    /// was collected while still live (or `final` names what no write wrote).
    func missing(from final: [[UInt64]]) -> [UInt64] {
        final.flatMap { $0 }.filter { index(of: $0) == nil }
    }
}
