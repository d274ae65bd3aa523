import EdgeBase
import NIOCore
import NIOPosix
import Replication
import SimKernel
import Workloads

/// One node of a ``LiveCluster``: a replica or a client coordinator, with
/// its listening socket, its connections and its timers. Confined to its
/// event loop: every method runs there.
final class LiveNode: @unchecked Sendable {
    enum Role {
        case replica(Replica)
        case client(ClientCoordinator)
    }

    let index: Int
    let id: ReplicaID
    var role: Role
    let loop: EventLoop
    unowned let cluster: LiveCluster
    var timers: [TimerToken: Scheduled<Void>] = [:]
    var outgoing: [Int: EventLoopFuture<Channel>] = [:]
    var accepted: [ObjectIdentifier: Channel] = [:]
    var server: Channel?
    var port = 0
    var running = true

    init(index: Int, id: ReplicaID, role: Role, loop: EventLoop, cluster: LiveCluster) {
        self.index = index
        self.id = id
        self.role = role
        self.loop = loop
        self.cluster = cluster
    }

    var now: LocalTime { LocalTime(nanoseconds: cluster.elapsed) }

    /// Listens on 127.0.0.1 (port 0: any free port); returns the port.
    func listen(port: Int) -> EventLoopFuture<Int> {
        ServerBootstrap(group: loop, childGroup: loop)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                self.accepted[ObjectIdentifier(channel)] = channel
                channel.closeFuture.whenComplete { _ in self.accepted[ObjectIdentifier(channel)] = nil }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandlers(ByteToMessageHandler(FrameDecoder()), Receiver(node: self))
                }
            }
            .bind(host: "127.0.0.1", port: port)
            .map { channel in
                self.server = channel
                self.port = channel.localAddress?.port ?? 0
                return self.port
            }
    }

    func boot() {
        guard case .replica(var r) = role else { return }
        let effects = r.start(now: now)
        role = .replica(r)
        apply(effects)
    }

    // MARK: Inputs

    func received(_ body: [UInt8]) {
        guard running, let (sender, message) = try? WireFormat.decode(body) else { return }
        switch role {
        case .replica(var r):
            let effects = r.receive(message, from: sender, now: now)
            role = .replica(r)
            apply(effects)
        case .client(var c):
            let effects = c.receive(message, from: sender, now: now)
            role = .client(c)
            apply(effects)
        }
    }

    func timerFired(_ token: TimerToken) {
        timers[token] = nil
        guard running else { return }
        switch role {
        case .replica(var r):
            let effects = r.timerFired(token, now: now)
            role = .replica(r)
            apply(effects)
        case .client(var c):
            let effects = c.timerFired(token, now: now)
            role = .client(c)
            apply(effects)
        }
    }

    func submit(_ request: ClientRequest) {
        guard case .client(var c) = role else { return }
        let effects = c.submit(request, now: now)
        role = .client(c)
        apply(effects)
    }

    func probeWrite() {
        let at = cluster.elapsed
        let request = cluster.recorder.withLockedValue { $0.invokeWrite(client: Int32(index), at: at) }
        submit(request)
    }

    func probeRead(probe: Int, delay: Int) {
        let at = cluster.elapsed
        let request = cluster.recorder.withLockedValue {
            $0.invokeRead(probe: probe, delay: delay, client: Int32(index), at: at)
        }
        submit(request)
    }

    // MARK: Effects

    func apply(_ effects: [ReplicaEffect]) {
        for effect in effects {
            switch effect {
            case .send(let message, let to):
                send(WireFormat.encode(message, from: id), to: cluster.index(of: to))
            case .setTimer(let token, let at):
                timers[token]?.cancel()
                let deadline = cluster.start + .nanoseconds(at.nanoseconds)
                timers[token] = loop.scheduleTask(deadline: deadline) { self.timerFired(token) }
            case .cancelTimer(let token):
                timers.removeValue(forKey: token)?.cancel()
            case .respond(let response):
                cluster.completed(response)
            }
        }
    }

    func send(_ body: [UInt8], to target: Int) {
        let channel: EventLoopFuture<Channel>
        if let existing = outgoing[target] {
            channel = existing
        } else {
            let port = cluster.ports.withLockedValue { $0[target] }
            let delay = DelayHandler(from: index, to: target, cluster: cluster,
                                     latency: cluster.leg(from: index, to: target),
                                     stream: RandomStream(name: "live/\(index)->\(target)/latency",
                                                          masterSeed: cluster.seed, generator: .taus2))
            channel = ClientBootstrap(group: loop)
                .channelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
                .channelInitializer { c in c.eventLoop.makeCompletedFuture { try c.pipeline.syncOperations.addHandler(delay) } }
                .connect(host: "127.0.0.1", port: port)
            outgoing[target] = channel
            channel.whenComplete { result in
                switch result {
                case .success(let c): c.closeFuture.whenComplete { _ in self.forget(target, c) }
                case .failure: self.outgoing[target] = nil
                }
            }
        }
        channel.whenSuccess { c in
            var buffer = c.allocator.buffer(capacity: body.count + 4)
            buffer.writeInteger(UInt32(body.count))
            buffer.writeBytes(body)
            c.writeAndFlush(buffer, promise: nil)
        }
    }

    func forget(_ target: Int, _ channel: Channel) {
        outgoing[target]?.whenSuccess { current in
            if current === channel { self.outgoing[target] = nil }
        }
    }

    // MARK: Faults and the end

    /// The process dies: connections close, timers and volatile state go.
    func crash() {
        guard case .replica(var r) = role else { return }
        r.crash()
        role = .replica(r)
        running = false
        closeEverything()
    }

    /// The process comes back on the same port with its durable state.
    func restart() {
        guard case .replica(var r) = role, !running else { return }
        running = true
        listen(port: port).whenSuccess { _ in
            let effects = r.restart(now: self.now)
            self.role = .replica(r)
            self.apply(effects)
        }
    }

    func closeEverything() {
        for (_, t) in timers { t.cancel() }
        timers = [:]
        server?.close(promise: nil)
        server = nil
        for (_, c) in accepted { c.close(promise: nil) }
        for (_, f) in outgoing { f.whenSuccess { $0.close(promise: nil) } }
        outgoing = [:]
    }

    func stop() {
        running = false
        closeEverything()
    }

    func states(probes: Int) -> [String: SiblingSet] {
        guard case .replica(let r) = role else { return [:] }
        var result: [String: SiblingSet] = [:]
        for p in 0..<probes {
            if let s = r.state(of: ProbeRecorder.keyName(p)) { result[ProbeRecorder.keyName(p)] = s }
        }
        return result
    }
}

