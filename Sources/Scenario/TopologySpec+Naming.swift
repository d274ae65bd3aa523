import Foundation
import SimKernel
import SimNetwork

/// The names `Topology.tree` gives to the nodes of a deployment, worked out
/// from the counts alone (without building the topology).
///
/// "cloud-C", "region-R", "store-S" with S global and region-major
/// (S = R × storesPerRegion + s), "device-S-D", and, when a store has more
/// than one server, "store-S/server-K" for its further servers K = 1, 2, ...
/// ("store-S" is its first server, the one its cameras hang off). Numbers are
/// written in plain decimal, without leading zeros.
struct NodeNaming: Hashable, Sendable {
    // While a scenario is being validated a count may be missing or wrong;
    // nil then means "unknown", and every index it would bound is accepted,
    // so that the names the known counts rule out are still reported.
    var regions: Int?
    var storesPerRegion: Int?
    var camerasPerStore: Int?
    var cloudNodes: Int?
    /// Servers per store; "store-S" is the first.
    var serversPerStore: Int? = 1

    /// Whether every count is known, so that links can be checked too.
    var isComplete: Bool {
        regions != nil && storesPerRegion != nil && camerasPerStore != nil && cloudNodes != nil && serversPerStore != nil
    }

    /// A name taken apart.
    enum Parsed: Hashable, Sendable {
        case cloud(Int)
        case region(Int)
        case store(Int)
        case device(store: Int, index: Int)
        /// A further server of a store, K ≥ 1.
        case server(store: Int, index: Int)

        var tier: Tier {
            switch self {
            case .cloud: return .cloud
            case .region: return .region
            case .store, .server: return .store
            case .device: return .device
            }
        }

        var name: String {
            switch self {
            case .cloud(let c): return "cloud-\(c)"
            case .region(let r): return "region-\(r)"
            case .store(let s): return "store-\(s)"
            case .device(let s, let d): return "device-\(s)-\(d)"
            case .server(let s, let k): return "store-\(s)/server-\(k)"
            }
        }
    }

    var storeCount: Int? {
        guard let regions, let storesPerRegion else { return nil }
        return regions * storesPerRegion
    }

    /// Takes a name apart; nil unless it is written exactly as generated.
    static func parse(_ name: String) -> Parsed? {
        let halves = name.split(separator: "/", omittingEmptySubsequences: false)
        if halves.count == 2 {
            guard case .store(let s)? = parse(String(halves[0])), halves[1].hasPrefix("server-"),
                  case .store(let k)? = parse("store-" + halves[1].dropFirst("server-".count)), k >= 1 else { return nil }
            return .server(store: s, index: k)
        }
        guard halves.count == 1 else { return nil }
        let parts = name.split(separator: "-", omittingEmptySubsequences: false)
        func number(_ s: Substring) -> Int? {
            guard !s.isEmpty, s.count <= 9, s.allSatisfy({ $0.isASCII && $0.isNumber }),
                  s == "0" || !s.hasPrefix("0") else { return nil }
            return Int(s)
        }
        switch (parts.first, parts.count) {
        case ("cloud", 2): return number(parts[1]).map { .cloud($0) }
        case ("region", 2): return number(parts[1]).map { .region($0) }
        case ("store", 2): return number(parts[1]).map { .store($0) }
        case ("device", 3):
            guard let s = number(parts[1]), let d = number(parts[2]) else { return nil }
            return .device(store: s, index: d)
        default: return nil
        }
    }

    /// The node called `name`, if the deployment has one.
    func node(named name: String) -> Parsed? {
        guard let parsed = Self.parse(name), exists(parsed) else { return nil }
        return parsed
    }

    func exists(_ node: Parsed) -> Bool {
        switch node {
        case .cloud(let c): return c < cloudNodes ?? .max
        case .region(let r): return r < regions ?? .max
        case .store(let s): return s < storeCount ?? .max
        case .device(let s, let d): return s < storeCount ?? .max && d < camerasPerStore ?? .max
        case .server(let s, let k): return s < storeCount ?? .max && k < serversPerStore ?? .max
        }
    }

    /// The primary parent in the tree; nil for cloud nodes (and when the
    /// count that decides it is unknown).
    func parent(of node: Parsed) -> Parsed? {
        switch node {
        case .cloud: return nil
        case .region(let r): return cloudNodes.map { .cloud(r % max($0, 1)) }
        case .store(let s), .server(let s, _): return storesPerRegion.map { .region(s / max($0, 1)) }
        case .device(let s, _): return .store(s)
        }
    }

