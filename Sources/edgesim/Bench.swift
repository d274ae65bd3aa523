import ArgumentParser
import EdgeSim
import Foundation

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Synthetic benchmarks that mirror the reference models side by side.",
        discussion: """
            Each benchmark takes the same flags and prints the same key=value \
            line as its reference model in C or SimPy, so the two can be run in \
            one go and compared. See benchmarks/README.md.
            """,
        subcommands: [PholdCommand.self]
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
