import SimNetwork

/// What a message of the retail application carries.
public enum RetailPayload: Sendable {
    /// A camera frame on its way to inference (job slot).
    case frame(job: UInt32)
    /// An inference result on its way to the inventory (job slot).
    case detection(job: UInt32)
    /// A priority stockout alert for a SKU (global index).
    case alert(sku: Int32)
    /// A compressed inventory delta of a store, or a cloud-only periodic
    /// push of the cloud's view of a store (record in the world's table).
    case delta(record: UInt32)
    /// The receiver of a delta acknowledges its sequence (outbox index:
    /// hop × stores + store).
    case deltaAck(outbox: Int32, sequence: Int32)
    /// Cloud-only: the cloud pushes an update it applied (job slot) to the
    /// store or the regional dashboard.
    case feedback(job: UInt32)
    /// Replication traffic (when the scenario enables replication): a packet
    /// in the replica driver's table.
    case replica(ReplicaPacketHandle)
    /// A node's heartbeat to the scheduler (when the scenario schedules).
    case heartbeat
}

/// The events of one retail world: plain values, indices into its arrays.
public enum RetailEvent: NetworkEventCarrier, Sendable {
    case network(NetworkEvent)
    /// The next customer purchase in a store.
    case purchase(store: Int32)
    /// Staff refill a shelf (global SKU index).
    case restock(sku: Int32)
    /// A camera captures its next frame (global camera index).
    case frame(camera: Int32)
    /// Inference of a job finished at a node.
    case inferred(job: UInt32, node: Int32)
    /// A store uploads its inventory delta (edge-hybrid arm).
    case upload(store: Int32)
    /// An outbox's retransmission timer fires (stale when its generation moved on).
    case retransmit(outbox: Int32, generation: UInt32)
    /// Cloud-only: the cloud pushes its view of a store (periodic store feedback).
    case feedbackPush(store: Int32)
    /// Apply the fault timeline's action with this index.
    case fault(action: Int32)
    /// The warm-up ends: counters start here.
    case warmupEnd
    /// A timeseries bucket ends.
    case tick
    /// The replica driver's own events (when the scenario enables replication).
    case replica(ReplicaEvent)
    /// A node sends its next heartbeat to the scheduler (when the scenario schedules).
    case heartbeat(node: Int32)
    /// The scheduler's periodic check for missed heartbeats.
    case schedulerTick
    /// An autoscaled cloud fleet closes its measurement window.
    case autoscale
    /// GPUs a fleet ordered start serving.
    case fleetGrow(fleet: Int32, gpus: Int32)
}

extension RetailPayload: ReplicaPayloadCarrier {}
extension RetailEvent: ReplicaEventCarrier {}
