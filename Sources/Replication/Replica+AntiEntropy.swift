import EdgeBase

// Anti-entropy by digest exchange. Each round the initiator picks the next
// peer it does not suspect (in id order, round robin) and sends the digest
// of every key both replicate; the peer answers with its states of the keys
// that differ and the list of keys it wants; the initiator merges and
// pushes those. One round converges every shared key of the pair.

extension Replica {
    /// Whether both this replica and `peer` own `key`.
    func shares(_ key: String, with peer: ReplicaID) -> Bool {
        let owners = owners(of: key)
        return owners.contains(id) && owners.contains(peer)
    }

    /// Starts a round with the next unsuspected peer, if any.
    mutating func startAntiEntropyRound(now: LocalTime, into effects: inout [ReplicaEffect]) {
        guard !peers.isEmpty else { return }
        for step in 0..<peers.count {
            let peer = peers[(antiEntropyCursor + step) % peers.count]
            guard !detector.isSuspected(peer, now: now) else { continue }
            antiEntropyCursor = (antiEntropyCursor + step + 1) % peers.count
            counters.antiEntropyRounds += 1
            let entries = store.keys.sorted().filter { shares($0, with: peer) }.map {
                KeyDigest(key: $0, digest: store[$0]!.digest)
            }
            effects.append(.send(.antiEntropyDigest(entries: entries), to: peer))
            return
        }
    }

    /// Step 2, at the peer.
    mutating func answerDigest(_ entries: [KeyDigest], from sender: ReplicaID, into effects: inout [ReplicaEffect]) {
        var theirs: [String: UInt64] = [:]  // looked up, never iterated
        for entry in entries { theirs[entry.key] = entry.digest }
        var keys = store.keys.filter { shares($0, with: sender) }
        keys.append(contentsOf: entries.map(\.key).filter { store[$0] == nil && shares($0, with: sender) })
        keys.sort()
        var states: [KeyedState] = []
        var wanted: [String] = []
        for key in keys {
            let mine = store[key]
            let their = theirs[key]
            guard mine?.digest != their else { continue }
            if let mine { states.append(KeyedState(key: key, state: mine)) }
            if their != nil { wanted.append(key) }
        }
        if !states.isEmpty || !wanted.isEmpty {
            effects.append(.send(.antiEntropyReply(states: states, wanted: wanted), to: sender))
        }
    }

    /// Step 3, at the initiator: merge, then push what the peer wants.
    mutating func applyReply(
        states: [KeyedState], wanted: [String], from sender: ReplicaID, into effects: inout [ReplicaEffect]
    ) {
        applyPush(states, from: sender)
        let push = wanted.compactMap { key in
            store[key].flatMap { shares(key, with: sender) ? KeyedState(key: key, state: $0) : nil }
        }
        if !push.isEmpty { effects.append(.send(.antiEntropyPush(states: push), to: sender)) }
    }

    /// Merges anti-entropy states of keys this replica shares with `sender`.
    mutating func applyPush(_ states: [KeyedState], from sender: ReplicaID) {
        for keyed in states where shares(keyed.key, with: sender) {
            if mergeIntoStore(key: keyed.key, state: keyed.state).changed {
                counters.antiEntropyKeysRepaired += 1
            }
        }
    }
}
