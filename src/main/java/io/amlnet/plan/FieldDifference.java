package io.amlnet.plan;

/**
 * One field where Azure differs from the plan: its path in the ARM body (a named rule or route in
 * brackets), what the plan wants and what Azure holds. A whole rule, route or object that is
 * missing or not wanted has {@link #PRESENT} on one side and {@link #ABSENT} on the other.
 */
public record FieldDifference(String field, String expected, String actual) {
  public static final String PRESENT = "(present)";
  public static final String ABSENT = "(absent)";

  public static FieldDifference missing(String field) {
    return new FieldDifference(field, PRESENT, ABSENT);
  }

  public static FieldDifference notWanted(String field) {
    return new FieldDifference(field, ABSENT, PRESENT);
  }

  /** The one-line form events and write summaries use: the path, or the path and missing / not wanted. */
  public String describe() {
    if (PRESENT.equals(expected) && ABSENT.equals(actual)) {
      return field + " missing";
    }
    if (ABSENT.equals(expected) && PRESENT.equals(actual)) {
      return field + " not wanted";
    }
    return field;
  }

  /** With each side as the reader sees it: `field: actual -> expected`. */
  public String withValues() {
    return describe().equals(field) ? field + ": " + actual + " -> " + expected : describe();
  }
}
