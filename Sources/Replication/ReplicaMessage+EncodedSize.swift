// Sizes in a compact binary encoding: fixed-width integers, length-prefixed
// strings and arrays. Nothing is encoded here; the sizes are what an
// encoder along these lines would write, so the network model charges a
// realistic number of bytes.

/// Field sizes of the wire encoding, in bytes.
@usableFromInline
enum WireSize {
    /// Frame header: format version (1), message type (1), flags (2),
    /// length (4), sender (4), checksum (4).
    static let header = 16
    static let replica = 4
    static let counter = 8
    static let dot = replica + counter
    static let timestamp = 8
    static let operation = 4 + 8
    static let arrayCount = 2
    static let hintID = 8
    static let digest = 8

    /// Length-prefixed UTF-8.
    static func string(_ text: String) -> Int { 2 + text.utf8.count }
}

extension VersionVector {
    /// Encoded size in bytes: a count and 12 bytes per entry.
    public var encodedSize: Int { WireSize.arrayCount + entries.count * (WireSize.replica + WireSize.counter) }
}

extension Version {
    /// Encoded size in bytes: dot, past, timestamp, a tombstone flag, and a
    /// length-prefixed value.
    public var encodedSize: Int {
        WireSize.dot + past.encodedSize + WireSize.timestamp + 1 + (value.map { 4 + $0.count } ?? 0)
    }
}

extension SiblingSet {
    /// Encoded size in bytes: the versions and the context.
    public var encodedSize: Int {
        WireSize.arrayCount + versions.reduce(0) { $0 + $1.encodedSize } + context.encodedSize
    }
}

extension ClientOperation {
    /// Encoded size in bytes: kind, key, value, context.
    public var encodedSize: Int {
        switch self {
        case .read(let key): 1 + WireSize.string(key)
        case .write(let key, let value, let context): 1 + WireSize.string(key) + 4 + value.count + context.encodedSize
        case .delete(let key, let context): 1 + WireSize.string(key) + context.encodedSize
        }
    }
}

extension ClientReply {
    /// Encoded size in bytes of the reply as forwarded between replicas.
    public var encodedSize: Int {
        switch self {
        case .read(let r):
            1 + WireSize.string(r.key) + WireSize.arrayCount + r.versions.reduce(0) { $0 + $1.encodedSize }
                + r.context.encodedSize + WireSize.arrayCount + r.responders.count * WireSize.replica
                + WireSize.replica
        case .write(let w):
            1 + WireSize.string(w.key) + w.version.encodedSize + w.context.encodedSize + WireSize.arrayCount
                + w.siblings.reduce(0) { $0 + $1.encodedSize } + WireSize.arrayCount
                + w.acknowledgedBy.count * WireSize.replica + 2 + WireSize.replica
        }
    }
}

extension ReplicaMessage {
    /// The size of the message on the wire, header included, in bytes.
    public var encodedSize: Int {
        WireSize.header + bodySize
    }

    private var bodySize: Int {
        switch self {
        case .heartbeat:
            return 4
        case .replicate(_, let key, let state, let hintFor):
            return WireSize.operation + WireSize.string(key) + state.encodedSize + 1
                + (hintFor == nil ? 0 : WireSize.replica)
        case .replicateAck:
            return WireSize.operation
        case .readRequest(_, let key):
            return WireSize.operation + WireSize.string(key)
        case .readResponse(_, let key, let state):
            return WireSize.operation + WireSize.string(key) + state.encodedSize
        case .readRepair(let key, let state):
            return WireSize.string(key) + state.encodedSize
        case .forward(_, let request):
            return WireSize.operation + request.encodedSize
        case .forwardResult(_, let result):
            switch result {
            case .success(let reply): return WireSize.operation + 1 + reply.encodedSize
            case .failure: return WireSize.operation + 1 + 1 + 4 + 4
            }
        case .hint(_, let key, let state):
            return WireSize.hintID + WireSize.string(key) + state.encodedSize
        case .hintAck:
            return WireSize.hintID
        case .antiEntropyDigest(let entries):
            return WireSize.arrayCount + entries.reduce(0) { $0 + WireSize.string($1.key) + WireSize.digest }
        case .antiEntropyReply(let states, let wanted):
            return WireSize.arrayCount + states.reduce(0) { $0 + WireSize.string($1.key) + $1.state.encodedSize }
                + WireSize.arrayCount + wanted.reduce(0) { $0 + WireSize.string($1) }
        case .antiEntropyPush(let states):
            return WireSize.arrayCount + states.reduce(0) { $0 + WireSize.string($1.key) + $1.state.encodedSize }
        }
    }
}
