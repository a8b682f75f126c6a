package io.amlnet.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a manifest against the structural part of a CRD's openAPIV3Schema (types, required
 * fields, enums, patterns, bounds, unknown fields), the way the API server and a strict kubectl
 * would, so `amlnet plan` rejects what a cluster would reject. Patterns are RE2, as in the API server
 * (linear time however long the value; {@code $} only at the end of the text); a value longer than
 * its maxLength is not matched at all. CEL rules are {@link CelRules}.
 */
public final class SchemaValidator {
  private SchemaValidator() {}

  /** Errors as "path: problem", in document order; empty when the object is valid. */
  public static List<String> validate(JsonNode schema, JsonNode value, String path) {
    List<String> errors = new ArrayList<>();
    check(schema, value, path, errors);
    return errors;
  }

  private static void check(JsonNode schema, JsonNode value, String path, List<String> errors) {
    String type = schema.path("type").asText("");
    switch (type) {
      case "object" -> checkObject(schema, value, path, errors);
      case "array" -> {
        if (!value.isArray()) {
          errors.add(path + ": must be a list");
          return;
        }
        for (int i = 0; i < value.size(); i++) {
          check(schema.path("items"), value.get(i), path + "[" + i + "]", errors);
        }
      }
      case "string" -> checkString(schema, value, path, errors);
      case "integer" -> {
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
          errors.add(path + ": must be an integer");
          return;
        }
        checkBounds(schema, value, path, errors);
      }
      case "number" -> {
        if (!value.isNumber()) {
          errors.add(path + ": must be a number");
          return;
        }
        checkBounds(schema, value, path, errors);
      }
      case "boolean" -> {
        if (!value.isBoolean()) {
          errors.add(path + ": must be true or false");
        }
      }
      default -> { }
    }
  }

  private static void checkObject(JsonNode schema, JsonNode value, String path, List<String> errors) {
    if (!value.isObject()) {
      errors.add(path + ": must be an object");
      return;
    }
    for (JsonNode required : schema.path("required")) {
      if (!value.hasNonNull(required.asText())) {
        errors.add(child(path, required.asText()) + ": required");
      }
    }
    JsonNode properties = schema.path("properties");
    boolean preserveUnknown = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (properties.has(field.getKey())) {
        if (!field.getValue().isNull()) {
          check(properties.get(field.getKey()), field.getValue(), child(path, field.getKey()), errors);
        }
      } else if (!preserveUnknown && properties.size() > 0) {
        errors.add(child(path, field.getKey()) + ": unknown field");
      }
    }
  }

  private static void checkString(JsonNode schema, JsonNode value, String path, List<String> errors) {
    if (!value.isTextual()) {
      errors.add(path + ": must be a string");
      return;
    }
    String text = value.asText();
    // The API server counts characters (runes), not UTF-16 units.
    int length = text.codePointCount(0, text.length());
    if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
      errors.add(path + ": may not be longer than " + schema.get("maxLength").asInt() + " characters (has " + length + ")");
      return;
    }
    if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
      errors.add(path + ": must be at least " + schema.get("minLength").asInt() + " characters");
    }
    if (schema.has("enum")) {
      List<String> allowed = new ArrayList<>();
      schema.get("enum").forEach(e -> allowed.add(e.asText()));
      if (!allowed.contains(text)) {
        errors.add(path + ": unsupported value " + quoted(text) + ": must be one of " + String.join(", ", allowed));
      }
    }
    if (schema.has("pattern") && !com.google.re2j.Pattern.compile(schema.get("pattern").asText()).matcher(text).find()) {
      errors.add(path + ": " + quoted(text) + " does not match " + schema.get("pattern").asText());
    }
  }

  /** The value as a Java string literal, cut short: control and invisible characters must show. */
  static String quoted(String text) {
    StringBuilder out = new StringBuilder("\"");
    text.codePoints().limit(80).forEach(c -> {
      if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
        out.appendCodePoint(c);
      } else if (c == '"' || c == '\\') {
        out.append('\\').appendCodePoint(c);
      } else {
        out.append(c > 0xffff ? String.format("\\U%08x", c) : String.format("\\u%04x", c));
      }
    });
    return out.append(text.codePointCount(0, text.length()) > 80 ? "...\"" : "\"").toString();
  }

  private static void checkBounds(JsonNode schema, JsonNode value, String path, List<String> errors) {
    if (schema.has("minimum") && value.asDouble() < schema.get("minimum").asDouble()) {
      errors.add(path + ": must be at least " + schema.get("minimum").asLong());
    }
    if (schema.has("maximum") && value.asDouble() > schema.get("maximum").asDouble()) {
      errors.add(path + ": must be at most " + schema.get("maximum").asLong());
    }
  }

  private static String child(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }
}
