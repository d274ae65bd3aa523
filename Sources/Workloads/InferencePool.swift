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

    /// Forgets queued and running work: after a crash every slot is free at `now`.
    public mutating func reset(now: Int64) {
        for i in freeAt.indices { freeAt[i] = now }
    }
}
