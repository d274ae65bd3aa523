/// Accelerator slots of one node, serving frames first come, first served.
///
/// With identical slots and FIFO service, a frame's start time is known when
/// it arrives: the earliest time a slot is free. The pool keeps the slots'
/// free times in a binary min-heap, so admitting a frame is O(log slots) and
/// needs no event until the frame is done.
public struct InferencePool: Sendable {
    private var freeAt: [Int64]
    /// Total time the slots spent inferring, nanoseconds.
    public private(set) var busyNanoseconds: Int64 = 0

    /// A pool of `slots` slots, all free at time zero.
    public init(slots: Int) {
        precondition(slots >= 1, "an inference pool needs at least one slot")
        freeAt = Array(repeating: 0, count: slots)
    }

    public var slots: Int { freeAt.count }

    /// Time the slots spent inferring up to `t`, nanoseconds: the work
    /// admitted so far less what is still to be done after `t`. A slot busy
    /// at `t` stays busy until its free time (it serves back to back), so
    /// that remainder is the sum of `freeAt - t` over the slots free later.
    /// An overloaded pool's backlog is therefore not counted as time spent.
    public func busyNanoseconds(upTo t: Int64) -> Int64 {
        var ahead: Int64 = 0
        for f in freeAt where f > t { ahead += f - t }
        return busyNanoseconds - ahead
    }

    /// Admits a frame arriving at `now` that needs `service` ns.
    ///
    /// - Returns: when it finishes.
    public mutating func admit(now: Int64, service: Int64) -> Int64 {
        let start = max(now, freeAt[0])
        let done = start + service
        busyNanoseconds += service
        // Replace the root (the earliest-free slot) and sift down.
        var i = 0
        let n = freeAt.count
        while true {
            let l = 2 * i + 1
            if l >= n { break }
            let r = l + 1
            let c = (r < n && freeAt[r] < freeAt[l]) ? r : l
            if freeAt[c] >= done { break }
            freeAt[i] = freeAt[c]
            i = c
        }
        freeAt[i] = done
        return done
    }

    /// Adds `count` slots, free at `now`.
    ///
    /// - Complexity: O(count × log slots).
    public mutating func grow(by count: Int, now: Int64) {
        for _ in 0..<count {
            freeAt.append(now)
            var i = freeAt.count - 1
            while i > 0 {
                let p = (i - 1) / 2
                if freeAt[p] <= freeAt[i] { break }
                freeAt.swapAt(p, i)
                i = p
            }
        }
    }

    /// Removes the `count` slots that are free soonest (idle ones first);
    /// the frames already admitted to them still finish.
    ///
    /// - Returns: when the last of the removed slots finishes its work
    ///   (`now` when they were all idle): the slots exist until then.
    /// - Precondition: at least one slot remains.
    public mutating func shrink(by count: Int, now: Int64) -> Int64 {
        precondition(count < freeAt.count, "an inference pool keeps at least one slot")
        var drained = now
        for _ in 0..<count {
            drained = max(drained, freeAt[0])
            let last = freeAt.removeLast()
            // Put the last leaf at the root and sift it down.
            var i = 0
            let n = freeAt.count
            while true {
                let l = 2 * i + 1
                if l >= n { break }
                let r = l + 1
                let c = (r < n && freeAt[r] < freeAt[l]) ? r : l
                if freeAt[c] >= last { break }
                freeAt[i] = freeAt[c]
                i = c
            }
            freeAt[i] = last
        }
        return drained
    }

    /// Forgets queued and running work: after a crash every slot is free at `now`.
    public mutating func reset(now: Int64) {
        for i in freeAt.indices { freeAt[i] = now }
    }
}
