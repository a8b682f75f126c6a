package io.amlnet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The directory of the world file's {@code entra.tenants}: per tenant its service principals (app
 * registrations or managed identities), each with an optional client secret and the federated
 * credentials (issuer, subject, audiences) that let an outside token stand in for a secret.
 */
final class EntraTenants {
  record FederatedCredential(String issuer, String subject, List<String> audiences) {}

  record ServicePrincipal(String tenantId, String clientId, String objectId, String clientSecret,
      List<FederatedCredential> federatedCredentials) {}

  private final Map<String, Map<String, ServicePrincipal>> tenants = new HashMap<>();

  EntraTenants(JsonNode entra) {
    for (JsonNode tenant : entra.path("tenants")) {
      String tenantId = required(tenant, "tenantId");
      Map<String, ServicePrincipal> principals = new HashMap<>();
      for (JsonNode sp : tenant.path("servicePrincipals")) {
        String clientId = required(sp, "clientId");
        List<FederatedCredential> federated = new ArrayList<>();
        for (JsonNode f : sp.path("federatedCredentials")) {
          List<String> audiences = new ArrayList<>();
          f.path("audiences").forEach(a -> audiences.add(a.asText()));
          federated.add(new FederatedCredential(required(f, "issuer"), required(f, "subject"),
              audiences.isEmpty() ? List.of("api://AzureADTokenExchange") : audiences));
        }
        // Without an objectId in the file, a stable one derived from the client ID.
        String objectId = sp.path("objectId").asText(
            UUID.nameUUIDFromBytes(clientId.getBytes(StandardCharsets.UTF_8)).toString());
        principals.put(key(clientId), new ServicePrincipal(tenantId, clientId, objectId,
            sp.path("clientSecret").asText(null), List.copyOf(federated)));
      }
      tenants.put(key(tenantId), principals);
    }
  }

  boolean hasTenant(String tenantId) {
    return tenants.containsKey(key(tenantId));
  }

  Optional<ServicePrincipal> principal(String tenantId, String clientId) {
    return Optional.ofNullable(tenants.getOrDefault(key(tenantId), Map.of()).get(key(clientId)));
  }

  private static String key(String id) {
    return id.toLowerCase(Locale.ROOT);
  }

  private static String required(JsonNode node, String field) {
    String v = node.path(field).asText(null);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException("world file: 'entra' needs '" + field + "' in " + node);
    }
    return v;
  }
}
