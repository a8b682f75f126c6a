package io.amlnet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One HTTP request as the emulator sees it: method, decoded path, query, headers, body. */
public record ArmRequest(
    String method, String path, Map<String, String> query, Map<String, List<String>> headers, byte[] body) {

  /** The ARM operation kinds that throttling and the request log count separately. */
  public enum Kind {
    READ,
    WRITE,
    DELETE
  }

  public static Map<String, String> parseQuery(String rawQuery) {
    Map<String, String> q = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return q;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      q.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return q;
  }

  public String header(String name) {
    for (var e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }

  public String apiVersion() {
    return query.get("api-version");
  }

  /** A policy check is a POST that changes nothing, so it counts as a read (see the README). */
  public Kind kind() {
    if (method.equalsIgnoreCase("POST") && PolicyRestrictions.isCheck(path)) {
      return Kind.READ;
    }
    return switch (method.toUpperCase(Locale.ROOT)) {
      case "GET", "HEAD" -> Kind.READ;
      case "DELETE" -> Kind.DELETE;
      default -> Kind.WRITE;
    };
  }

  /** The body as a JSON object; 400 InvalidRequestContent when it is not one. */
  public ObjectNode jsonObject() {
    try {
      JsonNode n = body.length == 0 ? null : Json.parse(body);
      if (n instanceof ObjectNode o) {
        return o;
      }
    } catch (IOException e) {
      throw ArmError.badRequest("InvalidRequestContent", "The request content was invalid and could not be deserialized: " + e.getMessage());
    }
    throw ArmError.badRequest("InvalidRequestContent", "The request content was invalid: a JSON object is required.");
  }
}
