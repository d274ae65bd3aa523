/// Placeholder until the replication library lands.
public enum ReplicationLibrary {}
