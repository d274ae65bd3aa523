import EdgeSim
import Foundation
import Scenario

/// One line of progress on standard error, rewritten in place: the share of
/// simulated time done (warm-up included), events per second, an estimate of
/// the time left, the runs done and, in a sweep or a capacity search, the
/// point being run.
///
/// Shown only when standard error is a terminal and `--quiet` is not given;
/// it never reaches a file or a pipe. Wall-clock time is read here, outside
/// the runs, so results stay deterministic.
final class ProgressLine: @unchecked Sendable {
    let enabled: Bool
    private let lock = NSLock()
    private let clock = ContinuousClock()
    private var start: ContinuousClock.Instant
    private var lastDrawn: ContinuousClock.Instant?
    private var runs: [Int: RunTick] = [:]
    private var context = ""
    private var visible = false
    /// The up-front estimate of events over every run, shown beside the count.
    var estimatedEvents: Double?

    init(enabled: Bool) {
        self.enabled = enabled && isatty(STDERR_FILENO) == 1
        start = clock.now
    }

    /// Makes `options` report to this line; `context` leads it (a capacity
    /// search's evaluation).
    func attach(to options: inout ExperimentRunner.Options, scenario: Scenario, context: String = "") {
        guard enabled else { return }
        lock.withLock {
            runs = [:]
            start = clock.now
            lastDrawn = nil
            self.context = context
        }
        options.tick = { [self] tick in update(tick) }
    }

    /// Makes a sweep report to this line.
    func attach(to options: inout SweepRunner.Options) {
        guard enabled else { return }
        options.tick = { [self] tick in update(tick) }
    }

    /// Records where a run stands and redraws, at most ten times a second.
    func update(_ tick: RunTick) {
        lock.withLock {
            runs[tick.index] = tick
            let now = clock.now
            if let lastDrawn, now - lastDrawn < .milliseconds(100), !tick.finished { return }
            lastDrawn = now
            draw(text(tasks: tick.tasks, latest: tick, elapsed: (now - start) / .seconds(1)))
        }
    }

    /// Removes the line, so that what follows starts on a clean line.
    func clear() {
        guard enabled else { return }
        lock.withLock {
            if visible { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            visible = false
        }
    }

    private func text(tasks: Int, latest: RunTick, elapsed: Double) -> String {
        let known = runs.values
        let averageDuration = Double(known.reduce(Int64(0)) { $0 + $1.duration }) / Double(max(1, known.count))
        let simulated = known.reduce(0.0) { $0 + Double($1.simulated) }
        let fraction = min(1, simulated / max(1, averageDuration * Double(tasks)))
        let events = known.reduce(0) { $0 + $1.events }
        let done = known.filter(\.finished).count
        var parts: [String] = []
        if !context.isEmpty { parts.append(context) }
        if let label = latest.label { parts.append(label) }
        parts.append(String(format: "%.0f%% of simulated time", fraction * 100))
        let phase = latest.simulated < latest.warmup ? " (warm-up)" : ""
        parts.append("\(latest.arm.rawValue) repetition \(latest.repetition + 1) at "
                     + "\(Self.duration(Double(latest.simulated) / 1e9)) of \(Self.duration(Double(latest.duration) / 1e9))\(phase)")
        parts.append(Self.rate(elapsed > 0 ? Double(events) / elapsed : 0) + " events/s")
        if let estimatedEvents {
            parts.append("\(RunBudget.count(Double(events))) of ~\(RunBudget.count(estimatedEvents)) events estimated")
        }
        if fraction > 0.01, elapsed > 0.5 {
            parts.append("ETA " + Self.duration(elapsed * (1 - fraction) / fraction))
        }
        parts.append("\(done)/\(tasks) runs done")
        return parts.joined(separator: ", ")
    }

    private func draw(_ line: String) {
        let width = Self.terminalWidth()
        let shown = line.count > width - 1 ? String(line.prefix(width - 2)) + "…" : line
        FileHandle.standardError.write(Data("\r\u{1B}[K\(shown)".utf8))
        visible = true
    }

    static func terminalWidth() -> Int {
        var size = winsize()
        if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 { return Int(size.ws_col) }
        return 100
    }

    /// "45 s", "3m20s", "1h05m".
    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s) s" }
        if s < 3600 { return String(format: "%dm%02ds", s / 60, s % 60) }
        return String(format: "%dh%02dm", s / 3600, (s % 3600) / 60)
    }

    /// "850 k", "2.31 M".
    static func rate(_ x: Double) -> String {
        if x >= 1e6 { return String(format: "%.2f M", x / 1e6) }
        if x >= 1e3 { return String(format: "%.0f k", x / 1e3) }
        return String(format: "%.0f", x)
    }
}
