import EdgeSim
import Foundation
import Scenario

/// Loading a scenario file with its `--set` overrides, the way every command
/// that runs scenarios does it: every problem printed located, exit status 2.
enum ScenarioInput {
    /// The help of a `--set KEY=VALUE` option.
    static let setHelp = """
        Override a scenario key before validation: KEY is its path \
        (topology.stores_per_region, workload.upload_interval, faults[0].duration), \
        VALUE is YAML in the file's own notation (50, 10ms, 100Mbps, []). Repeatable.
        """

    /// Parses `KEY=VALUE` texts; prints the problems and exits 2 when one is malformed.
    static func overrides(_ texts: [String]) throws -> [ScenarioOverride] {
        var found: [ScenarioOverride] = []
        var issues: [ScenarioIssue] = []
        for text in texts {
            do throws(ScenarioErrors) {
                found.append(try ScenarioOverride(parsing: text))
            } catch {
                issues += error.issues
            }
        }
        guard issues.isEmpty else { fail(ScenarioErrors(issues: issues)) }
        return found
    }

    /// The validated scenario at `path` with `overrides` applied, and the
    /// file's bytes (for the scenario hash); prints every problem and exits 2.
    static func load(_ path: String, overrides: [ScenarioOverride]) throws -> (scenario: Scenario, text: Data) {
        let loaded: Scenario
        do {
            loaded = try ScenarioLoader.load(path: path, overrides: overrides)
        } catch {
            fail(error)
        }
        warn(loaded)
        return (loaded, (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data())
    }

    /// Prints the scenario's warnings on standard error, one line each
    /// (`FILE:LINE: KEY: warning: MESSAGE`), before anything runs.
    static func warn(_ scenario: Scenario) {
        for warning in scenario.warnings {
            FileHandle.standardError.write(Data("\(warning)\n".utf8))
        }
    }

    /// Prints `error` on standard error and exits with status 2.
    static func fail(_ error: any Error) -> Never {
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        Foundation.exit(2)
    }
}
