/// The latest arrival scheduled per flow on one link direction, for
/// ``LinkOrdering/flow``.
///
/// An open-addressing table keyed by flow (source, destination, class),
/// holding only flows that may still constrain a message: an entry whose
/// arrival is not after the link's current send time can never delay a later
/// message (latencies are not negative and send times only grow), so it is
/// dead and its slot is reused. The table therefore stays as small as the
/// number of flows with messages in flight on the link, usually a handful.
///
/// Keys and lookups are plain integers with a fixed multiplicative hash:
/// nothing is iterated, so nothing depends on hashing seeds.
@usableFromInline
struct FlowArrivals {
    /// Stored keys with bit 63 set; 0 marks a slot never used.
    private var keys: ContiguousArray<UInt64>
    private var arrivals: ContiguousArray<Int64>
    private var used = 0
    private var shift: UInt64

    /// An empty table with `capacity` slots (a power of two).
    init(capacity: Int = 8) {
        precondition(capacity >= 2 && capacity & (capacity - 1) == 0, "capacity must be a power of two")
        keys = ContiguousArray(repeating: 0, count: capacity)
        arrivals = ContiguousArray(repeating: 0, count: capacity)
        shift = UInt64(64 - capacity.trailingZeroBitCount)
    }

    /// The key of a flow. Node indices must be below 2^28.
    @inlinable
    static func key(source: Int32, destination: Int32, trafficClass: Int) -> UInt64 {
        1 << 63 | UInt64(UInt32(bitPattern: source)) << 34 | UInt64(UInt32(bitPattern: destination)) << 4
            | UInt64(trafficClass)
    }

    /// Orders a message of flow `key`: its arrival is `arrival` or the flow's
    /// latest, whichever is later, and becomes the flow's latest.
    ///
    /// - Parameters:
    ///   - key: from ``key(source:destination:trafficClass:)``.
    ///   - arrival: the message's own arrival (send time plus its latency draw).
    ///   - now: the message's send time; never less than an earlier call's.
    /// - Returns: the arrival to schedule.
    mutating func order(_ key: UInt64, arrival: Int64, now: Int64) -> Int64 {
        let mask = keys.count - 1
        var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        var reusable = -1
        for _ in 0..<keys.count {
            let k = keys[i]
            if k == key {
                let result = max(arrival, arrivals[i])
                arrivals[i] = result
                return result
            }
            if k == 0 { break }
            if reusable < 0 && arrivals[i] <= now { reusable = i }
            i = (i + 1) & mask
        }
        if reusable >= 0 {
            keys[reusable] = key
            arrivals[reusable] = arrival
            return arrival
        }
        if keys[i] == 0 && (used + 1) * 2 <= keys.count {
            keys[i] = key
            arrivals[i] = arrival
            used += 1
            return arrival
        }
        rebuild(now: now, adding: key, arrival: arrival)
        return arrival
    }

    /// Keeps the live entries, adds one, and sizes the table for at most a
    /// quarter full.
    private mutating func rebuild(now: Int64, adding key: UInt64, arrival: Int64) {
        var live: [(UInt64, Int64)] = [(key, arrival)]
        for i in keys.indices where keys[i] != 0 && arrivals[i] > now { live.append((keys[i], arrivals[i])) }
        var capacity = 8
        while capacity < live.count * 4 { capacity *= 2 }
        self = FlowArrivals(capacity: capacity)
        let mask = capacity - 1
        for (k, a) in live {
            var i = Int(truncatingIfNeeded: (k &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while keys[i] != 0 { i = (i + 1) & mask }
            keys[i] = k
            arrivals[i] = a
            used += 1
        }
    }
}
