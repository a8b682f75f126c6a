package io.amlnet.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The discovery documents that MSAL reads before it asks an Entra ID authority for a token. */
final class EntraDiscovery {
  private EntraDiscovery() {}

  static ObjectNode openidConfiguration(String baseUrl, String tenant) {
    String root = baseUrl + "/" + tenant;
    ObjectNode doc = Json.object()
        .put("issuer", root + "/v2.0")
        .put("token_endpoint", root + "/oauth2/v2.0/token")
        .put("authorization_endpoint", root + "/oauth2/v2.0/authorize")
        .put("device_authorization_endpoint", root + "/oauth2/v2.0/devicecode")
        .put("jwks_uri", root + "/discovery/v2.0/keys")
        .put("tenant_region_scope", "NA");
    doc.putArray("token_endpoint_auth_methods_supported").add("client_secret_post").add("private_key_jwt");
    doc.putArray("grant_types_supported").add("client_credentials");
    doc.putArray("response_types_supported").add("code").add("id_token").add("token");
    doc.putArray("subject_types_supported").add("pairwise");
    doc.putArray("id_token_signing_alg_values_supported").add("RS256");
    doc.putArray("scopes_supported").add("openid").add("profile").add("email").add("offline_access");
    return doc;
  }

  /** MSAL's instance discovery: this host is its own (only) alias. */
  static ObjectNode instance(String baseUrl) {
    String host = java.net.URI.create(baseUrl).getAuthority();
    ObjectNode body = Json.object().put("tenant_discovery_endpoint", baseUrl
        + "/common/v2.0/.well-known/openid-configuration").put("api-version", "1.1");
    ObjectNode meta = body.putArray("metadata").addObject().put("preferred_network", host).put("preferred_cache", host);
    meta.putArray("aliases").add(host);
    return body;
  }
}
