import SimNetwork

extension TopologySpec {
    /// The deployment as the simulator runs it: the tree (cloud nodes,
    /// regions, stores, devices), each store's further servers, and the
    /// extra links. Every world and test builds its topology here.
    ///
    /// Node ids follow that order, so with one server per store and no
    /// extra links the topology is exactly `Topology.tree`'s.
    ///
    /// - Throws: ``LinkSpecError`` when a setting cannot work (a validated
    ///   scenario's settings always can).
    public func build() throws(LinkSpecError) -> Topology {
        var links = TierLinks(deviceStore: try deviceStore.spec(.up), storeRegion: try storeRegion.spec(.up),
                              regionCloud: try regionCloud.spec(.up))
        links.deviceStoreDown = try deviceStore.spec(.down)
        links.storeRegionDown = try storeRegion.spec(.down)
        links.regionCloudDown = try regionCloud.spec(.down)
        var topology = Topology.tree(
            TreeShape(regions: regions, storesPerRegion: storesPerRegion, devicesPerStore: camerasPerStore,
                      cloudNodes: cloudNodes),
            links: links)
        try addStoreServers(to: &topology)
        for extra in extraLinks {
            guard let a = topology.node(named: extra.a), let b = topology.node(named: extra.b) else {
                preconditionFailure("extra link names an unknown node: validation should have refused it")
            }
            switch extra.kind {
            case .peer:
                topology.connectPeers(a, b, spec: try extra.settings.spec(.up), reverse: try extra.settings.spec(.down))
            case .uplink:
                topology.connectUplink(child: a, parent: b, up: try extra.settings.spec(.up), down: try extra.settings.spec(.down))
            }
        }
        return topology
    }

    /// Adds each store's further servers to the tree.
    ///
    /// Server K ≥ 1 of store S is the store-tier node "store-S/server-K", with
    /// its own uplink to the store's region (the `store_region` settings) and
    /// a LAN link to "store-S" (the `device_store` settings), through which
    /// the store's cameras reach it. Nodes and connections are appended after
    /// the tree's, so with one server per store the topology is unchanged.
    private func addStoreServers(to topology: inout Topology) throws(LinkSpecError) {
        guard serversPerStore > 1 else { return }
        let uplink = try storeRegion.spec(.up), downlink = try storeRegion.spec(.down)
        // The LAN from the cameras' server to a further one carries frames
        // the way a camera's uplink does: its up direction is toward the server.
        let lanUp = try deviceStore.spec(.up), lanDown = try deviceStore.spec(.down)
        for s in 0..<(regions * storesPerRegion) {
            guard let first = topology.node(named: "store-\(s)"), let region = topology[first].parent else {
                preconditionFailure("the tree has no store-\(s) under a region")
            }
            for k in 1..<serversPerStore {
                let server = topology.addNode(name: Self.serverName(store: s, index: k), tier: .store,
                                              region: topology[first].region, store: s)
                topology.connectUplink(child: server, parent: region, up: uplink, down: downlink)
                topology.connectPeers(first, server, spec: lanUp, reverse: lanDown)
            }
        }
    }
}
