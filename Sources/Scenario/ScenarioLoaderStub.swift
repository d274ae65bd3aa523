// Stand-in until the YAML loader lands: every load fails cleanly.
public struct ScenarioLoaderUnavailable: Error, CustomStringConvertible {
    public var description: String { "scenario files cannot be read yet in this build" }
}

public enum ScenarioLoader {
    public static func load(path: String) throws -> Scenario { throw ScenarioLoaderUnavailable() }
}
