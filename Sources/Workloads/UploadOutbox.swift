import SimKernel

/// The unacknowledged inventory changes of one store on one hop (the store
/// to its region, or the region forwarding to the cloud).
///
/// Deltas are cumulative: each one carries every change not yet
/// acknowledged, with the latest units, under a new sequence number, so a
/// retransmission coalesces whatever changed while the path was down and the
/// receiver applies any delta newer than the last it applied. An
/// acknowledgement of sequence n clears the changes made before delta n was
/// taken. Nothing is dropped silently: a change leaves the outbox by an
/// acknowledgement, by overflow beyond the byte limit (counted), or by a
/// crash of volatile storage (counted).
struct UploadOutbox {
    /// Per SKU of the store: the sequence of the next delta when it last
    /// changed (0 when acknowledged or never changed).
    var dirty: [Int32]
    /// When the SKU's oldest unacknowledged change was made.
    var changedAt: [Int64]
    /// The sender's latest units of each SKU.
    var units: [Int32]
    /// Capture time of the newest observation the sender's view reflects, per camera.
    var asOf: [Int64]
    /// The sequence the next delta takes.
    var nextSequence: Int32 = 1
    /// The highest sequence acknowledged.
    var acknowledged: Int32 = 0
    /// Sequences of deltas that carried changes no earlier delta carried, not yet acknowledged.
    var unacknowledgedDeltas: [Int32] = []
    /// Changes made since the last delta was taken.
    var changedSinceTake = false
    /// Retransmission: timer generation (a fired timer of an older one is
    /// ignored), attempts since the last acknowledgement.
    var generation: UInt32 = 0
    var attempts = 0
    var timerArmed = false

    init(units: [Int32], cameras: Int) {
        dirty = Array(repeating: 0, count: units.count)
        changedAt = Array(repeating: -1, count: units.count)
        self.units = units
        asOf = Array(repeating: 0, count: cameras)
    }

    /// The sender's view of a SKU changed.
    mutating func changed(_ k: Int, units value: Int32, now: Int64) {
        units[k] = value
        if dirty[k] == 0 { changedAt[k] = now }
        dirty[k] = nextSequence
        changedSinceTake = true
    }

    /// Takes the next delta: its sequence and every unacknowledged change.
    mutating func take() -> (sequence: Int32, entries: [(sku: Int, units: Int)]) {
        var entries: [(sku: Int, units: Int)] = []
        for k in dirty.indices where dirty[k] != 0 { entries.append((k, Int(units[k]))) }
        let sequence = nextSequence
        nextSequence += 1
        if changedSinceTake { unacknowledgedDeltas.append(sequence) }
        changedSinceTake = false
        return (sequence, entries)
    }

    /// The receiver acknowledged delta `sequence`.
    ///
    /// - Returns: how long the oldest change it cleared waited, or nil when it cleared nothing new.
    mutating func acknowledge(_ sequence: Int32, now: Int64) -> Int64? {
        guard sequence > acknowledged else { return nil }
        acknowledged = sequence
        var oldest = Int64.max
        for k in dirty.indices where dirty[k] != 0 && dirty[k] <= sequence {
            oldest = min(oldest, changedAt[k])
            dirty[k] = 0
            changedAt[k] = -1
        }
        unacknowledgedDeltas.removeAll { $0 <= sequence }
        attempts = 0
        return oldest == .max ? nil : now - oldest
    }

    /// Whether the last delta taken is still unacknowledged.
    var awaitingAcknowledgement: Bool { acknowledged < nextSequence - 1 }

    /// The oldest unacknowledged change drops out (the outbox is over its limit).
    ///
    /// - Returns: whether there was one.
    mutating func dropOldest() -> Bool {
        var oldest = -1
        for k in dirty.indices where dirty[k] != 0 && (oldest < 0 || changedAt[k] < changedAt[oldest]) { oldest = k }
        guard oldest >= 0 else { return false }
        dirty[oldest] = 0
        changedAt[oldest] = -1
        return true
    }

    /// Volatile storage lost in a crash.
    ///
    /// - Returns: the deltas and the changes lost.
    mutating func wipe() -> (deltas: Int, changes: Int) {
        let changes = dirty.reduce(0) { $0 + ($1 != 0 ? 1 : 0) }
        let deltas = unacknowledgedDeltas.count + (changedSinceTake ? 1 : 0)
        for k in dirty.indices {
            dirty[k] = 0
            changedAt[k] = -1
        }
        unacknowledgedDeltas.removeAll()
        changedSinceTake = false
        acknowledged = nextSequence - 1
        attempts = 0
        return (deltas, changes)
    }
}
