import Scenario

/// The GPUs behind one cloud node's inference pool: what the simulation
/// serves frames with and what the bill prices, in GPU-nanoseconds.
///
/// A fixed fleet keeps `gpus` for the whole run. An autoscaled fleet measures
/// the work admitted over each window (frames' service time, queued frames
/// included, so a saturated fleet sees its true demand), wants
/// `ceil(work / (window × slots per GPU × target))` GPUs within its bounds,
/// adds them after `scale_up_delay`, and removes GPUs only when it has wanted
/// fewer for `scale_down_delay`. A removed GPU finishes the frames already
/// admitted to it and is billed until then.
struct InferenceFleet {
    let settings: DeploymentSection
    /// The cloud node whose pool this is.
    let node: Int32
    private(set) var gpus: Int
    /// GPUs ordered and not yet serving.
    private(set) var pending = 0
    /// Since when the fleet has wanted fewer GPUs, or nil.
    private var tooLargeSince: Int64?
    private var busyAtWindowStart: Int64 = 0

    // Measurement (from the end of warm-up).
    private var measuring = false
    private var lastChange: Int64 = 0
    /// GPU-nanoseconds provisioned while measuring, draining GPUs included.
    private(set) var gpuNanoseconds: Int64 = 0
    private var busyAtMeasureStart: Int64 = 0
    private(set) var busyMeasured: Int64 = 0
    /// Every change of the GPUs that exist (serving or draining): when, and by how many.
    private(set) var changes: [(at: Int64, delta: Int)]

    /// The end of warm-up: GPU time counts from here.
    let measureFrom: Int64

    init(settings: DeploymentSection, node: Int32, measureFrom: Int64) {
        self.settings = settings
        self.measureFrom = measureFrom
        self.node = node
        gpus = settings.gpus
        changes = [(0, settings.gpus)]
    }

    var slots: Int { gpus * settings.slotsPerGPU }

    private mutating func advance(to now: Int64) {
        if measuring { gpuNanoseconds += Int64(gpus) * (now - lastChange) }
        lastChange = now
    }

    mutating func startMeasuring(now: Int64, busy: Int64) {
        lastChange = now
        measuring = true
        busyAtMeasureStart = busy
    }

    mutating func finish(now: Int64, busy: Int64) {
        advance(to: now)
        busyMeasured = busy - busyAtMeasureStart
    }

    /// Closes a window in which the pool's busy counter reached `busy`.
    ///
    /// - Returns: GPUs to order now (they serve after the scale-up delay), or 0.
    mutating func closeWindow(now: Int64, busy: Int64, pool: inout InferencePool, end: Int64) -> Int {
        let work = busy - busyAtWindowStart
        busyAtWindowStart = busy
        guard settings.fleet == .autoscaled else { return 0 }
        let capacity = Double(settings.window.nanoseconds) * Double(settings.slotsPerGPU) * settings.targetUtilization
        let wanted = min(settings.maxGPUs, max(settings.minGPUs, Int((Double(work) / capacity).rounded(.up))))
        if wanted > gpus + pending {
            tooLargeSince = nil
            let order = wanted - gpus - pending
            pending += order
            return order
        }
        guard wanted < gpus, pending == 0 else {
            tooLargeSince = nil
            return 0
        }
        guard let since = tooLargeSince else {
            tooLargeSince = now
            return 0
        }
        guard now - since >= settings.scaleDownDelay.nanoseconds else { return 0 }
        advance(to: now)
        let removed = gpus - wanted
        let drained = min(end, pool.shrink(by: removed * settings.slotsPerGPU, now: now))
        // Drain time counts from the later of now and the start of measurement.
        gpuNanoseconds += Int64(removed) * max(0, drained - max(now, measureFrom))
        changes.append((drained, -removed))
        gpus = wanted
        tooLargeSince = nil
        return 0
    }

    /// Ordered GPUs start serving.
    mutating func add(_ count: Int, now: Int64, pool: inout InferencePool) {
        advance(to: now)
        pool.grow(by: count * settings.slotsPerGPU, now: now)
        gpus += count
        pending -= count
        changes.append((now, count))
    }
}