    /// Whether the tree itself joins the two nodes (an uplink, two cloud
    /// nodes, or a store's further server and its first).
    func treeLinks(_ a: Parsed, _ b: Parsed) -> Bool {
        if parent(of: a) == b || parent(of: b) == a { return true }
        if case .cloud = a, case .cloud = b, a != b { return true }
        if case .server(let s, _) = a, b == .store(s) { return true }
        if case .server(let s, _) = b, a == .store(s) { return true }
        return false
    }

    /// Why no node is called `name`, with the names that do exist; nil when one is.
    func problem(with name: String) -> String {
        guard let parsed = Self.parse(name) else {
            let hint = Self.canonical(name).map { "; did you mean \"\($0)\"?" }
                ?? "; nodes are named cloud-C, region-R, store-S, store-S/server-K and device-S-D"
            return "no node is called \"\(name)\"\(hint)"
        }
        let range: String
        // Only called for a name that does not exist, so the count it breaks is known.
        switch parsed {
        case .cloud: range = span("cloud", cloudNodes ?? 0)
        case .region: range = span("region", regions ?? 0)
        case .store: range = span("store", storeCount ?? 0)
        case .device(let s, _):
            let cameras = camerasPerStore ?? 0
            if let storeCount, s >= storeCount {
                range = "device-S-D needs a store S: \(span("store", storeCount))"
            } else if cameras == 0 {
                range = "stores have no cameras"
            } else {
                range = "store-\(s) has device-\(s)-0 to device-\(s)-\(cameras - 1)"
            }
        case .server(let s, _):
            let servers = serversPerStore ?? 1
            if let storeCount, s >= storeCount {
                range = "store-S/server-K needs a store S: \(span("store", storeCount))"
            } else if servers <= 1 {
                range = "stores have one server each (servers_per_store: 1)"
            } else {
                range = "store-\(s) has store-\(s)/server-1 to store-\(s)/server-\(servers - 1)"
            }
        }
        return "no node is called \"\(name)\"; \(range)"
    }

    private func span(_ prefix: String, _ count: Int) -> String {
        switch count {
        case 0: return "there are no \(prefix) nodes"
        case 1: return "the only one is \(prefix)-0"
        default: return "they run from \(prefix)-0 to \(prefix)-\(count - 1)"
        }
    }

    /// The generated spelling of a near miss: "Store-03" or "store_3" for "store-3".
    private static func canonical(_ name: String) -> String? {
        var text = name.lowercased().replacingOccurrences(of: "_", with: "-").replacingOccurrences(of: " ", with: "-")
        for prefix in ["cloud", "region", "store", "device"] where text.hasPrefix(prefix) && !text.hasPrefix(prefix + "-") {
            text = prefix + "-" + text.dropFirst(prefix.count)
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).enumerated().map { i, part in
            i > 0 && part.count > 1 && part.allSatisfy({ $0.isASCII && $0.isNumber })
                ? String(Int(part) ?? 0) : String(part)
        }
        return parse(parts.joined(separator: "-"))?.name
    }
}

extension TopologySpec {
    var naming: NodeNaming {
        NodeNaming(regions: regions, storesPerRegion: storesPerRegion, camerasPerStore: camerasPerStore,
                   cloudNodes: cloudNodes, serversPerStore: serversPerStore)
    }

    /// The number of nodes the tree has: cloud nodes, regions, store servers and devices.
    public var nodeCount: Int {
        cloudNodes + regions + regions * storesPerRegion * (serversPerStore + camerasPerStore)
    }

    /// The name of server `k` of store `s`: "store-S" for the first, "store-S/server-K" after.
    public static func serverName(store s: Int, index k: Int) -> String {
        k == 0 ? "store-\(s)" : "store-\(s)/server-\(k)"
    }

    /// Whether the deployment has a node called `name` ("store-17", "device-3-0").
    public func hasNode(named name: String) -> Bool { naming.node(named: name) != nil }

    /// The tier of the node called `name`; nil when there is no such node.
    public func tier(ofNode name: String) -> Tier? { naming.node(named: name)?.tier }

    /// The name of the node's primary parent in the tree ("region-0" for
    /// "store-17" with 25 stores per region); nil for cloud nodes and unknown names.
    public func parentName(ofNode name: String) -> String? {
        naming.node(named: name).flatMap { naming.parent(of: $0) }?.name
    }

    /// Whether a connection joins the two nodes: an uplink of the tree, the
    /// peer link between two cloud nodes, or one of ``extraLinks``.
    public func areLinked(_ a: String, _ b: String) -> Bool {
        guard let x = naming.node(named: a), let y = naming.node(named: b), x != y else { return false }
        if naming.treeLinks(x, y) { return true }
        return extraLinks.contains { ($0.a == a && $0.b == b) || ($0.a == b && $0.b == a) }
    }
}
