package io.amlnet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;

/** ARM's optimistic concurrency: {@code If-Match} and {@code If-None-Match} against the etag. */
final class Preconditions {
  private Preconditions() {}

  static void check(ArmRequest request, JsonNode existing) {
    String ifMatch = request.header("If-Match");
    if (ifMatch != null && !ifMatch.isBlank()) {
      if (existing == null) {
        throw failed("The resource does not exist, so If-Match '" + ifMatch + "' cannot match.");
      }
      String etag = existing.path("etag").asText();
      if (!ifMatch.trim().equals("*") && !strip(ifMatch).equals(strip(etag))) {
        throw failed("The etag in If-Match '" + ifMatch + "' does not match the current etag '" + etag + "'.");
      }
    }
    String ifNoneMatch = request.header("If-None-Match");
    if (ifNoneMatch != null && ifNoneMatch.trim().equals("*") && existing != null) {
      throw failed("The resource already exists and If-None-Match is '*'.");
    }
  }

  private static String strip(String etag) {
    String e = etag.trim();
    return e.startsWith("W/") ? e.substring(2) : e;
  }

  private static ArmError failed(String message) {
    return new ArmError(412, "PreconditionFailed", message);
  }
}
