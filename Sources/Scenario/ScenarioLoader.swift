import Foundation
import SimKernel
import Yams

/// Reads scenario files and validates them whole.
///
/// Validation never stops at the first problem: it reads the whole document
/// and throws every problem it finds at once, each located by file, key path
/// and line (see ``ScenarioIssue``). A `Scenario` that comes back is complete
/// and consistent: every node a fault names exists, every fault ends within
/// the run, every distribution can be drawn from.
///
/// The format is documented key by key in `Scenarios/README.md`.
public enum ScenarioLoader {
    /// Reads and validates the scenario file at `path`.
    ///
    /// - Parameters:
    ///   - path: the file; issues name it as given.
    ///   - overrides: `--set` values applied to the document before it is
    ///     validated (see ``ScenarioOverride``).
    /// - Returns: the validated scenario.
    /// - Throws: ``ScenarioErrors`` listing every problem, or the one reason
    ///   the file could not be read.
    public static func load(path: String, overrides: [ScenarioOverride] = []) throws(ScenarioErrors) -> Scenario {
        let text: String
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            guard let decoded = String(data: data, encoding: .utf8) else {
                throw ScenarioErrors(issues: [
                    ScenarioIssue(file: path, keyPath: "", line: nil, kind: .unreadableFile,
                                  message: "the file is not UTF-8 text"),
                ])
            }
            text = decoded
        } catch let errors as ScenarioErrors {
            throw errors
        } catch {
            let reason = FileManager.default.fileExists(atPath: path)
                ? "the file cannot be read" : "no such file"
            throw ScenarioErrors(issues: [
                ScenarioIssue(file: path, keyPath: "", line: nil, kind: .unreadableFile, message: reason),
            ])
        }
        return try parse(yaml: text, file: path, overrides: overrides)
    }

    /// Parses and validates scenario text.
    ///
    /// - Parameters:
    ///   - yaml: the document.
    ///   - file: the name issues report it under ("smoke.yaml").
    ///   - overrides: `--set` values applied to the document before it is
    ///     validated; a problem at, under or above an overridden key is
    ///     reported against the override, not the file.
    /// - Returns: the validated scenario.
    /// - Throws: ``ScenarioErrors`` listing every problem, sorted by line.
    public static func parse(yaml: String, file: String, overrides: [ScenarioOverride] = []) throws(ScenarioErrors) -> Scenario {
        let reader = ScenarioReader(file: file)
        var root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw ScenarioErrors(issues: [syntaxIssue(error, file: file, yaml: yaml)])
        }
        if !overrides.isEmpty {
            root = try ScenarioOverride.apply(overrides, to: root ?? .mapping(Node.Mapping([])))
        }
        guard let root else {
            throw ScenarioErrors(issues: [
                ScenarioIssue(file: file, keyPath: "", line: 1, kind: .missingKey,
                              message: "the file is empty; a scenario needs at least name, duration and topology"),
            ])
        }
        let scenario = reader.readScenario(root)
        guard reader.issues.isEmpty, var scenario else {
            throw ScenarioErrors(issues: reader.issues.map { relocate($0, overrides) })
        }
        scenario.warnings = scenario.warnings.map { relocate($0, overrides) }
        return scenario
    }

    /// The key paths a scenario document writes, after `overrides`: every
    /// key of every mapping (`costs.store_server`) and every list item
    /// (`costs.transfer[0]`, `costs.transfer[0].price`), in the notation of
    /// `--set`. A key the document leaves out takes its default.
    ///
    /// - Returns: the paths; empty when the text is not YAML or an override
    ///   does not apply (``parse(yaml:file:overrides:)`` says why).
    public static func keyPaths(yaml: String, overrides: [ScenarioOverride] = []) -> Set<String> {
        var root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            return []
        }
        if !overrides.isEmpty {
            guard let applied = try? ScenarioOverride.apply(overrides, to: root ?? .mapping(Node.Mapping([]))) else { return [] }
            root = applied
        }
        var paths = Set<String>()
        func walk(_ node: Node, _ path: String) {
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping {
                    guard let name = key.scalar?.string else { continue }
                    let here = path.isEmpty ? name : path + "." + name
                    paths.insert(here)
                    walk(value, here)
                }
            case .sequence(let sequence):
                for (i, item) in sequence.enumerated() {
                    let here = "\(path)[\(i)]"
                    paths.insert(here)
                    walk(item, here)
                }
            default:
                break
            }
        }
        if let root { walk(root, "") }
        return paths
    }

    /// An issue at, under or above an overridden key, reported against the override.
    static func relocate(_ issue: ScenarioIssue, _ overrides: [ScenarioOverride]) -> ScenarioIssue {
        guard overrides.contains(where: { $0.covers(issue.keyPath) }) else { return issue }
        return ScenarioIssue(file: ScenarioOverride.origin, keyPath: issue.keyPath, line: nil, kind: issue.kind,
                             message: issue.message)
    }

    /// The one issue a YAML syntax error makes (YAML cannot be read past it).
    static func syntaxIssue(_ error: any Error, file: String, yaml: String) -> ScenarioIssue {
        func issue(_ line: Int?, _ message: String, _ kind: ScenarioIssue.Kind = .syntax) -> ScenarioIssue {
            ScenarioIssue(file: file, keyPath: "", line: line, kind: kind, message: message)
        }
        guard let yamlError = error as? YamlError else {
            return issue(nil, "not valid YAML: \(error)")
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            var message = "YAML syntax error: \(problem)"
            if problem.hasPrefix("but found another document") {
                return issue(mark.line, "YAML syntax error: a second document starts here; a scenario file holds one document")
            }
            if let context, !context.text.isEmpty {
                message += " (\(context.text) at line \(context.mark.line))"
            }
            return issue(mark.line, message)
        case .reader(let problem, let offset, _, _):
            let line = offset.map { o in yaml.utf8.prefix(o).reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) } }
            return issue(line, "YAML cannot be read: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "`\($0)`" }.joined(separator: ", ")
            let message = duplicates.count == 1
                ? "key \(keys) appears more than once in the same mapping"
                : "keys \(keys) appear more than once in the same mapping"
            return issue(context.mark.line, message, .duplicate)
        default:
            return issue(nil, "not valid YAML: \(yamlError)")
        }
    }
}
