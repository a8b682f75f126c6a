package io.amlnet.azure;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where Azure differs from what amlnet wants, after ARM's normalisation is taken into account:
 * only the fields amlnet sets are compared (ARM adds read-only properties and defaults), strings
 * compare case-insensitively (ARM re-cases enums, IDs and service tags), "*" equals an absent port
 * range, scalar lists compare as sets, and lists of named items (rules, routes) match by name and
 * must hold the same names. An empty result means no write is needed.
 */
public final class Drift {
  private Drift() {}

  public static List<String> between(JsonNode desired, JsonNode actual) {
    List<String> differences = new ArrayList<>();
    compare("", desired, actual, differences);
    return differences;
  }

  private static void compare(String path, JsonNode desired, JsonNode actual, List<String> out) {
    if (desired.isObject()) {
      if (!actual.isObject()) {
        out.add(path.isEmpty() ? "(resource)" : path);
        return;
      }
      desired.fields().forEachRemaining(f -> compare(join(path, f.getKey()), f.getValue(),
          actual.path(f.getKey()), out));
    } else if (desired.isArray()) {
      compareArray(path, desired, actual, out);
    } else if (!sameScalar(desired, actual)) {
      out.add(path);
    }
  }

  private static void compareArray(String path, JsonNode desired, JsonNode actual, List<String> out) {
    JsonNode actualArray = actual.isArray() ? actual : com.fasterxml.jackson.databind.node.JsonNodeFactory
        .instance.arrayNode();
    if (desired.size() > 0 && desired.get(0).has("name")) {
      Map<String, JsonNode> actualByName = new HashMap<>();
      actualArray.forEach(item -> actualByName.put(key(item.path("name").asText()), item));
      Set<String> desiredNames = new TreeSet<>();
      for (JsonNode item : desired) {
        String name = item.path("name").asText();
        desiredNames.add(key(name));
        JsonNode match = actualByName.get(key(name));
        if (match == null) {
          out.add(path + "[" + name + "] missing");
        } else {
          compare(path + "[" + name + "]", item, match, out);
        }
      }
      actualByName.keySet().stream().filter(n -> !desiredNames.contains(n)).sorted()
          .forEach(n -> out.add(path + "[" + n + "] not wanted"));
      return;
    }
    if (desired.size() > 0 && desired.get(0).isObject()) {
      // Lists of references ({id}) compare by their IDs.
      if (!keys(desired, "id").equals(keys(actualArray, "id"))) {
        out.add(path);
      }
      return;
    }
    if (!keys(desired, null).equals(keys(actualArray, null))) {
      out.add(path);
    }
  }

  private static Set<String> keys(JsonNode array, String field) {
    Set<String> keys = new TreeSet<>();
    array.forEach(item -> keys.add(key((field == null ? item : item.path(field)).asText())));
    return keys;
  }

  private static boolean sameScalar(JsonNode desired, JsonNode actual) {
    if (actual.isMissingNode() || actual.isNull()) {
      String d = desired.asText();
      return d.equals("*") || d.isEmpty() || (desired.isBoolean() && !desired.asBoolean());
    }
    if (desired.isNumber() || actual.isNumber()) {
      return desired.asText().equals(actual.asText());
    }
    return key(desired.asText()).equals(key(actual.asText()));
  }

  private static String key(String text) {
    return text.toLowerCase(Locale.ROOT);
  }

  private static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }
}
