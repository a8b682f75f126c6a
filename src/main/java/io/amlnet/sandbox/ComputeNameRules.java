package io.amlnet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * What Azure ML refuses in a compute's name and durations before it creates anything. The REST spec
 * (2024-10-01) types computeName as a plain string and nodeIdleTimeBeforeScaleDown as "duration";
 * the limits are Azure's documented ones (and README's known differences list them as guesses):
 * AmlCompute and attached computes 2-16 characters, ComputeInstance 3-24, a letter first, letters,
 * digits and '-', a letter or digit last; idle time 0 s to 7 days.
 */
final class ComputeNameRules {
  private static final Pattern CLUSTER = Pattern.compile("[a-zA-Z][a-zA-Z0-9-]{0,14}[a-zA-Z0-9]");
  private static final Pattern INSTANCE = Pattern.compile("[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]");
  static final Duration MAX_IDLE = Duration.ofDays(7);

  private ComputeNameRules() {}

  static void validate(String computeType, String name, JsonNode inner) {
    boolean instance = computeType.equals("ComputeInstance");
    if (!(instance ? INSTANCE : CLUSTER).matcher(name).matches()) {
      throw ArmError.badRequest("ValidationError", "Compute name '" + printable(name) + "' is invalid. It can include"
          + " letters, digits and dashes. It must start with a letter, end with a letter or digit, and be between "
          + (instance ? "3 and 24" : "2 and 16") + " characters in length.");
    }
    JsonNode idle = inner.path("scaleSettings").path("nodeIdleTimeBeforeScaleDown");
    if (computeType.equals("AmlCompute") && idle.isTextual()) {
      Duration duration = parse(idle.asText());
      if (duration == null || duration.isNegative() || duration.compareTo(MAX_IDLE) > 0) {
        throw ArmError.badRequest("ValidationError", "nodeIdleTimeBeforeScaleDown '" + printable(idle.asText())
            + "' is not an ISO-8601 duration between PT0S and P7D.");
      }
    }
  }

  private static Duration parse(String text) {
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException | ArithmeticException e) {
      return null;
    }
  }

  private static String printable(String text) {
    String cut = text.length() > 64 ? text.substring(0, 64) + "..." : text;
    return cut.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
