/// Why a run loop returned.
public enum StopReason: Hashable, Sendable {
    /// No live event was left.
    case exhausted
    /// The next event lay beyond the time limit; the clock now reads the limit.
    case reachedTime
    /// The stop condition held after an event.
    case conditionMet
}

/// The clock and the pending events of one simulated world.
///
/// A model is any code that handles events: the run loops hand each event,
/// in (time, insertion) order, to a handler that receives the simulation
/// `inout` so that it can read ``now`` and schedule more events. The event
/// type is the model's own (usually an enum of plain values), so the hot loop
/// is specialised for it: no class, closure or existential per event.
///
/// ```swift
/// var sim = Simulation<Ping>()
/// sim.schedule(.ping, after: .milliseconds(5))
/// sim.run(until: SimTime(nanoseconds: 1_000_000_000)) { sim, event in
///     sim.schedule(.ping, after: .milliseconds(5))
/// }
/// ```
public struct Simulation<Event> {
    /// The current simulated time: the time of the event being handled.
    @inlinable public var now: SimTime { _now }
    /// Events handled so far, across all run calls.
    @inlinable public var eventsHandled: Int { _eventsHandled }
    @usableFromInline var _now: SimTime = .zero
    @usableFromInline var _eventsHandled: Int = 0
    @usableFromInline var queue: EventQueue<Event>

    /// A world at time zero with no events.
    ///
    /// - Parameter capacity: pending events to reserve room for.
    public init(capacity: Int = 0) {
        queue = EventQueue(capacity: capacity)
    }

    /// Pending live events.
    @inlinable public var pendingCount: Int { queue.count }

    /// Schedules an event at an absolute time.
    ///
    /// - Precondition: `time` is not before ``now`` (scheduling in the past is a programmer error).
    @inlinable
    public mutating func schedule(_ event: Event, at time: SimTime) {
        precondition(time >= now, "event scheduled in the past: \(time) < now \(now)")
        queue.schedule(event, at: time)
    }

    /// Schedules an event `delay` after ``now``.
    ///
    /// - Precondition: `delay` is not negative.
    @inlinable
    public mutating func schedule(_ event: Event, after delay: SimDuration) {
        schedule(event, at: now + delay)
    }

    /// Schedules an event that can be cancelled until it fires (a timer).
    @inlinable
    @discardableResult
    public mutating func scheduleTimer(_ event: Event, at time: SimTime) -> TimerID {
        precondition(time >= now, "timer set in the past: \(time) < now \(now)")
        return queue.scheduleCancellable(event, at: time)
    }

    /// Schedules a timer `delay` after ``now``.
    @inlinable
    @discardableResult
    public mutating func scheduleTimer(_ event: Event, after delay: SimDuration) -> TimerID {
        scheduleTimer(event, at: now + delay)
    }

    /// Cancels a timer; returns false when it already fired or was cancelled.
    @inlinable
    @discardableResult
    public mutating func cancel(_ timer: TimerID) -> Bool {
        queue.cancel(timer)
    }

    /// Handles the next event, if any.
    ///
    /// - Returns: false when no live event remains.
    @inlinable
    public mutating func step(_ handle: (inout Simulation, Event) throws -> Void) rethrows -> Bool {
        guard let entry = queue.pop() else { return false }
        _now = entry.time
        _eventsHandled += 1
        try handle(&self, entry.payload)
        return true
    }

    /// Handles events until none is left.
    @inlinable
    @discardableResult
    public mutating func runUntilEmpty(_ handle: (inout Simulation, Event) throws -> Void) rethrows -> StopReason {
        while try step(handle) {}
        return .exhausted
    }

    /// Handles every event at or before `limit`, then sets the clock to `limit`.
    ///
    /// Events at exactly `limit` are handled. Later events stay queued, so a
    /// further call continues where this one stopped.
    ///
    /// - Returns: ``StopReason/reachedTime``, or ``StopReason/exhausted`` when
    ///   the queue ran dry first (the clock is still moved to `limit`).
    @inlinable
    @discardableResult
    public mutating func run(until limit: SimTime, _ handle: (inout Simulation, Event) throws -> Void) rethrows -> StopReason {
        precondition(limit >= now, "run limit \(limit) is before now \(now)")
        while let entry = queue.pop() {
            if entry.time > limit {
                queue.putBackFront(entry)
                _now = limit
                return .reachedTime
            }
            _now = entry.time
            _eventsHandled += 1
            try handle(&self, entry.payload)
        }
        _now = limit
        return .exhausted
    }

    /// Handles events until `condition` holds after one of them, or none is left.
    ///
    /// The condition is checked before the first event too, so a run whose
    /// condition already holds handles nothing.
    @inlinable
    @discardableResult
    public mutating func run(
        until condition: (Simulation) -> Bool,
        _ handle: (inout Simulation, Event) throws -> Void
    ) rethrows -> StopReason {
        while !condition(self) {
            guard try step(handle) else { return .exhausted }
        }
        return .conditionMet
    }
}
