import Foundation
import Scheduling

/// The servers behind one node of a server tier (each store node, each
/// regional aggregator): what the simulation, the scheduler and the bill
/// all take that node to be.
///
/// A node of the topology is one network attachment; `servers` servers sit
/// behind it, pooled. Its inference pool is ``slots`` (servers × slots per
/// server), the scheduler sees one node of ``capacity`` (servers × one
/// server's CPU and memory) that costs ``nodePricePerHour``, and the bill
/// prices `servers` server-hours per node-hour.
public struct NodeServers: Sendable, Hashable {
    /// Servers behind each node of the tier.
    public var servers: Int
    /// Frames one server analyses at once.
    public var slotsPerServer: Int
    /// CPU of one server in millicores, as the scheduler counts it.
    public var millicores: Int
    /// Memory of one server in MiB; nil: 2 MiB per millicore, the
    /// proportion the scheduler's requests use, so that CPU decides.
    public var memoryMiB: Int64?
    /// Price of one server per hour.
    public var pricePerHour: Decimal

    /// `servers` servers of `slotsPerServer` slots, `millicores` of CPU and
    /// `memoryMiB` of memory (nil: in proportion to the CPU) each, at
    /// `pricePerHour` each.
    public init(servers: Int = 1, slotsPerServer: Int, millicores: Int, memoryMiB: Int64? = nil, pricePerHour: Decimal) {
        self.servers = servers
        self.slotsPerServer = slotsPerServer
        self.millicores = millicores
        self.memoryMiB = memoryMiB
        self.pricePerHour = pricePerHour
    }

    /// Memory of one server in MiB, as set or in proportion to its CPU.
    public var serverMemoryMiB: Int64 { memoryMiB ?? NodeServers.memoryMiB(millicores: millicores) }

    /// Inference slots of one node: servers × slots per server.
    public var slots: Int { servers * slotsPerServer }

    /// What one node offers the scheduler: servers × one server's CPU and memory.
    public var capacity: Resources {
        Resources(milliCPU: Int64(servers) * Int64(millicores), memoryMiB: Int64(servers) * serverMemoryMiB)
    }

    /// What running one node costs per hour: servers × the price of one.
    public var nodePricePerHour: Decimal { Decimal(servers) * pricePerHour }

    /// The memory that goes with `millicores` when none is set: 2 MiB per
    /// millicore, as the scheduler's workload requests ask.
    public static func memoryMiB(millicores: Int) -> Int64 { 2 * Int64(millicores) }
}
