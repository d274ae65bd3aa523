// Serving client coordinators: senders outside the group that send requests
// to every owner themselves (see ClientCoordinator).

extension Replica {
    /// Serves a ``ClientCoordinator``'s message about a key this replica owns:
    /// stores and acknowledges a write, answers a read, merges a repair.
    /// Hints, forwarding and the failure detector are the group's business;
    /// a client's other messages, and messages about keys owned elsewhere,
    /// are ignored.
    mutating func serveClientCoordinator(
        _ message: ReplicaMessage, from client: ReplicaID, into effects: inout [ReplicaEffect]
    ) {
        switch message {
        case .replicate(let operation, let key, let state, nil) where owners(of: key).contains(id):
            mergeIntoStore(key: key, state: state)
            effects.append(.send(.replicateAck(operation: operation), to: client))
        case .readRequest(let operation, let key) where owners(of: key).contains(id):
            effects.append(.send(.readResponse(operation: operation, key: key, state: localView(of: key)), to: client))
        case .readRepair(let key, let state) where owners(of: key).contains(id):
            mergeIntoStore(key: key, state: state)
        default:
            return
        }
    }
}
