/// Placeholder until the scheduling library lands.
public enum SchedulingLibrary {}
