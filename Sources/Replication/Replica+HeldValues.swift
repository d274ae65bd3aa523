extension Replica {
    /// Calls `body` with every value the replica holds: the versions of its
    /// stored keys and of its hints, durable or not, and those of the
    /// operations it has open (a write's new version and siblings, a read's
    /// answers so far, a forwarded write's value). Tombstones have no value.
    ///
    /// A driver that keeps records about values (which write a value came
    /// from) may forget what no replica, message or client holds any more:
    /// no later input can bring such a value back. The order of the calls is
    /// unspecified; a value may be visited more than once.
    ///
    /// - Complexity: O(n) in the versions held.
    public func forEachHeldValue(_ body: ([UInt8]) -> Void) {
        for state in store.values { state.forEachValue(body) }
        for hint in hintStore.hints { hint.state.forEachValue(body) }
        for operation in pending.values {
            switch operation {
            case .write(let w):
                ClientReply.write(w.result).forEachValue(body)
            case .read(let r):
                for answer in r.responses { answer.state.forEachValue(body) }
            case .forward(let f):
                f.operation.forEachValue(body)
            }
        }
    }
}

extension SiblingSet {
    /// Calls `body` with the value of every live version.
    public func forEachValue(_ body: ([UInt8]) -> Void) {
        for version in versions { if let value = version.value { body(value) } }
    }
}

extension ClientOperation {
    /// Calls `body` with the value a write carries (reads and deletes carry none).
    public func forEachValue(_ body: ([UInt8]) -> Void) {
        if case .write(_, let value, _) = self { body(value) }
    }
}

extension ClientReply {
    /// Calls `body` with every value of the reply: a read's versions, a
    /// write's new version and the siblings it stands beside.
    public func forEachValue(_ body: ([UInt8]) -> Void) {
        switch self {
        case .read(let r):
            for version in r.versions { if let value = version.value { body(value) } }
        case .write(let w):
            if let value = w.version.value { body(value) }
            for version in w.siblings { if let value = version.value { body(value) } }
        }
    }
}

extension ReplicaMessage {
    /// Calls `body` with every value the message carries.
    public func forEachValue(_ body: ([UInt8]) -> Void) {
        switch self {
        case .heartbeat, .replicateAck, .readRequest, .hintAck, .antiEntropyDigest:
            break
        case .replicate(_, _, let state, _), .readResponse(_, _, let state), .readRepair(_, let state),
             .hint(_, _, let state):
            state.forEachValue(body)
        case .forward(_, let request):
            request.forEachValue(body)
        case .forwardResult(_, let result):
            if case .success(let reply) = result { reply.forEachValue(body) }
        case .antiEntropyReply(let states, _), .antiEntropyPush(let states):
            for keyed in states { keyed.state.forEachValue(body) }
        }
    }
}
