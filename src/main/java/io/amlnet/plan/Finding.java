package io.amlnet.plan;

/** A preflight result tied to a requirement of the document (R1-R20). */
public record Finding(String requirement, Severity severity, String message) {

  public enum Severity { Blocking, Warning }

  public static Finding blocking(String requirement, String message) {
    return new Finding(requirement, Severity.Blocking, message);
  }

  public static Finding warning(String requirement, String message) {
    return new Finding(requirement, Severity.Warning, message);
  }

  public boolean isBlocking() {
    return severity == Severity.Blocking;
  }
}
