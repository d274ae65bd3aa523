import SimKernel

/// A node's dense index in its ``Topology``.
public struct NodeID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let index: Int32
    @inlinable public init(_ index: Int) { self.index = Int32(index) }
    @inlinable public static func < (a: NodeID, b: NodeID) -> Bool { a.index < b.index }
    public var description: String { "node#\(index)" }
}

/// A directed link's dense index: connection `c` owns links `2c` (a to b) and `2c + 1` (b to a).
public struct LinkID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let index: Int32
    @inlinable public init(_ index: Int) { self.index = Int32(index) }
    @inlinable public static func < (a: LinkID, b: LinkID) -> Bool { a.index < b.index }
    /// The connection this direction belongs to.
    @inlinable public var connection: ConnectionID { ConnectionID(Int(index >> 1)) }
    public var description: String { "link#\(index)" }
}

/// A bidirectional connection's dense index.
public struct ConnectionID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let index: Int32
    @inlinable public init(_ index: Int) { self.index = Int32(index) }
    @inlinable public static func < (a: ConnectionID, b: ConnectionID) -> Bool { a.index < b.index }
    /// The a-to-b direction.
    @inlinable public var forward: LinkID { LinkID(Int(index) * 2) }
    /// The b-to-a direction.
    @inlinable public var reverse: LinkID { LinkID(Int(index) * 2 + 1) }
    public var description: String { "connection#\(index)" }
}

/// One node of the deployment.
public struct Node: Hashable, Sendable {
    public let id: NodeID
    /// Unique, stable name: "cloud-0", "region-3", "store-17", "device-17-4".
    public let name: String
    public let tier: Tier
    /// The primary parent (the first uplink's far end); nil for cloud nodes.
    public internal(set) var parent: NodeID?
    /// The region index this node belongs to (nil for the cloud).
    public let region: Int?
    /// The global store index this node belongs to (nil above the store tier).
    public let store: Int?
}

/// How a connection came to be, which decides how routing uses it.
public enum ConnectionKind: Hashable, Sendable {
    /// Child to parent in the tree (the child's uplink).
    case uplink
    /// Between two nodes of the same tier (store to store, cloud to cloud).
    case peer
}

/// A bidirectional connection between two nodes; each direction has its own spec.
public struct Connection: Hashable, Sendable {
    public let id: ConnectionID
    /// For an uplink, the child.
    public let a: NodeID
    /// For an uplink, the parent.
    public let b: NodeID
    public let kind: ConnectionKind
    /// The a-to-b direction (upstream for an uplink).
    public var forwardSpec: LinkSpec
    /// The b-to-a direction (downstream for an uplink).
    public var reverseSpec: LinkSpec
}

/// The nodes of a deployment and the connections between them.
///
/// Nodes and connections live in arrays indexed by their dense ids. Names are
/// unique; ``node(named:)`` finds a node by name.
public struct Topology: Sendable {
    public private(set) var nodes: [Node] = []
    public private(set) var connections: [Connection] = []
    /// Per node: its uplink directions (child to parent), primary first.
    public internal(set) var uplinks: [[LinkID]] = []
    /// Per node: its peer links (outgoing directions), in creation order.
    public internal(set) var peerLinks: [[LinkID]] = []
    private var byName: [String: NodeID] = [:]

    public init() {}

    /// The number of directed links (twice the connections).
    public var linkCount: Int { connections.count * 2 }

    /// The node called `name`, if any.
    public func node(named name: String) -> NodeID? { byName[name] }

    public subscript(_ id: NodeID) -> Node { nodes[Int(id.index)] }

    /// The connection a directed link belongs to.
    public func connection(of link: LinkID) -> Connection { connections[Int(link.index >> 1)] }

    /// The sending end of a directed link.
    public func source(of link: LinkID) -> NodeID {
        let c = connection(of: link)
        return link.index & 1 == 0 ? c.a : c.b
    }

    /// The receiving end of a directed link.
    public func destination(of link: LinkID) -> NodeID {
        let c = connection(of: link)
        return link.index & 1 == 0 ? c.b : c.a
    }

    /// The spec of a directed link.
    public func spec(of link: LinkID) -> LinkSpec {
        let c = connection(of: link)
        return link.index & 1 == 0 ? c.forwardSpec : c.reverseSpec
    }

    /// Adds a node.
    ///
    /// - Precondition: `name` is not taken.
    @discardableResult
    public mutating func addNode(name: String, tier: Tier, region: Int? = nil, store: Int? = nil) -> NodeID {
        precondition(byName[name] == nil, "duplicate node name \(name)")
        let id = NodeID(nodes.count)
        nodes.append(Node(id: id, name: name, tier: tier, parent: nil, region: region, store: store))
        uplinks.append([])
        peerLinks.append([])
        byName[name] = id
        return id
    }

    /// Connects a child to a parent one tier up. The first uplink of a node is
    /// its primary one; later ones (a store with two uplinks) are fallbacks.
    ///
    /// - Parameters:
    ///   - up: the child-to-parent direction.
    ///   - down: the parent-to-child direction (defaults to `up`).
    @discardableResult
    public mutating func connectUplink(child: NodeID, parent: NodeID, up: LinkSpec, down: LinkSpec? = nil) -> ConnectionID {
        precondition(self[child].tier < self[parent].tier, "an uplink goes from a lower tier to a higher one")
        let id = append(a: child, b: parent, kind: .uplink, forward: up, reverse: down ?? up)
        if nodes[Int(child.index)].parent == nil { nodes[Int(child.index)].parent = parent }
        uplinks[Int(child.index)].append(id.forward)
        return id
    }

    /// Connects two nodes of the same tier directly (store to store, cloud to cloud).
    @discardableResult
    public mutating func connectPeers(_ a: NodeID, _ b: NodeID, spec: LinkSpec, reverse: LinkSpec? = nil) -> ConnectionID {
        precondition(a != b, "a peer link needs two nodes")
        let id = append(a: a, b: b, kind: .peer, forward: spec, reverse: reverse ?? spec)
        peerLinks[Int(a.index)].append(id.forward)
        peerLinks[Int(b.index)].append(id.reverse)
        return id
    }

    /// Replaces the specs of both directions of a connection.
    public mutating func setSpecs(_ id: ConnectionID, forward: LinkSpec, reverse: LinkSpec) {
        connections[Int(id.index)].forwardSpec = forward
        connections[Int(id.index)].reverseSpec = reverse
    }

    private mutating func append(a: NodeID, b: NodeID, kind: ConnectionKind, forward: LinkSpec, reverse: LinkSpec) -> ConnectionID {
        let id = ConnectionID(connections.count)
        connections.append(Connection(id: id, a: a, b: b, kind: kind, forwardSpec: forward, reverseSpec: reverse))
        return id
    }

    /// Whether `ancestor` is `node` itself or one of its primary parents.
    @inlinable
    public func isAncestor(_ ancestor: NodeID, ofOrSelf node: NodeID) -> Bool {
        var current: NodeID? = node
        while let c = current {
            if c == ancestor { return true }
            current = nodes[Int(c.index)].parent
        }
        return false
    }

    /// The child of `ancestor` on the primary-parent path down to `node`.
    ///
    /// - Precondition: `ancestor` is a strict ancestor of `node`.
    public func childToward(_ node: NodeID, from ancestor: NodeID) -> NodeID {
        var current = node
        while let p = nodes[Int(current.index)].parent {
            if p == ancestor { return current }
            current = p
        }
        preconditionFailure("\(ancestor) is not an ancestor of \(node)")
    }
}
