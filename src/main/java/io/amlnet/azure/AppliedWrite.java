package io.amlnet.azure;

import java.util.List;

/** One write amlnet made, with why: the fields that differed (or that the object was absent). */
public record AppliedWrite(String method, String id, String resourceType, List<String> differences) {
  /** What {@link #differences} says of an object that did not exist. */
  public static final List<String> ABSENT = List.of("(absent)");

  /** The object did not exist, so this write created it; otherwise it corrected drift. */
  public boolean created() {
    return differences.equals(ABSENT);
  }
}
