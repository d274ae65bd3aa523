/// Placeholder.
public enum SimNetworkLibrary {}
