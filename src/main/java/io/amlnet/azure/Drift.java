package io.amlnet.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlnet.plan.ComputePlanner;
import io.amlnet.plan.FieldDifference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where Azure differs from what amlnet wants, after ARM's normalisation is taken into account:
 * only the fields amlnet sets are compared (ARM adds read-only properties and defaults), scalars
 * compare by meaning ({@link ScalarMeaning}: numbers by value, durations by length, IPv4 prefixes by
 * network, other text without case, since ARM re-cases enums, IDs and service tags), field names
 * match without case when ARM re-cased them (tag names), "*" equals an absent port range, scalar
 * lists compare as sets, and lists of named items (rules, routes) match by name and must hold the
 * same names. Write-only secrets are never compared: AML's GET does not return them (they are
 * x-ms-secret or served only by listKeys), so comparing them would make every reconcile a write.
 * An empty result means no write is needed.
 */
public final class Drift {
  /** Secret properties ARM accepts on PUT and never returns on GET (AML compute credentials). */
  static final Set<String> WRITE_ONLY = Set.of(ComputePlanner.ADMINISTRATOR_ACCOUNT,
      ComputePlanner.DATABRICKS_ACCESS_TOKEN);

  private Drift() {}

  public static List<String> between(JsonNode desired, JsonNode actual) {
    return fields(desired, actual).stream().map(FieldDifference::describe).toList();
  }

  /** The differences with what the plan wants and what Azure holds, for people (plan, status.drift). */
  public static List<FieldDifference> fields(JsonNode desired, JsonNode actual) {
    List<FieldDifference> differences = new ArrayList<>();
    compare("", desired, actual, differences);
    return differences;
  }

  private static void compare(String path, JsonNode desired, JsonNode actual, List<FieldDifference> out) {
    if (desired.isObject()) {
      if (!actual.isObject()) {
        out.add(changed(path.isEmpty() ? "(resource)" : path, desired, actual));
        return;
      }
      desired.fields().forEachRemaining(f -> {
        if (!WRITE_ONLY.contains(f.getKey())) {
          compare(join(path, f.getKey()), f.getValue(), field(actual, f.getKey()), out);
        }
      });
    } else if (desired.isArray()) {
      compareArray(path, desired, actual, out);
    } else if (!sameScalar(desired, actual)) {
      out.add(changed(path, desired, actual));
    }
  }

  private static FieldDifference changed(String path, JsonNode desired, JsonNode actual) {
    return new FieldDifference(path, text(desired), text(actual));
  }

  /** A scalar as its text, a list or object as compact JSON; nothing at all as (absent). */
  private static String text(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return FieldDifference.ABSENT;
    }
    return node.isValueNode() ? node.asText() : node.toString();
  }

  private static void compareArray(String path, JsonNode desired, JsonNode actual, List<FieldDifference> out) {
    JsonNode actualArray = actual.isArray() ? actual : com.fasterxml.jackson.databind.node.JsonNodeFactory
        .instance.arrayNode();
    if (desired.size() > 0 && desired.get(0).has("name")) {
      Map<String, JsonNode> actualByName = new HashMap<>();
      Map<String, String> actualNames = new HashMap<>();
      actualArray.forEach(item -> {
        actualByName.put(key(item.path("name").asText()), item);
        actualNames.put(key(item.path("name").asText()), item.path("name").asText());
      });
      Set<String> desiredNames = new TreeSet<>();
      for (JsonNode item : desired) {
        String name = item.path("name").asText();
        desiredNames.add(key(name));
        JsonNode match = actualByName.get(key(name));
        if (match == null) {
          out.add(FieldDifference.missing(path + "[" + name + "]"));
        } else {
          compare(path + "[" + name + "]", item, match, out);
        }
      }
      actualByName.keySet().stream().filter(n -> !desiredNames.contains(n)).sorted()
          .forEach(n -> out.add(FieldDifference.notWanted(path + "[" + actualNames.get(n) + "]")));
      return;
    }
    if (desired.size() > 0 && desired.get(0).isObject()) {
      // Lists of references ({id}) compare by their IDs.
      if (!keys(desired, "id").equals(keys(actualArray, "id"))) {
        out.add(changed(path, desired, actual));
      }
      return;
    }
    if (!keys(desired, null).equals(keys(actualArray, null))) {
      out.add(changed(path, desired, actual));
    }
  }

  /** The field by its exact name, else by the name without case (ARM keeps tag names' case loosely). */
  private static JsonNode field(JsonNode object, String name) {
    JsonNode exact = object.path(name);
    if (!exact.isMissingNode()) {
      return exact;
    }
    for (var it = object.fieldNames(); it.hasNext(); ) {
      String candidate = it.next();
      if (candidate.equalsIgnoreCase(name)) {
        return object.get(candidate);
      }
    }
    return exact;
  }

  private static Set<String> keys(JsonNode array, String field) {
    Set<String> keys = new TreeSet<>();
    array.forEach(item -> keys.add(ScalarMeaning.of(field == null ? item : item.path(field))));
    return keys;
  }

  private static boolean sameScalar(JsonNode desired, JsonNode actual) {
    if (actual.isMissingNode() || actual.isNull()) {
      String d = desired.asText();
      return d.equals("*") || d.isEmpty() || (desired.isBoolean() && !desired.asBoolean());
    }
    return ScalarMeaning.of(desired).equals(ScalarMeaning.of(actual));
  }

  private static String key(String text) {
    return text.toLowerCase(Locale.ROOT);
  }

  private static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }
}
