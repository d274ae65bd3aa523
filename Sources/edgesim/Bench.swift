import ArgumentParser
import EdgeBase
import EdgeSim
import Foundation
import Scheduling

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Synthetic benchmarks that mirror the reference models side by side.",
        discussion: """
            Each benchmark takes the same flags and prints the same key=value \
            line as its reference model in C or SimPy, so the two can be run in \
            one go and compared. See benchmarks/README.md.

            EXAMPLES:
              edgesim bench phold --events 200000
              edgesim bench fanin --regions 2 --stores 5
              edgesim bench schedule --scheduler least_allocated
            """,
        subcommands: [PholdCommand.self, FaninCommand.self, ScheduleCommand.self]
    )
}

struct PholdCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phold",
        abstract: "PHOLD on the simulation kernel: events per second of the event queue and random streams.",
        discussion: """
            LPS logical processes start with POPULATION events each; handling an \
            event schedules one new event at a uniformly drawn LP, LOOKAHEAD + \
            Exp(MEAN) seconds later. Stops after EVENTS events and prints:

              engine=edgesim events=N sim_time=S wall_s=W events_per_s=R checksum=C

            sim_time is the simulated time of the last event, in seconds; checksum \
            folds every handled event's time and LP, so two runs with the same \
            seed print the same events, sim_time and checksum. wall_s and \
            events_per_s are wall-clock figures and vary.

            EXAMPLES:
              edgesim bench phold
              edgesim bench phold --lps 100 --events 200000 --seed 3
            """
    )

    @Option(help: "Logical processes.")
    var lps: Int = 1_000
    @Option(help: "Initial events per logical process.")
    var population: Int = 10
    @Option(help: "Events to handle before stopping.")
    var events: Int = 2_000_000
    @Option(help: "Mean of the exponential delay, in seconds.")
    var mean: Double = 1.0
    @Option(help: "Fixed delay added to every event, in seconds.")
    var lookahead: Double = 0.1
    @Option(help: "Master seed of the random streams.")
    var seed: UInt64 = 1

    func validate() throws {
        guard lps >= 1 else { throw ValidationError("--lps must be at least 1 (got \(lps)).") }
        guard population >= 1 else { throw ValidationError("--population must be at least 1 (got \(population)).") }
        guard events >= 0 else { throw ValidationError("--events must not be negative (got \(events)).") }
        guard mean > 0, mean.isFinite else { throw ValidationError("--mean must be a positive number of seconds (got \(mean)).") }
        guard lookahead >= 0, lookahead.isFinite else {
            throw ValidationError("--lookahead must be zero or a positive number of seconds (got \(lookahead)).")
        }
    }

    func run() throws {
        var p = Phold.Parameters()
        p.lps = lps
        p.population = population
        p.events = events
        p.mean = mean
        p.lookahead = lookahead
        p.seed = seed
        let model = Phold(p)
        let clock = ContinuousClock()
        let start = clock.now
        let outcome = model.run()
        let wall = (clock.now - start) / .seconds(1)
        let rate = wall > 0 ? Double(outcome.events) / wall : 0
        print(String(format: "engine=edgesim events=%d sim_time=%.3f wall_s=%.3f events_per_s=%.0f checksum=%llu",
                     outcome.events, outcome.simTime.seconds, wall, rate, outcome.checksum))
    }
}

