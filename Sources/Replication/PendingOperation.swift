/// Who is waiting for a coordinated operation's answer.
enum Requester: Hashable, Sendable {
    /// A client of this replica.
    case client(ClientRequestID)
    /// Another replica that forwarded a client's request here, under its
    /// own operation id.
    case remote(ReplicaID, OperationID)
}

/// A replica a coordinator sends to, and the owner it stands in for.
struct Target: Hashable, Sendable {
    var replica: ReplicaID
    /// Set when `replica` is a stand-in holding a hint for this owner.
    var hintFor: ReplicaID?
}

/// An operation a replica has open, waiting for messages or its deadline.
/// Volatile: lost in a crash.
enum PendingOperation: Sendable {
    case write(PendingWrite)
    case read(PendingRead)
    case forward(PendingForward)

    var requester: Requester {
        switch self {
        case .write(let w): w.requester
        case .read(let r): r.requester
        case .forward(let f): .client(f.request)
        }
    }
}

struct PendingWrite: Hashable, Sendable {
    var requester: Requester
    /// The reply, complete but for the acknowledgements.
    var result: WriteResult
    var targets: [Target]
    /// Replicas that acknowledged, the coordinator first.
    var acks: [ReplicaID]
    var timerSet = false
}

struct PendingRead: Hashable, Sendable {
    var requester: Requester
    var key: String
    var targets: [Target]
    /// Answers so far, the coordinator's own first.
    var responses: [KeyedAnswer]
    /// Whether the client has its answer (the read then lingers, when read
    /// repair is on, to hear from the remaining targets).
    var answered = false
    var timerSet = false
}

/// One replica's answer to a read.
struct KeyedAnswer: Hashable, Sendable {
    var replica: ReplicaID
    var state: SiblingSet
}

struct PendingForward: Hashable, Sendable {
    var request: ClientRequestID
    var operation: ClientOperation
    var target: ReplicaID
}
