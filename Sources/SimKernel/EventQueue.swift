/// A handle to a cancellable event, returned by ``EventQueue/scheduleCancellable(_:at:)``.
public struct TimerID: Hashable, Sendable {
    /// The event's tagged sequence number (see ``EventQueue``).
    @usableFromInline let sequence: UInt64
    @inlinable init(sequence: UInt64) { self.sequence = sequence }
}

/// A pending-event set ordered by (time, insertion sequence).
///
/// Two events at the same time come out in the order they were scheduled,
/// which is what makes a run deterministic. The queue is a 4-ary min-heap of
/// plain structs in one contiguous array: scheduling an event allocates
/// nothing once the array has grown to the run's peak size.
///
/// Events scheduled with ``schedule(_:at:)`` cannot be cancelled and cost
/// nothing extra. Those scheduled with ``scheduleCancellable(_:at:)`` carry a
/// tag in the lowest bit of their sequence number and are listed in a set of
/// armed timers; ``cancel(_:)`` removes a timer from that set in O(1), and
/// its entry is dropped when it reaches the front (lazy cancellation). The
/// set is only ever probed by key, never iterated, so it cannot reach the
/// order of anything.
///
/// Popping leaves a hole at the root instead of refilling it at once: most
/// handlers schedule an event right away, and that event fills the hole by
/// one walk down from the root that stops where it belongs (near-future
/// events, the common case, stop within a level or two). Only when the next
/// operation is another pop is the hole filled the usual way.
public struct EventQueue<Payload> {
    /// One queued event.
    public struct Entry {
        public var time: SimTime
        /// Insertion counter shifted left by one; the lowest bit marks a timer.
        @usableFromInline var taggedSequence: UInt64
        public var payload: Payload

        @inlinable
        init(time: SimTime, taggedSequence: UInt64, payload: Payload) {
            self.time = time
            self.taggedSequence = taggedSequence
            self.payload = payload
        }

        /// The order in which the event was scheduled, from 0.
        @inlinable public var sequence: UInt64 { taggedSequence >> 1 }
        @inlinable var isTimer: Bool { taggedSequence & 1 == 1 }

        /// (time, sequence) as one 128-bit number, so that comparing two
        /// entries is a compare-and-borrow with no branch. Times are never negative.
        @inlinable var key: UInt128 {
            UInt128(UInt64(bitPattern: time.nanoseconds)) << 64 | UInt128(taggedSequence)
        }

        @inlinable
        func precedes(_ other: Entry) -> Bool { key < other.key }
    }

    @usableFromInline var heap: ContiguousArray<Entry> = []
    @usableFromInline var nextSequence: UInt64 = 0
    /// Timers scheduled and neither fired nor cancelled, by tagged sequence.
    @usableFromInline var armedTimers: Set<UInt64> = []
    @usableFromInline var cancelledInHeap: Int = 0
    /// The root entry was handed out by ``pop()``: its slot is free for the
    /// next push to fill (it still holds the popped entry, so that
    /// ``putBackFront(_:)`` can undo the pop).
    @usableFromInline var holeAtRoot = false

    /// An empty queue.
    ///
    /// - Parameter capacity: entries to reserve room for, to avoid regrowth.
    public init(capacity: Int = 0) {
        heap.reserveCapacity(capacity)
    }

    /// The number of live (not cancelled) events.
    @inlinable public var count: Int { heap.count - cancelledInHeap - (holeAtRoot ? 1 : 0) }
    /// Whether no live event remains.
    @inlinable public var isEmpty: Bool { count == 0 }
    /// Events scheduled so far: the sequence number the next one will get.
    @inlinable public var scheduledCount: UInt64 { nextSequence }

    /// Adds an event that cannot be cancelled.
    ///
    /// - Complexity: O(log n).
    @inlinable
    public mutating func schedule(_ payload: Payload, at time: SimTime) {
        push(Entry(time: time, taggedSequence: nextSequence << 1, payload: payload))
        nextSequence &+= 1
    }

    /// Adds an event that ``cancel(_:)`` can withdraw until it is popped.
    ///
    /// - Returns: the handle to cancel it with.
    /// - Complexity: O(log n).
    @inlinable
    public mutating func scheduleCancellable(_ payload: Payload, at time: SimTime) -> TimerID {
        let tagged = nextSequence << 1 | 1
        push(Entry(time: time, taggedSequence: tagged, payload: payload))
        nextSequence &+= 1
        armedTimers.insert(tagged)
        return TimerID(sequence: tagged)
    }

    /// Withdraws a cancellable event.
    ///
    /// Cancelling an event that already fired, or was already cancelled, does
    /// nothing and returns false.
    ///
    /// - Returns: whether a pending event was withdrawn.
    /// - Complexity: O(1); the entry is dropped lazily when it reaches the front.
    @inlinable
    @discardableResult
    public mutating func cancel(_ id: TimerID) -> Bool {
        guard armedTimers.remove(id.sequence) != nil else { return false }
        cancelledInHeap += 1
        return true
    }