/// The delay stage: holds every outbound frame for a latency drawn from the
/// leg's distribution, in order per connection, and drops frames while the
/// pair is cut.
final class DelayHandler: ChannelOutboundHandler, @unchecked Sendable {
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let from: Int
    let to: Int
    unowned let cluster: LiveCluster
    let latency: Distribution
    let stream: RandomStream
    var lastRelease = NIODeadline.uptimeNanoseconds(0)

    init(from: Int, to: Int, cluster: LiveCluster, latency: Distribution, stream: RandomStream) {
        self.from = from
        self.to = to
        self.cluster = cluster
        self.latency = latency
        self.stream = stream
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if cluster.isCut(from, to) {
            promise?.succeed(())
            return
        }
        let delay = latency.sampleDuration(stream).nanoseconds
        let release = max(NIODeadline.now() + .nanoseconds(delay), lastRelease)
        lastRelease = release
        context.eventLoop.scheduleTask(deadline: release) {
            context.writeAndFlush(data, promise: promise)
        }
    }
}

/// Splits the inbound byte stream into frames: a 4-byte big-endian length, then the body.
struct FrameDecoder: ByteToMessageDecoder {
    typealias InboundOut = [UInt8]

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let length = buffer.getInteger(at: buffer.readerIndex, as: UInt32.self),
              buffer.readableBytes >= 4 + Int(length) else { return .needMoreData }
        buffer.moveReaderIndex(forwardBy: 4)
        let body = buffer.readBytes(length: Int(length))!
        context.fireChannelRead(wrapInboundOut(body))
        return .continue
    }
}

/// Hands every frame to the node.
final class Receiver: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = [UInt8]
    unowned let node: LiveNode

    init(node: LiveNode) { self.node = node }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        node.received(unwrapInboundIn(data))
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }
}
