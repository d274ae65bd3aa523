import Testing
@testable import SimKernel

@Suite("EventQueue")
struct EventQueueTests {
    @Test("events at the same time come out in insertion order")
    func tiesBreakByInsertion() {
        var q = EventQueue<Int>()
        for i in 0..<1_000 { q.schedule(i, at: SimTime(nanoseconds: 5)) }
        var out: [Int] = []
        while let e = q.pop() { out.append(e.payload) }
        #expect(out == Array(0..<1_000))
    }

    @Test("pops in (time, insertion) order for random schedules", arguments: 0..<20)
    func ordersLikeAStableSort(seed: Int) {
        let stream = RandomStream(name: "test/queue", masterSeed: UInt64(seed))
        var q = EventQueue<Int>()
        var expected: [(time: Int64, id: Int)] = []
        // Few distinct times, so that ties are common.
        for id in 0..<2_000 {
            let t = Int64(stream.uniformInt(below: 50))
            q.schedule(id, at: SimTime(nanoseconds: t))
            expected.append((t, id))
        }
        expected.sort { ($0.time, $0.id) < ($1.time, $1.id) }
        var got: [Int] = []
        while let e = q.pop() { got.append(e.payload) }
        #expect(got == expected.map(\.id))
    }

    @Test("interleaved pushes and pops keep the heap order")
    func interleaved() {
        let stream = RandomStream(name: "test/interleaved", masterSeed: 3)
        var q = EventQueue<Int64>()
        var now: Int64 = 0
        for _ in 0..<200 { q.schedule(0, at: SimTime(nanoseconds: Int64(stream.uniformInt(below: 1_000)))) }
        var backwards = 0
        for _ in 0..<50_000 {
            let e = q.pop()!
            if e.time.nanoseconds < now { backwards += 1 }
            now = e.time.nanoseconds
            q.schedule(0, at: SimTime(nanoseconds: now + Int64(stream.uniformInt(below: 1_000))))
        }
        #expect(backwards == 0)
    }

    @Test("every operation in random order agrees with a sorted list", arguments: 0..<8)
    func agreesWithAModel(seed: Int) {
        // The model: live events as (time, id), earliest first by (time, id);
        // ids are given in scheduling order, so id order is insertion order.
        let stream = RandomStream(name: "test/queue-model", masterSeed: UInt64(seed))
        var q = EventQueue<Int>()
        var model: [(time: Int64, id: Int)] = []
        var timers: [Int: TimerID] = [:]
        var lastPop: EventQueue<Int>.Entry?
        var now: Int64 = 0, nextID = 0
        for _ in 0..<20_000 {
            let op = stream.uniformInt(below: 10)
            switch op {
            case 0..<3:  // schedule, often at the current time
                let t = now + Int64(stream.uniformInt(below: 3) == 0 ? 0 : stream.uniformInt(below: 100))
                q.schedule(nextID, at: SimTime(nanoseconds: t))
                model.append((t, nextID)); nextID += 1; lastPop = nil
            case 3:  // a timer
                let t = now + Int64(stream.uniformInt(below: 100))
                timers[nextID] = q.scheduleCancellable(nextID, at: SimTime(nanoseconds: t))
                model.append((t, nextID)); nextID += 1; lastPop = nil
            case 4:  // cancel a timer, pending or not
                guard let id = timers.keys.sorted().first(where: { _ in stream.uniformInt(below: 2) == 0 }) else { continue }
                let pending = model.contains { $0.id == id }
                #expect(q.cancel(timers[id]!) == pending)
                model.removeAll { $0.id == id }
                timers[id] = nil
                lastPop = nil
            case 5:  // undo the last pop
                guard let entry = lastPop else { continue }
                q.putBackFront(entry)
                model.append((entry.time.nanoseconds, entry.payload))
                lastPop = nil
            case 6:
                model.sort { ($0.time, $0.id) < ($1.time, $1.id) }
                #expect(q.peekTime()?.nanoseconds == model.first?.time)
                lastPop = nil
            default:  // pop
                model.sort { ($0.time, $0.id) < ($1.time, $1.id) }
                let e = q.pop()
                #expect(e?.payload == model.first?.id)
                if let e {
                    model.removeFirst()
                    now = e.time.nanoseconds
                }
                lastPop = e
            }
            #expect(q.count == model.count)
        }
        while let e = q.pop() { #expect(e.payload == model.sorted { ($0.time, $0.id) < ($1.time, $1.id) }.first?.id); model.removeAll { $0.id == e.payload } }
        #expect(model.isEmpty && q.isEmpty)
    }

    @Test("a cancelled timer is never popped and leaves the count")
    func cancellation() {
        var q = EventQueue<String>()
        q.schedule("a", at: SimTime(nanoseconds: 1))
        let b = q.scheduleCancellable("b", at: SimTime(nanoseconds: 2))
        let c = q.scheduleCancellable("c", at: SimTime(nanoseconds: 3))
        #expect(q.count == 3)
        let cancelled = q.cancel(b)
        #expect(cancelled)
        #expect(q.count == 2)
        let twice = q.cancel(b)
        #expect(!twice, "a second cancel is a no-op")
        let first = q.pop()?.payload
        #expect(first == "a")
        let front = q.peekTime()
        #expect(front == SimTime(nanoseconds: 3), "the cancelled front entry is skipped")
        let second = q.pop()?.payload
        #expect(second == "c")
        let again = q.cancel(c)
        #expect(!again, "cancelling a timer that fired is a no-op")
        let rest = q.pop()
        #expect(rest == nil)
        #expect(q.isEmpty)
    }

    @Test("cancelling many timers leaves exactly the others, in order")
    func cancelMany() {
        var q = EventQueue<Int>()
        var ids: [TimerID] = []
        for i in 0..<1_000 { ids.append(q.scheduleCancellable(i, at: SimTime(nanoseconds: Int64(1_000 - i)))) }
        var withdrawn = 0
        for (i, id) in ids.enumerated() where i % 3 == 0 { if q.cancel(id) { withdrawn += 1 } }
        #expect(withdrawn == 334)
        var got: [Int] = []
        while let e = q.pop() { got.append(e.payload) }
        let expected = (0..<1_000).filter { $0 % 3 != 0 }.reversed()
        #expect(got == Array(expected))
    }

    @Test("sequence numbers count every scheduled event")
    func sequence() {
        var q = EventQueue<Int>()
        q.schedule(0, at: .zero)
        _ = q.scheduleCancellable(1, at: .zero)
        #expect(q.scheduledCount == 2)
        let first = q.pop()?.sequence
        let second = q.pop()?.sequence
        #expect(first == 0 && second == 1)
    }

    @Test("queue entries are plain values: no reference counting per event")
    func entriesArePOD() {
        #expect(_isPOD(EventQueue<UInt32>.Entry.self))
        #expect(_isPOD(SimTime.self))
    }
}
