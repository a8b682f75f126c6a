package io.amlnet.metrics;

/** The answer of a health probe: healthy or not, and a line that says why. */
public record Probe(boolean healthy, String detail) {
  public static Probe ok(String detail) {
    return new Probe(true, detail);
  }

  public static Probe failing(String detail) {
    return new Probe(false, detail);
  }
}
