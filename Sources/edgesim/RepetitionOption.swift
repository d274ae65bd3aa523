import ArgumentParser
import Foundation

/// `--repetitions N`, shared by the commands that run scenarios, with the
/// old spelling `--replications` still accepted (hidden, with a warning: a
/// "replication" is also what the replication library does).
struct RepetitionOption: ParsableArguments {
    @Option(name: .customLong("repetitions"), help: "Repetitions per arm: independent runs, each with its own seed (overrides the scenario's).")
    var value: Int?

    @Option(name: .customLong("replications"), help: .hidden)
    var oldSpelling: Int?

    mutating func validate() throws {
        if let old = oldSpelling {
            guard value == nil else { throw ValidationError("--replications is the old name of --repetitions; give only --repetitions.") }
            FileHandle.standardError.write(Data("warning: --replications is now --repetitions; the old name still works\n".utf8))
            value = old
        }
        if let r = value, r < 1 { throw ValidationError("--repetitions must be at least 1 (got \(r)).") }
    }
}
