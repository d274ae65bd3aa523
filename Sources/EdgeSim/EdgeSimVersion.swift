/// The version printed by `edgesim --version` and recorded in every run.json.
public enum EdgeSimVersion {
    public static let current = "0.1.0"
}
