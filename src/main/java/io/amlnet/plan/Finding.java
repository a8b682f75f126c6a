package io.amlnet.plan;

/**
 * A preflight result tied to a requirement of the document (R1-R20). {@code compute} names the
 * TrainingCompute it is about, or is null when it is about the environment itself, so that a bad
 * compute stalls only itself and not the subnet every other compute shares.
 */
public record Finding(String requirement, Severity severity, String message, String compute) {

  public enum Severity { Blocking, Warning }

  public static Finding blocking(String requirement, String message) {
    return new Finding(requirement, Severity.Blocking, message, null);
  }

  public static Finding warning(String requirement, String message) {
    return new Finding(requirement, Severity.Warning, message, null);
  }

  /** The same finding, about one compute. */
  public Finding about(String computeName) {
    return new Finding(requirement, severity, message, computeName);
  }

  public boolean isBlocking() {
    return severity == Severity.Blocking;
  }
}
