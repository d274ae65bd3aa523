import Replication
import Scenario
import SimKernel
import SimNetwork

/// The probe experiment: N replicas, a writer node and a reader node each
/// linked directly to every replica, and probes that write a fresh key and
/// read it after each delay of a list, from the other node.
///
/// The four legs of Bailis et al.'s WARS model map to the four link
/// directions of the star: ``write`` (writer to replica), ``ack`` (replica to
/// writer), ``readRequest`` (reader to replica) and ``readResponse`` (replica
/// to reader). Replicas talk among themselves over ``replicaLatency``.
public struct ProbeSettings: Sendable {
    /// Replicas in the group. Default 3.
    public var replicas = 3
    /// N, R and W. Defaults 3, 1, 1.
    public var replicationFactor = 3
    public var readQuorum = 1
    public var writeQuorum = 1
    /// Default ``CoordinatorPlacement/client``.
    public var coordinator = CoordinatorPlacement.client
    /// Probes, one every ``probeInterval`` from ``start``.
    public var probes = 2_000
    public var probeInterval = SimDuration.milliseconds(500)
    /// When the first probe writes: after the failure detectors settled.
    public var start = SimDuration.seconds(1)
    /// Delays after a write's acknowledgement at which it is read.
    public var delays: [SimDuration] = [.zero, .milliseconds(1), .milliseconds(10), .milliseconds(100)]
    /// Leg latencies, seconds.
    public var write: Distribution
    public var ack: Distribution
    public var readRequest: Distribution
    public var readResponse: Distribution
    public var replicaLatency: Distribution
    /// Ordering on every link. Default per flow.
    public var ordering = LinkOrdering.flow
    /// Read repair (off by default: a repair by the read at one delay would
    /// change what the read at the next delay sees, which the WARS model
    /// leaves out).
    public var readRepair = false
    /// A fault: replica `index`'s links to the clients multiplied in latency
    /// by `factor` for the whole run (a slow replica).
    public var slowReplica: (index: Int, factor: Double)? = nil
    /// A fault: a replica cut off from every client for a while.
    public var cutWindow: ProbeCut? = nil

    /// Every leg drawn from `leg`; replicas `replicaLatency` apart (default `leg`).
    public init(leg: Distribution, replicaLatency: Distribution? = nil) {
        write = leg
        ack = leg
        readRequest = leg
        readResponse = leg
        self.replicaLatency = replicaLatency ?? leg
    }

    /// The library's other knobs (timeouts, heartbeats, sloppy quorum,
    /// anti-entropy), as a scenario's `replication:` section gives them; nil
    /// for the experiment's own (no sloppy quorum, no anti-entropy, 1 s
    /// timeout, 100 ms heartbeats).
    public var library: ReplicationConfiguration? = nil

    /// The replication configuration of the group (replica ids 0..<replicas).
    public var configuration: ReplicationConfiguration {
        if var c = library {
            c.group = (0..<replicas).map { ReplicaID(Int32($0)) }
            c.homePinning = .disabled
            c.replicationFactor = replicationFactor
            c.readQuorum = readQuorum
            c.writeQuorum = writeQuorum
            c.readRepair = readRepair
            return c
        }
        return ReplicationConfiguration(group: (0..<replicas).map { ReplicaID(Int32($0)) }) {
            $0.replicationFactor = replicationFactor
            $0.readQuorum = readQuorum
            $0.writeQuorum = writeQuorum
            $0.sloppyQuorum = false
            $0.readRepair = readRepair
            $0.antiEntropy = false
            $0.requestTimeout = .seconds(1)
            $0.heartbeatInterval = .milliseconds(100)
            $0.suspicionTimeout = .milliseconds(500)
        }
    }
}

/// A replica cut off from every client (writer and readers, both ways)
/// from `from` until `until`.
public struct ProbeCut: Sendable, Hashable {
    public var replica: Int
    public var from: SimDuration
    public var until: SimDuration

    public init(replica: Int, from: SimDuration, until: SimDuration) {
        self.replica = replica
        self.from = from
        self.until = until
    }
}