struct FaninCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fanin",
        abstract: "Tree fan-in on the network model: messages per second through real topology and links.",
        discussion: """
            REGIONS regional aggregators, STORES stores per region, DEVICES devices \
            per store. Every device emits Poisson(RATE) messages of SIZE bytes for \
            DURATION simulated seconds; each travels device -> store -> region -> \
            cloud over FIFO store-and-forward links: it waits for the link, holds \
            it for size x 8 / bandwidth, and arrives one latency later. Prints:

              engine=edgesim messages=N wall_s=W messages_per_s=R mean_ms=M p99_ms=P events=E checksum=C

            mean_ms and p99_ms are end-to-end latencies (emission at the device \
            until arrival at the cloud) in milliseconds; p99 is the sorted sample \
            at index floor(0.99 n), as in the SimPy reference.

            EXAMPLES:
              edgesim bench fanin
              edgesim bench fanin --regions 2 --stores 5 --devices 4 --duration 10
            """
    )

    @Option(help: "Regional aggregators.")
    var regions: Int = 20
    @Option(help: "Stores per region.")
    var stores: Int = 25
    @Option(help: "Devices per store.")
    var devices: Int = 10
    @Option(help: "Messages per device per simulated second.")
    var rate: Double = 1.0
    @Option(help: "Bytes per message.")
    var size: Int = 1_000
    @Option(help: "Simulated seconds of emission.")
    var duration: Double = 60
    @Option(help: "Propagation latency of the device,store,region hops, in seconds.")
    var lat: String = "0.002,0.010,0.040"
    @Option(help: "Bandwidth of the device,store,region hops, in bits per second.")
    var bw: String = "100e6,50e6,1e9"
    @Option(help: "Master seed of the random streams.")
    var seed: UInt64 = 1

    static func triple(_ text: String, _ flag: String) throws -> [Double] {
        let values = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard values.count == 3, values.allSatisfy({ $0 != nil && $0!.isFinite && $0! >= 0 }) else {
            throw ValidationError("\(flag) takes three non-negative numbers separated by commas (device,store,region), got '\(text)'.")
        }
        return values.map { $0! }
    }

    func validate() throws {
        guard regions >= 1, stores >= 1, devices >= 1 else {
            throw ValidationError("--regions, --stores and --devices must each be at least 1.")
        }
        guard rate > 0, rate.isFinite else { throw ValidationError("--rate must be a positive number of messages per second.") }
        guard size >= 0 else { throw ValidationError("--size must not be negative.") }
        guard duration >= 0, duration.isFinite else { throw ValidationError("--duration must be a non-negative number of seconds.") }
        _ = try Self.triple(lat, "--lat")
        let bandwidths = try Self.triple(bw, "--bw")
        guard bandwidths.allSatisfy({ $0 > 0 }) else { throw ValidationError("--bw values must be positive bits per second.") }
    }

    func run() throws {
        var p = Fanin.Parameters()
        p.regions = regions
        p.stores = stores
        p.devices = devices
        p.rate = rate
        p.size = size
        p.duration = duration
        p.latencies = try Self.triple(lat, "--lat")
        p.bandwidths = try Self.triple(bw, "--bw")
        p.seed = seed
        var world = try Fanin(p).prepare()
        // Timed like the reference: the event loop alone, not building the
        // world or sorting the latencies afterwards.
        let clock = ContinuousClock()
        let start = clock.now
        let trace = world.run()
        let wall = (clock.now - start) / .seconds(1)
        let outcome = trace.outcome()
        let rate = wall > 0 ? Double(outcome.messages) / wall : 0
        print(String(format: "engine=edgesim messages=%d wall_s=%.3f messages_per_s=%.0f mean_ms=%.4f p99_ms=%.4f events=%d checksum=%llu",
                     outcome.messages, wall, rate, outcome.meanLatency * 1000, outcome.p99Latency * 1000,
                     outcome.events, outcome.checksum))
    }
}

struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Place every camera workload of a reference retail cluster with the scheduler.",
        discussion: """
            Builds the reference cluster (REGIONS x STORES stores, CAMERAS camera \
            inference workloads per store, with their store edges, regional \
            aggregators and cloud), then places every workload with the chosen \
            scheduler and prints:

              engine=edgesim workloads=N wall_s=W placements_per_s=R <counters> checksum=C

            wall_s times the placement alone, not building the cluster.

            EXAMPLES:
              edgesim bench schedule
              edgesim bench schedule --regions 2 --stores 5 --scheduler random --seed 4
            """
    )

    @Option(help: "Regions.")
    var regions: Int = 20
    @Option(help: "Stores per region.")
    var stores: Int = 25
    @Option(help: "Camera workloads per store.")
    var cameras: Int = 50
    @Option(help: "Scheduler: edge_aware, cloud_only, least_allocated or random (as in scenario files).")
    var scheduler: String = SchedulerConfiguration.Kind.edgeAware.rawValue
    @Option(help: "Seed of the random scheduler.")
    var seed: UInt64 = 1

    func configuration() throws -> SchedulerConfiguration {
        guard let kind = SchedulerConfiguration.Kind(rawValue: scheduler) else {
            let names = SchedulerConfiguration.Kind.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("--scheduler must be one of \(names) (got '\(scheduler)').")
        }
        return kind == .edgeAware ? .edgeAware : .baseline(kind)
    }

    func validate() throws {
        guard regions >= 1, stores >= 1, cameras >= 1 else {
            throw ValidationError("--regions, --stores and --cameras must each be at least 1.")
        }
        _ = try configuration()
    }

    func run() throws {
        let cluster = ReferenceCluster.retail(regions: regions, storesPerRegion: stores, camerasPerStore: cameras)
        var generator = SplitMix64(seed: seed)
        let source: () -> UInt64 = { generator.next() }
        let clock = ContinuousClock()
        let start = clock.now
        let result = try cluster.placeAll(configuration: try configuration(), randomSource: source)
        let wall = (clock.now - start) / .seconds(1)
        print(String(format: "engine=edgesim workloads=%d wall_s=%.3f placements_per_s=%.0f ", result.workloads, wall,
                     wall > 0 ? Double(result.workloads) / wall : 0)
              + "\(result.counters) residency_violations=\(result.residencyViolations) checksum=\(String(result.checksum, radix: 16))")
    }
}
