package io.amlnet.sandbox;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The api-versions accepted per provider namespace: the ones that clients really send (network SDK
 * 2.53.0 sends 2024-07-01, Microsoft's examples use 2024-05-01 and 2024-03-01, ML 2024-10-01).
 * Namespaces not listed accept any well-formed version.
 */
public final class ApiVersions {
  private static final Pattern FORMAT = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}(-preview|-beta|-alpha)?$");
  private static final Map<String, Set<String>> SUPPORTED = Map.of(
      "microsoft.network", Set.of("2023-02-01", "2023-04-01", "2023-05-01", "2023-06-01", "2023-09-01",
          "2023-11-01", "2024-01-01", "2024-03-01", "2024-05-01", "2024-07-01"),
      "microsoft.machinelearningservices", Set.of("2023-04-01", "2023-10-01", "2024-04-01", "2024-07-01-preview",
          "2024-10-01", "2024-10-01-preview", "2025-01-01-preview"),
      "microsoft.authorization", Set.of("2015-07-01", "2016-09-01", "2018-01-01-preview", "2020-05-01",
          "2022-04-01"));

  private ApiVersions() {}

  public static void check(ArmRequest request, ResourceId id) {
    String v = request.apiVersion();
    if (v == null || v.isBlank()) {
      throw ArmError.badRequest("MissingApiVersionParameter",
          "The api-version query parameter (?api-version=) is required for all requests.");
    }
    String ns = id == null || id.namespace() == null ? "" : id.namespace().toLowerCase(Locale.ROOT);
    Set<String> supported = SUPPORTED.get(ns);
    boolean operationPoll = id != null && !id.types().isEmpty() && id.types().get(0).equalsIgnoreCase("locations");
    if (!FORMAT.matcher(v).matches() || supported != null && !operationPoll && !supported.contains(v)) {
      throw ArmError.badRequest("NoRegisteredProviderFound",
          "No registered resource provider found for API version '" + v + "' and namespace '" + ns
              + "'. The supported api-versions are '" + (supported == null ? "yyyy-mm-dd" : String.join(", ", supported.stream().sorted().toList())) + "'.");
    }
  }
}
