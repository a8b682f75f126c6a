package io.amlnet.controller;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.identity.ClientAssertionCredentialBuilder;
import io.amlnet.azure.ArmException;
import io.amlnet.azure.ArmPipelines;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Workload identity bound to a namespace: the Azure identity that a ServiceAccount of the
 * environment's own namespace names in its {@code azure.workload.identity/client-id} annotation,
 * authenticated with a short-lived token of that ServiceAccount (TokenRequest API, audience
 * {@code api://AzureADTokenExchange}) that Entra ID exchanges through a federated credential naming
 * {@code system:serviceaccount:<ns>:<sa>}. Neither token ever leaves this object: errors name the
 * ServiceAccount and the client ID only.
 */
final class ServiceAccountCredential implements TokenCredential {
  static final String CLIENT_ID = "azure.workload.identity/client-id";
  static final String TENANT_ID = "azure.workload.identity/tenant-id";
  static final String AUDIENCE = "api://AzureADTokenExchange";
  /** The shortest expiry the API server grants; the token is only used for the exchange. */
  static final long TOKEN_SECONDS = 600;
  /** A token is requested again, and an access token exchanged again, this long before it expires. */
  private static final Duration REFRESH_BEFORE = Duration.ofMinutes(2);

  /** Which Azure identity a ServiceAccount names; a change of either ID makes a new session. */
  record Identity(String namespace, String serviceAccount, String clientId, String tenantId) {
    String describe() {
      return "client ID " + clientId + " (ServiceAccount " + namespace + "/" + serviceAccount + ")";
    }
  }

  private final KubernetesClient kubernetes;
  private final Identity identity;
  private final TokenCredential exchange;
  private String serviceAccountToken;
  private Instant serviceAccountTokenExpiry = Instant.MIN;
  private AccessToken accessToken;

  /**
   * @param authorityHost Entra ID's host, or null for azure-identity's default (AZURE_AUTHORITY_HOST
   *     or the public cloud)
   * @param http the HTTP client to reach it (the emulator's trust), or null for the default
   */
  ServiceAccountCredential(KubernetesClient kubernetes, Identity identity, String authorityHost, HttpClient http) {
    this.kubernetes = kubernetes;
    this.identity = identity;
    ClientAssertionCredentialBuilder builder = new ClientAssertionCredentialBuilder()
        .tenantId(identity.tenantId())
        .clientId(identity.clientId())
        .clientAssertion(this::serviceAccountToken);
    if (authorityHost != null) {
      // A private authority (the emulator) is not in Entra ID's instance discovery list.
      builder.authorityHost(authorityHost).disableInstanceDiscovery();
    }
    if (http != null) {
      builder.httpClient(http);
    }
    this.exchange = builder.build();
  }

  /**
   * The identity the ServiceAccount {@code name} of {@code namespace} names.
   *
   * @throws ArmException ServiceAccountNotFound or ServiceAccountNotAnnotated: nothing to ask Azure with
   */
  static Identity resolve(KubernetesClient kubernetes, String namespace, String name, String defaultTenantId) {
    ServiceAccount account = kubernetes.serviceAccounts().inNamespace(namespace).withName(name).get();
    if (account == null) {
      throw new ArmException(400, "ServiceAccountNotFound", "ServiceAccount " + name + " not found in namespace "
          + namespace + " (spec.credential.serviceAccountName names a ServiceAccount of the environment's own namespace)");
    }
    Map<String, String> annotations = account.getMetadata().getAnnotations() == null ? Map.of()
        : account.getMetadata().getAnnotations();
    String clientId = annotations.get(CLIENT_ID);
    if (clientId == null || clientId.isBlank()) {
      throw new ArmException(400, "ServiceAccountNotAnnotated", "ServiceAccount " + namespace + "/" + name
          + " has no " + CLIENT_ID + " annotation naming the Azure identity to use");
    }
    String tenantId = annotations.getOrDefault(TENANT_ID, defaultTenantId);
    if (tenantId == null || tenantId.isBlank()) {
      throw new ArmException(400, "ServiceAccountNotAnnotated", "ServiceAccount " + namespace + "/" + name
          + " has no " + TENANT_ID + " annotation and the operator has no default tenant (--azure-tenant-id)");
    }
    return new Identity(namespace, name, clientId.trim(), tenantId.trim());
  }

  Identity identity() {
    return identity;
  }

  /**
   * Makes sure an access token is at hand, before any ARM request: a refused exchange is then an
   * error of its own (AzureTokenExchangeFailed), not retried inside the ARM pipeline.
   */
  void ensureToken() {
    token();
  }

  @Override
  public Mono<AccessToken> getToken(TokenRequestContext request) {
    return Mono.fromCallable(this::token);
  }

  @Override
  public AccessToken getTokenSync(TokenRequestContext request) {
    return token();
  }

  private synchronized AccessToken token() {
    if (accessToken == null || accessToken.getExpiresAt().minus(REFRESH_BEFORE).isBefore(OffsetDateTime.now())) {
      serviceAccountToken(); // its errors (ServiceAccountNotFound...) surface as they are, not wrapped by MSAL
      try {
        accessToken = exchange.getTokenSync(new TokenRequestContext().addScopes(ArmPipelines.ARM_SCOPE));
      } catch (RuntimeException e) {
        throw new ArmException(401, "AzureTokenExchangeFailed", "Entra ID did not exchange the token of "
            + identity.describe() + ": " + firstLine(rootMessage(e)));
      }
    }
    return accessToken;
  }

  /** A token of the ServiceAccount for Entra ID, requested again shortly before it expires. */
  private synchronized String serviceAccountToken() {
    if (serviceAccountToken == null || Instant.now().plus(REFRESH_BEFORE).isAfter(serviceAccountTokenExpiry)) {
      TokenRequest request = new TokenRequestBuilder().withNewSpec().withAudiences(AUDIENCE)
          .withExpirationSeconds(TOKEN_SECONDS).endSpec().build();
      TokenRequest issued;
      try {
        issued = kubernetes.serviceAccounts().inNamespace(identity.namespace()).withName(identity.serviceAccount())
            .tokenRequest(request);
      } catch (KubernetesClientException e) {
        throw new ArmException(e.getCode() == 404 ? 400 : 503, e.getCode() == 404 ? "ServiceAccountNotFound"
            : "ServiceAccountTokenRequestFailed", "the API server gave no token for ServiceAccount "
            + identity.namespace() + "/" + identity.serviceAccount() + " (HTTP " + e.getCode() + ")");
      }
      serviceAccountToken = issued.getStatus().getToken();
      serviceAccountTokenExpiry = Instant.parse(issued.getStatus().getExpirationTimestamp());
    }
    return serviceAccountToken;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
