import Replication

/// Who coordinates a client's requests.
public enum CoordinatorPlacement: String, Hashable, Sendable, CaseIterable {
    /// The client hands its request to the key's first owner, which
    /// coordinates it (``Replica/submit(_:now:)``): its own copy is the first
    /// reply and its own write the first acknowledgement.
    case owner
    /// The client sends to all N owners itself and counts R and W
    /// (``ClientCoordinator``).
    case client
}
