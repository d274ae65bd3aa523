import SimKernel

/// How a link orders the messages waiting for it.
public enum LinkDiscipline: String, Hashable, Sendable, CaseIterable {
    /// First come, first served, whatever the class.
    case fifo
    /// Strict priority by ``TrafficClass`` (alerts first), FIFO within a class.
    /// A message being sent is never pre-empted.
    case priority
}

/// A link spec that cannot work, and which field is wrong.
public struct LinkSpecError: Error, Hashable, Sendable, CustomStringConvertible {
    /// "bandwidth", "loss", "queueLimit", "latency".
    public let field: String
    public let requirement: String
    public var description: String { "\(field) \(requirement)" }
}

/// One direction of a link: propagation latency, bandwidth, loss, queue.
///
/// A message waits for the link, holds it for `size × 8 / bandwidth`, then
/// arrives one propagation latency later (drawn per message from `latency`,
/// in seconds). It may be lost on the way with probability `loss`, or dropped
/// on arrival at the queue when the bytes waiting or being sent would exceed
/// `queueLimitBytes`.
public struct LinkSpec: Hashable, Sendable {
    /// Propagation latency, seconds; drawn per message.
    public var latency: Distribution
    /// Bits per second.
    public var bandwidth: Double
    /// Probability that a message is lost on the wire, in [0, 1).
    public var loss: Double
    /// Bytes that may wait or be in transmission; nil for unbounded.
    public var queueLimitBytes: Int?
    public var discipline: LinkDiscipline
    /// Which messages may overtake which when their latency draws differ.
    /// Default ``LinkOrdering/flow``: order is kept per source, destination
    /// and class, as a connection keeps it.
    public var ordering: LinkOrdering

    /// The ordering as the older boolean: `true` is ``LinkOrdering/none``,
    /// `false` is ``LinkOrdering/link`` (reading it under ``LinkOrdering/flow``
    /// gives `false`: flows are ordered).
    public var reorder: Bool {
        get { ordering == .none }
        set { ordering = newValue ? .none : .link }
    }

    /// A validated spec.
    ///
    /// - Throws: ``LinkSpecError`` for a bandwidth that is not positive and
    ///   finite, a loss outside [0, 1), or a queue limit below one byte.
    public init(latency: Distribution, bandwidth: Double, loss: Double = 0, queueLimitBytes: Int? = nil,
                discipline: LinkDiscipline = .fifo, ordering: LinkOrdering = .flow) throws(LinkSpecError) {
        guard bandwidth.isFinite, bandwidth > 0 else {
            throw LinkSpecError(field: "bandwidth", requirement: "must be a positive number of bits per second")
        }
        guard loss.isFinite, loss >= 0, loss < 1 else {
            throw LinkSpecError(field: "loss", requirement: "must be a probability in [0, 1)")
        }
        if let q = queueLimitBytes, q < 1 {
            throw LinkSpecError(field: "queueLimit", requirement: "must be at least one byte")
        }
        self.latency = latency
        self.bandwidth = bandwidth
        self.loss = loss
        self.queueLimitBytes = queueLimitBytes
        self.discipline = discipline
        self.ordering = ordering
    }

    /// A validated spec with the ordering given as the older boolean:
    /// `reorder: true` is ``LinkOrdering/none``, `false` is ``LinkOrdering/link``.
    ///
    /// - Throws: as ``init(latency:bandwidth:loss:queueLimitBytes:discipline:ordering:)``.
    public init(latency: Distribution, bandwidth: Double, loss: Double = 0, queueLimitBytes: Int? = nil,
                discipline: LinkDiscipline = .fifo, reorder: Bool) throws(LinkSpecError) {
        try self.init(latency: latency, bandwidth: bandwidth, loss: loss, queueLimitBytes: queueLimitBytes,
                      discipline: discipline, ordering: reorder ? .none : .link)
    }

    /// A spec with a fixed latency.
    public static func fixed(latency: SimDuration, bandwidth: Double, loss: Double = 0) throws(LinkSpecError) -> LinkSpec {
        let constant: Distribution
        do { constant = try .constant(latency.seconds) } catch {
            throw LinkSpecError(field: "latency", requirement: "must be finite")
        }
        return try LinkSpec(latency: constant, bandwidth: bandwidth, loss: loss)
    }
}

/// The shape of a generated tree deployment.
public struct TreeShape: Hashable, Sendable {
    public var regions: Int
    public var storesPerRegion: Int
    public var devicesPerStore: Int
    public var cloudNodes: Int

    public init(regions: Int, storesPerRegion: Int, devicesPerStore: Int, cloudNodes: Int = 1) {
        self.regions = regions
        self.storesPerRegion = storesPerRegion
        self.devicesPerStore = devicesPerStore
        self.cloudNodes = cloudNodes
    }
}

/// Link specs per tier boundary for a generated tree; `up` is child to parent.
public struct TierLinks: Hashable, Sendable {
    public var deviceStoreUp: LinkSpec
    public var deviceStoreDown: LinkSpec
    public var storeRegionUp: LinkSpec
    public var storeRegionDown: LinkSpec
    public var regionCloudUp: LinkSpec
    public var regionCloudDown: LinkSpec
    /// Between cloud nodes, when there are several.
    public var cloudPeer: LinkSpec

    /// The same spec in both directions at each boundary.
    public init(deviceStore: LinkSpec, storeRegion: LinkSpec, regionCloud: LinkSpec, cloudPeer: LinkSpec? = nil) {
        deviceStoreUp = deviceStore
        deviceStoreDown = deviceStore
        storeRegionUp = storeRegion
        storeRegionDown = storeRegion
        regionCloudUp = regionCloud
        regionCloudDown = regionCloud
        self.cloudPeer = cloudPeer ?? regionCloud
    }
}

extension Topology {
    /// Builds the tree: cloud nodes, regions under them (region r under cloud
    /// r mod cloudNodes), stores under regions, devices under stores. Cloud
    /// nodes are connected pairwise as peers.
    ///
    /// Names: "cloud-C", "region-R", "store-S" (S global, region-major),
    /// "device-S-D". Ids are assigned in that order, so the same shape always
    /// gives the same ids.
    public static func tree(_ shape: TreeShape, links: TierLinks) -> Topology {
        precondition(shape.cloudNodes >= 1 && shape.regions >= 0 && shape.storesPerRegion >= 0 && shape.devicesPerStore >= 0)
        var t = Topology()
        let clouds = (0..<shape.cloudNodes).map { t.addNode(name: "cloud-\($0)", tier: .cloud) }
        for i in 0..<clouds.count {
            for j in (i + 1)..<clouds.count { t.connectPeers(clouds[i], clouds[j], spec: links.cloudPeer) }
        }
        for r in 0..<shape.regions {
            let region = t.addNode(name: "region-\(r)", tier: .region, region: r)
            t.connectUplink(child: region, parent: clouds[r % clouds.count], up: links.regionCloudUp, down: links.regionCloudDown)
            for s in 0..<shape.storesPerRegion {
                let storeIndex = r * shape.storesPerRegion + s
                let store = t.addNode(name: "store-\(storeIndex)", tier: .store, region: r, store: storeIndex)
                t.connectUplink(child: store, parent: region, up: links.storeRegionUp, down: links.storeRegionDown)
                for d in 0..<shape.devicesPerStore {
                    let device = t.addNode(name: "device-\(storeIndex)-\(d)", tier: .device, region: r, store: storeIndex)
                    t.connectUplink(child: device, parent: store, up: links.deviceStoreUp, down: links.deviceStoreDown)
                }
            }
        }
        return t
    }
}
