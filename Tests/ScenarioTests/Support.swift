import Foundation
import Testing
@testable import Scenario

/// A small valid scenario; text appended to it starts on line 11.
let base = """
name: t
duration: 10m
topology:
  regions: 2
  stores_per_region: 3
  cameras_per_store: 4
  links:
    device_store: {latency: 2ms, bandwidth: 1Gbps}
    store_region: {latency: 10ms, bandwidth: 100Mbps}
    region_cloud: {latency: 35ms, bandwidth: 10Gbps}

"""

/// The issues a document has; records a failure when it loads cleanly.
func issues(_ yaml: String, file: String = "t.yaml", sourceLocation: SourceLocation = #_sourceLocation) -> [ScenarioIssue] {
    do {
        _ = try ScenarioLoader.parse(yaml: yaml, file: file)
        Issue.record("expected the scenario to be rejected", sourceLocation: sourceLocation)
        return []
    } catch {
        return error.issues
    }
}

/// The one issue a document has; records a failure unless there is exactly one.
func issue(_ yaml: String, sourceLocation: SourceLocation = #_sourceLocation) -> ScenarioIssue? {
    let found = issues(yaml, sourceLocation: sourceLocation)
    if found.count != 1 {
        Issue.record("expected one issue, found \(found.count):\n\(ScenarioErrors(issues: found))",
                     sourceLocation: sourceLocation)
    }
    return found.first
}

/// Loads a document that must be valid.
func scenario(_ yaml: String) throws -> Scenario {
    try ScenarioLoader.parse(yaml: yaml, file: "t.yaml")
}

/// The shipped scenarios folder of this package.
let scenariosFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Scenarios")
