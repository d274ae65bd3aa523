/// Why a client request failed.
public struct ReplicationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public enum Kind: Hashable, Sendable {
        /// Too few replicas are reachable (not suspected) to make the
        /// quorum, so the request was refused before anything was sent.
        case quorumUnavailable
        /// The quorum did not answer within the request timeout. A write
        /// that times out may still have been applied by some replicas.
        case timeout
        /// The replica asked is crashed (the driver submitted to it anyway).
        case replicaDown
    }

    /// The kind of failure.
    public let kind: Kind
    /// Responses or acknowledgements the operation needed (R or W).
    public let needed: Int
    /// How many it had (reachable replicas for `.quorumUnavailable`,
    /// answers received for `.timeout`).
    public let got: Int

    /// An error.
    public init(_ kind: Kind, needed: Int, got: Int) {
        self.kind = kind
        self.needed = needed
        self.got = got
    }

    /// Too few reachable replicas.
    public static func quorumUnavailable(needed: Int, got: Int) -> ReplicationError {
        ReplicationError(.quorumUnavailable, needed: needed, got: got)
    }

    /// No quorum within the request timeout.
    public static func timeout(needed: Int, got: Int) -> ReplicationError {
        ReplicationError(.timeout, needed: needed, got: got)
    }

    /// The replica is crashed.
    public static let replicaDown = ReplicationError(.replicaDown, needed: 0, got: 0)

    /// `quorum unavailable: needed 2, got 1`, for example.
    public var description: String {
        switch kind {
        case .quorumUnavailable: "quorum unavailable: needed \(needed), got \(got)"
        case .timeout: "timeout: needed \(needed), got \(got)"
        case .replicaDown: "replica down"
        }
    }
}
