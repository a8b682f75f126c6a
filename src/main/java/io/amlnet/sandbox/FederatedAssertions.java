package io.amlnet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.StreamSupport;

/**
 * Whether a client assertion (a JWT of an outside issuer, such as a kube-apiserver ServiceAccount
 * token) may stand in for a service principal's secret: one of its federated credentials must name
 * the assertion's issuer, subject and an audience, the issuer's key must verify its RS256 signature
 * (keys a test passes in, as Entra ID would fetch them from the issuer), and it must be within its
 * lifetime.
 */
final class FederatedAssertions {
  /** Clock skew Entra ID tolerates on an assertion's exp and nbf. */
  private static final long SKEW_SECONDS = 60;

  /** Why an assertion is refused: Entra ID's AADSTS code and its description. */
  record Refusal(int code, String description) {}

  private final Map<String, Map<String, PublicKey>> issuerKeys = new ConcurrentHashMap<>();

  void trustIssuer(String issuer, Map<String, PublicKey> keys) {
    issuerKeys.put(issuer, keys);
  }

  /** Entra ID's checks of a federated assertion, in its order: issuer, signature, lifetime, subject, audience. */
  Optional<Refusal> refusal(EntraTenants.ServicePrincipal sp, Jwt assertion) {
    String issuer = assertion.claim("iss");
    List<EntraTenants.FederatedCredential> byIssuer = sp.federatedCredentials().stream()
        .filter(f -> f.issuer().equals(issuer)).toList();
    if (byIssuer.isEmpty()) {
      return Optional.of(new Refusal(700211, "No matching federated identity record found for"
          + " presented assertion issuer '" + issuer + "'."));
    }
    Map<String, PublicKey> keys = issuerKeys.getOrDefault(issuer, Map.of());
    PublicKey key = assertion.keyId() != null && keys.containsKey(assertion.keyId()) ? keys.get(assertion.keyId())
        : keys.size() == 1 ? keys.values().iterator().next() : null;
    if (key == null || !assertion.signedBy(key)) {
      return Optional.of(new Refusal(700027, "Client assertion failed signature validation:"
          + " no signing key of issuer '" + issuer + "' verifies it."));
    }
    long now = Instant.now().getEpochSecond();
    long exp = assertion.claims().path("exp").asLong(0);
    long nbf = assertion.claims().path("nbf").asLong(0);
    if (exp + SKEW_SECONDS < now || nbf - SKEW_SECONDS > now) {
      return Optional.of(new Refusal(700024, "Client assertion is not within its valid time range."
          + " Current time: " + Instant.ofEpochSecond(now) + ", assertion valid from " + Instant.ofEpochSecond(nbf)
          + ", expiry time of assertion " + Instant.ofEpochSecond(exp) + "."));
    }
    String subject = assertion.claim("sub");
    List<EntraTenants.FederatedCredential> bySubject = byIssuer.stream().filter(f -> f.subject().equals(subject))
        .toList();
    if (bySubject.isEmpty()) {
      return Optional.of(new Refusal(700213, "No matching federated identity record found for"
          + " presented assertion subject '" + subject + "'. Please check your federated identity credential Subject,"
          + " Audience and Issuer against the presented assertion."));
    }
    List<String> audiences = audiences(assertion.claims().path("aud"));
    if (bySubject.stream().noneMatch(f -> f.audiences().stream().anyMatch(audiences::contains))) {
      return Optional.of(new Refusal(700212, "No matching federated identity record found for"
          + " presented assertion audience '" + String.join(",", audiences) + "'."));
    }
    return Optional.empty();
  }

  private static List<String> audiences(JsonNode aud) {
    if (aud.isArray()) {
      return StreamSupport.stream(aud.spliterator(), false).map(JsonNode::asText).toList();
    }
    return aud.isMissingNode() ? List.of() : List.of(aud.asText());
  }
}
