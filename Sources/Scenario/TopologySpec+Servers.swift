import SimNetwork

extension TopologySpec {
    /// Adds each store's further servers to a tree built from ``treeShape``.
    ///
    /// Server K ≥ 1 of store S is the store-tier node "store-S/server-K", with
    /// its own uplink to the store's region (the `store_region` settings) and
    /// a LAN link to "store-S" (the `device_store` settings), through which
    /// the store's cameras reach it. Nodes and connections are appended after
    /// the tree's, so with one server per store the topology is unchanged.
    ///
    /// - Throws: ``LinkSpecError`` when a setting cannot work (a validated
    ///   scenario's settings always can).
    public func addStoreServers(to topology: inout Topology) throws(LinkSpecError) {
        guard serversPerStore > 1 else { return }
        let uplink = try storeRegion.spec(), lan = try deviceStore.spec()
        for s in 0..<(regions * storesPerRegion) {
            guard let first = topology.node(named: "store-\(s)"), let region = topology[first].parent else {
                preconditionFailure("the tree has no store-\(s) under a region")
            }
            for k in 1..<serversPerStore {
                let server = topology.addNode(name: Self.serverName(store: s, index: k), tier: .store,
                                              region: topology[first].region, store: s)
                topology.connectUplink(child: server, parent: region, up: uplink)
                topology.connectPeers(first, server, spec: lan)
            }
        }
    }
}
