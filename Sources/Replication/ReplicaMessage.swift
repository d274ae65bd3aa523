/// A message between replicas.
///
/// The driver carries it from the sender's ``ReplicaEffect/send(_:to:)`` to
/// the receiver's ``Replica/receive(_:from:now:)``, and may delay, reorder
/// or lose it: the protocol tolerates all three. ``encodedSize`` is the size
/// the message would have on the wire in a compact binary encoding, for the
/// network model to charge.
public enum ReplicaMessage: Hashable, Sendable {
    /// "I am alive." Any message counts as a sign of life; heartbeats make
    /// sure there is one every ``ReplicationConfiguration/heartbeatInterval``.
    case heartbeat(incarnation: UInt32)
    /// The coordinator's whole state of `key` after a write, to merge. With
    /// `hintFor` set, the receiver is a stand-in: it keeps the state as a
    /// hint for that owner instead of storing it.
    case replicate(operation: OperationID, key: String, state: SiblingSet, hintFor: ReplicaID?)
    /// The state (or hint) in a `replicate` is durable at the sender.
    case replicateAck(operation: OperationID)
    /// Asks for the receiver's state of `key` (owners answer from their
    /// store, stand-ins from their hints).
    case readRequest(operation: OperationID, key: String)
    /// The receiver's state of `key` (empty when it knows nothing).
    case readResponse(operation: OperationID, key: String, state: SiblingSet)
    /// A read coordinator's merged state for a replica that answered with a
    /// stale one. Not acknowledged.
    case readRepair(key: String, state: SiblingSet)
    /// A client request handed to an owner of its key by a replica that is
    /// not one.
    case forward(operation: OperationID, request: ClientOperation)
    /// The owner's answer to a forwarded request.
    case forwardResult(operation: OperationID, result: Result<ClientReply, ReplicationError>)
    /// A stand-in hands a hinted state to its owner.
    case hint(id: UInt64, key: String, state: SiblingSet)
    /// The owner merged hint `id`; the stand-in may drop it.
    case hintAck(id: UInt64)
    /// Anti-entropy, step 1: the initiator's digest of every key both ends
    /// replicate.
    case antiEntropyDigest(entries: [KeyDigest])
    /// Step 2: the peer's states of the keys whose digests differ (or that
    /// the initiator lacks), and the keys it wants the initiator's state of.
    case antiEntropyReply(states: [KeyedState], wanted: [String])
    /// Step 3: the initiator's (merged) states of the wanted keys.
    case antiEntropyPush(states: [KeyedState])
}

extension ReplicaMessage {
    /// The message type's name (`heartbeat`, `replicate`, ...), for
    /// per-type traffic metrics.
    public var name: String {
        switch self {
        case .heartbeat: "heartbeat"
        case .replicate: "replicate"
        case .replicateAck: "replicateAck"
        case .readRequest: "readRequest"
        case .readResponse: "readResponse"
        case .readRepair: "readRepair"
        case .forward: "forward"
        case .forwardResult: "forwardResult"
        case .hint: "hint"
        case .hintAck: "hintAck"
        case .antiEntropyDigest: "antiEntropyDigest"
        case .antiEntropyReply: "antiEntropyReply"
        case .antiEntropyPush: "antiEntropyPush"
        }
    }
}
