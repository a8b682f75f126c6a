package io.amlnet.plan;

/**
 * A preflight result tied to a requirement of the document (R1-R20). {@code compute} names the
 * TrainingCompute it is about, or is null when it is about the environment itself, so that a bad
 * compute stalls only itself and not the subnet every other compute shares. {@code code}, when set,
 * is the reason a stalled object shows (e.g. SubnetClaimed); otherwise it is Preflight + requirement.
 */
public record Finding(String requirement, Severity severity, String message, String compute, String code) {

  public enum Severity { Blocking, Warning }

  public static Finding blocking(String requirement, String message) {
    return new Finding(requirement, Severity.Blocking, message, null, null);
  }

  public static Finding warning(String requirement, String message) {
    return new Finding(requirement, Severity.Warning, message, null, null);
  }

  /** The same finding, about one compute. */
  public Finding about(String computeName) {
    return new Finding(requirement, severity, message, computeName, code);
  }

  /** The same finding, reported under its own reason rather than Preflight + requirement. */
  public Finding withCode(String reasonCode) {
    return new Finding(requirement, severity, message, compute, reasonCode);
  }

  /** The reason a condition shows for this finding. */
  public String reason() {
    return code != null ? code : "Preflight" + requirement;
  }

  public boolean isBlocking() {
    return severity == Severity.Blocking;
  }
}
