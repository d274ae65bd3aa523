import Replication
import SimNetwork

/// What a replication message on the simulated network carries.
///
/// Boxed (`indirect`), so that a world's payload enum grows by one pointer,
/// not by the size of the largest replication message.
public indirect enum ReplicaPacket: Sendable {
    /// Replica to replica: the library's own protocol.
    case replica(ReplicaMessage)
    /// A client on a node outside the key's group asks a member (operation
    /// id in the driver's history).
    case request(operation: UInt64, ClientOperation)
    /// The member's answer, back to the client's node.
    case response(ClientResponse)
}

/// The driver's own events, carried inside a world's event type: plain
/// values, indices into the driver's tables.
public enum ReplicaEvent: Hashable, Sendable {
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
    static func replica(_ packet: ReplicaPacket) -> Self
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