    /// The time of the earliest live event, dropping cancelled entries at the front.
    @inlinable
    public mutating func peekTime() -> SimTime? {
        fillHole()
        while let top = heap.first, top.isTimer, !armedTimers.contains(top.taggedSequence) {
            _ = popRaw()
            cancelledInHeap -= 1
        }
        return heap.first?.time
    }

    /// Removes and returns the earliest live event.
    ///
    /// - Complexity: O(log n), amortised over cancelled entries.
    @inlinable
    public mutating func pop() -> Entry? {
        fillHole()
        while let top = heap.first {
            if top.isTimer && armedTimers.remove(top.taggedSequence) == nil {
                _ = popRaw()
                cancelledInHeap -= 1
                continue
            }
            holeAtRoot = true
            return top
        }
        return nil
    }

    /// Undoes the ``pop()`` that returned `entry`, when nothing was scheduled
    /// or popped since: the entry is the earliest again.
    ///
    /// - Precondition: `entry` came from the last call, which was a `pop()`.
    @inlinable
    public mutating func putBackFront(_ entry: Entry) {
        precondition(holeAtRoot && heap[0].taggedSequence == entry.taggedSequence,
                     "putBackFront: not the entry of the last pop")
        holeAtRoot = false
        if entry.isTimer { armedTimers.insert(entry.taggedSequence) }
    }

    // MARK: - Heap

    // A 4-ary heap with bottom-up deletion (Floyd): the hole left at the
    // root walks down to a leaf along the smallest children, choosing among
    // the four with compares that compile to conditional moves, then the last
    // entry climbs back from there. The last entry came from the bottom, so it
    // rarely climbs far; four children per node halve the depth.
    @usableFromInline static var arity: Int { 4 }

    @inlinable
    mutating func push(_ entry: Entry) {
        if holeAtRoot {
            holeAtRoot = false
            heap.withUnsafeMutableBufferPointer { h in
                Self.siftDown(h, entry, count: h.count)
            }
            return
        }
        heap.append(entry)
        let child = heap.count - 1
        heap.withUnsafeMutableBufferPointer { h in
            Self.siftUp(h, entry, from: child)
        }
    }

    @inlinable
    static func siftUp(_ h: UnsafeMutableBufferPointer<Entry>, _ entry: Entry, from start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / arity
            guard entry.precedes(h[parent]) else { break }
            h[child] = h[parent]
            child = parent
        }
        h[child] = entry
    }

    /// Places `entry` at the root's hole and walks it down to where it
    /// belongs, stopping as soon as no child precedes it.
    @inlinable
    static func siftDown(_ h: UnsafeMutableBufferPointer<Entry>, _ entry: Entry, count: Int) {
        let key = entry.key
        var hole = 0
        var first = 1
        while first + 3 < count {
            let a = first &+ (h[first + 1].key < h[first].key ? 1 : 0)
            let b = first &+ 2 &+ (h[first + 3].key < h[first + 2].key ? 1 : 0)
            let smallest = h[b].key < h[a].key ? b : a
            guard h[smallest].key < key else { h[hole] = entry; return }
            h[hole] = h[smallest]
            hole = smallest
            first = 4 &* hole &+ 1
        }
        if first < count {
            var smallest = first
            var i = first + 1
            while i < count {
                if h[i].key < h[smallest].key { smallest = i }
                i += 1
            }
            if h[smallest].key < key {
                h[hole] = h[smallest]
                hole = smallest
            }
        }
        h[hole] = entry
    }

    /// Fills a hole left by ``pop()`` with the last entry.
    @inlinable
    mutating func fillHole() {
        guard holeAtRoot else { return }
        holeAtRoot = false
        _ = popRaw()
    }

    /// Removes the root entry (a hole or not) and restores the heap.
    @inlinable
    mutating func popRaw() -> Entry? {
        guard let last = heap.popLast() else { return nil }
        if heap.isEmpty { return last }
        let count = heap.count
        return heap.withUnsafeMutableBufferPointer { h in
            let top = h[0]
            var hole = 0
            var first = 1
            while first + 3 < count {
                let a = first &+ (h[first + 1].key < h[first].key ? 1 : 0)
                let b = first &+ 2 &+ (h[first + 3].key < h[first + 2].key ? 1 : 0)
                let smallest = h[b].key < h[a].key ? b : a
                h[hole] = h[smallest]
                hole = smallest
                first = 4 &* hole &+ 1
            }
            if first < count {
                var smallest = first
                var i = first + 1
                while i < count {
                    if h[i].key < h[smallest].key { smallest = i }
                    i += 1
                }
                h[hole] = h[smallest]
                hole = smallest
            }
            Self.siftUp(h, last, from: hole)
            return top
        }
    }
}
