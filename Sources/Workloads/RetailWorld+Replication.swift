import SimKernel
import SimNetwork

/// The retail world's replica driver, held by reference.
///
/// The world's event handlers call into it out of line, passing only the
/// network `inout`: a call that takes the whole world `inout` would make the
/// optimiser assume every field of the world changed and reload them on the
/// hot paths, which cost the retail world without replication several per
/// cent. The world runs once and is never copied while it runs, so the
/// reference is not shared.
final class ReplicaDriverBox {
    var driver: ReplicaDriver

    init(_ driver: ReplicaDriver) { self.driver = driver }

    @inline(never)
    func handle(_ event: ReplicaEvent, network: inout Network<RetailPayload>, sim: inout Simulation<RetailEvent>) {
        driver.handle(event, network: &network, sim: &sim)
    }

    @inline(never)
    func deliver(_ handle: ReplicaPacketHandle, from source: NodeID, to destination: NodeID,
                 network: inout Network<RetailPayload>, sim: inout Simulation<RetailEvent>) {
        driver.deliver(handle, from: source, to: destination, network: &network, sim: &sim)
    }

    /// The inventory holder writes each change through its replica.
    @inline(never)
    func write(_ changes: [(key: Int, units: Int32)], by holder: NodeID, network: inout Network<RetailPayload>,
               sim: inout Simulation<RetailEvent>) {
        for change in changes {
            driver.write(key: change.key, units: change.units, by: holder, network: &network, sim: &sim)
        }
    }
}
