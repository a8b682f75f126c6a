package io.amlnet.azure;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a scalar in an ARM body means, as a key two spellings of the same value share: numbers by
 * value (4 = 4.0 = "4"), ISO-8601 durations by length (PT120S = PT2M, as AML re-spells them), IPv4
 * prefixes by network ({@link IpPrefix}), and any other text without case, because ARM re-cases
 * enums (Tcp/TCP, Allow/allow), resource IDs and service tags.
 */
final class ScalarMeaning {
  /** A day/time duration java.time reads exactly; years and months (P1Y) have no fixed length and stay text. */
  private static final Pattern DURATION = Pattern.compile("[-+]?P(?:[0-9]+D)?(?:T(?:[0-9.]+[HMS])+)?",
      Pattern.CASE_INSENSITIVE);

  private ScalarMeaning() {}

  static String of(JsonNode scalar) {
    if (scalar.isNumber()) {
      return number(scalar.decimalValue());
    }
    String text = scalar.asText();
    if (DURATION.matcher(text).matches()) {
      try {
        return "duration:" + Duration.parse(text);
      } catch (DateTimeParseException e) {
        // not a duration after all ("P", "PT"): compared as text below
      }
    }
    var prefix = IpPrefix.canonical(text);
    if (prefix.isPresent()) {
      return "ip:" + prefix.get();
    }
    try {
      return number(new BigDecimal(text));
    } catch (NumberFormatException e) {
      return text.toLowerCase(Locale.ROOT);
    }
  }

  private static String number(BigDecimal value) {
    return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
  }
}
