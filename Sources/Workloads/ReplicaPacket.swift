import Replication
import SimNetwork

/// What a replication message on the simulated network carries.
///
/// Packets stay in the driver's table; the network message carries only a
/// ``ReplicaPacketHandle``, so that a world's payload stays a plain value
/// (copied without reference counting on every hop).
public enum ReplicaPacket: Sendable {
    /// Replica to replica: the library's own protocol.
    case replica(ReplicaMessage)
    /// A client on a node outside the key's group asks a member (operation
    /// id in the driver's history).
    case request(operation: UInt64, ClientOperation)
    /// The member's answer, back to the client's node.
    case response(ClientResponse)
}

/// Names a packet in the driver's table: its slot, and the slot's generation
/// when the packet was put there (a late message whose slot has been reused
/// finds another generation and is dropped).
///
/// Packed in 32 bits (a 22-bit slot, a 10-bit generation) so that a world's
/// payload stays as small as without replication: the network copies it on
/// every hop.
public struct ReplicaPacketHandle: Hashable, Sendable {
    let raw: UInt32

    /// Slots a driver may use at once.
    static let slotLimit = 1 << 22

    init(slot: Int, generation: UInt32) {
        precondition(slot < Self.slotLimit, "more than \(Self.slotLimit) replication packets in flight")
        raw = UInt32(slot) | (generation & 0x3FF) << 22
    }

    /// The packet's slot in the driver's table.
    public var slot: Int { Int(raw & 0x3F_FFFF) }
    /// The slot's generation (10 bits) when the packet was stored.
    public var generation: UInt32 { raw >> 22 }
}

/// The driver's own events, carried inside a world's event type: plain
/// values, indices into the driver's tables.
public enum ReplicaEvent: Hashable, Sendable {
    /// Boot every replica (queued behind the faults of the same instant, so
    /// that a clock set at 0 s is the clock the replicas boot with).
    case start
    /// A replica's timer (slot in the driver's timer table) is due.
    case timer(slot: UInt32)
    /// A reader issues its next read.
    case read(reader: Int32)
    /// A regional dashboard issues its next correction.
    case correction(corrector: Int32)
    /// Check whether every replica of every key agrees.
    case convergenceCheck
}

/// A world's event type that can carry the replica driver's events.
public protocol ReplicaEventCarrier: NetworkEventCarrier {
    static func replica(_ event: ReplicaEvent) -> Self
}

/// A world's message payload that can carry replication packets.
public protocol ReplicaPayloadCarrier {
    static func replica(_ packet: ReplicaPacketHandle) -> Self
}

extension ReplicaPacket {
    /// Bytes on the wire. A client request and its answer are sized as the
    /// library sizes a forwarded request and its result, which carry the
    /// same fields.
    var encodedSize: Int {
        switch self {
        case .replica(let message):
            return message.encodedSize
        case .request(let operation, let request):
            return ReplicaMessage.forward(operation: Self.sizingID(operation), request: request).encodedSize
        case .response(let response):
            return ReplicaMessage.forwardResult(operation: Self.sizingID(response.requestID.rawValue),
                                                result: response.result).encodedSize
        }
    }

    private static func sizingID(_ raw: UInt64) -> OperationID { OperationID(incarnation: 0, sequence: raw) }
}
