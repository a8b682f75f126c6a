package io.amlnet.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.identity.ClientAssertionCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The emulator's Entra ID: a ServiceAccount token (a JWT of an outside issuer) is exchanged only when
 * its signature, lifetime, subject and audience match a federated credential of the world file; a
 * client secret only when it is the principal's; and ARM then authorizes each request by the
 * permissions of the identity its token names. azure-identity's own credential classes talk to it.
 */
class EntraTokenEndpointTest {
  private static final String TENANT = "11111111-2222-3333-4444-555555555555";
  private static final String TEAM_A = "aaaaaaaa-0000-0000-0000-00000000000a";
  private static final String TEAM_B = "bbbbbbbb-0000-0000-0000-00000000000b";
  private static final String ISSUER = "https://kubernetes.test";
  private static final String SUBJECT = "system:serviceaccount:team-a:trainer";
  private static final String SECRET = "team-b-secret-value";
  private static final String RG = "/subscriptions/s1/resourceGroups/";
  private static KeyPair issuerKey;
  private static EmulatorHarness arm;

  @BeforeAll
  static void start() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    issuerKey = rsa.generateKeyPair();
    arm = new EmulatorHarness(WorldSpec.parse("""
        sandbox: {enforcePermissions: true, lroLatencyMs: 0}
        subscriptions:
          - subscriptionId: s1
            resourceGroups: [{name: team-a}, {name: team-b}]
        permissions:
          - {clientId: %1$s, scope: %3$steam-a, actions: ["Microsoft.Network/*"]}
          - {clientId: %2$s, scope: %3$steam-b, actions: ["Microsoft.Network/*"]}
          - {scope: /subscriptions/s1, actions: ["*/read"]}
        entra:
          tenants:
            - tenantId: %4$s
              servicePrincipals:
                - clientId: %1$s
                  federatedCredentials:
                    - {issuer: "%5$s", subject: "%6$s", audiences: [api://AzureADTokenExchange]}
                - {clientId: %2$s, clientSecret: %7$s}
        """.formatted(TEAM_A, TEAM_B, RG, TENANT, ISSUER, SUBJECT, SECRET)), EmulatorOptions.defaults());
    arm.emulator.entra().trustIssuer(ISSUER, Json.object().set("keys",
        Json.array().add(Jwt.jwk((RSAPublicKey) issuerKey.getPublic(), "sa-key"))));
  }

  @AfterAll
  static void stop() {
    arm.close();
  }

  private static ObjectNode assertionClaims() {
    long now = Instant.now().getEpochSecond();
    return Json.object().put("iss", ISSUER).put("sub", SUBJECT).put("aud", EntraId.TOKEN_EXCHANGE_AUDIENCE)
        .put("iat", now).put("nbf", now).put("exp", now + 600);
  }

  private static String assertion(ObjectNode claims) {
    return Jwt.sign(claims, issuerKey.getPrivate(), "sa-key");
  }

  private static EmulatorHarness.Reply tokenRequest(String tenant, Map<String, String> form) {
    String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
        StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    return arm.sendRaw("POST", arm.emulator.baseUrl() + "/" + tenant + "/oauth2/v2.0/token", body,
        Map.of("Content-Type", "application/x-www-form-urlencoded"));
  }

  private static EmulatorHarness.Reply exchange(String assertion) {
    return tokenRequest(TENANT, Map.of("grant_type", "client_credentials", "client_id", TEAM_A,
        "scope", SandboxAzureClients.SCOPE, "client_assertion_type", EntraId.JWT_BEARER, "client_assertion", assertion));
  }

  private static String description(EmulatorHarness.Reply reply) {
    return reply.body().path("error_description").asText();
  }

  private static TokenCredential teamAWorkloadIdentity(String assertion) {
    return new ClientAssertionCredentialBuilder().tenantId(TENANT).clientId(TEAM_A).clientAssertion(() -> assertion)
        .authorityHost(arm.emulator.baseUrl()).disableInstanceDiscovery()
        .httpClient(SandboxAzureClients.httpClientTrusting(arm.emulator.certificatePath())).build();
  }

  private static String token(TokenCredential credential) {
    return credential.getTokenSync(new TokenRequestContext().addScopes(SandboxAzureClients.SCOPE)).getToken();
  }

  private static EmulatorHarness.Reply putRouteTable(String group, String token) {
    return arm.sendRaw("PUT", arm.emulator.baseUrl() + RG + group
        + "/providers/Microsoft.Network/routeTables/rt?api-version=" + EmulatorHarness.API,
        "{\"location\":\"eastus2\"}", Map.of("Authorization", "Bearer " + token));
  }

  @Test
  void aValidServiceAccountAssertionIsExchangedForATokenNamingTheIdentity() {
    String token = token(teamAWorkloadIdentity(assertion(assertionClaims())));

    Jwt issued = Jwt.parse(token);
    assertThat(issued.claim("appid")).isEqualTo(TEAM_A);
    assertThat(issued.claim("tid")).isEqualTo(TENANT);
    assertThat(arm.emulator.entra().grants()).contains(new EntraId.Grant(TENANT, TEAM_A, "client_assertion", SUBJECT));
  }

  @Test
  void anAssertionSignedByAnotherKeyIsRefused() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    String forged = Jwt.sign(assertionClaims(), rsa.generateKeyPair().getPrivate(), "sa-key");

    EmulatorHarness.Reply reply = exchange(forged);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(description(reply)).startsWith("AADSTS700027");
  }

  @Test
  void anAssertionForAnotherServiceAccountIsRefused() {
    EmulatorHarness.Reply reply = exchange(assertion(assertionClaims().put("sub", "system:serviceaccount:team-b:trainer")));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(description(reply)).startsWith("AADSTS700213").contains("system:serviceaccount:team-b:trainer");
  }

  @Test
  void anAssertionForAnotherAudienceIsRefused() {
    EmulatorHarness.Reply reply = exchange(assertion(assertionClaims().put("aud", "https://kubernetes.default.svc")));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(description(reply)).startsWith("AADSTS700212");
  }

  @Test
  void anAssertionOfAnotherIssuerIsRefused() {
    EmulatorHarness.Reply reply = exchange(assertion(assertionClaims().put("iss", "https://elsewhere.test")));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(description(reply)).startsWith("AADSTS700211");
  }

  @Test
  void anExpiredAssertionIsRefused() {
    long hourAgo = Instant.now().getEpochSecond() - 3600;
    EmulatorHarness.Reply reply = exchange(assertion(assertionClaims().put("iat", hourAgo).put("nbf", hourAgo)
        .put("exp", hourAgo + 600)));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(description(reply)).startsWith("AADSTS700024");
  }

  @Test
  void anUnknownTenantIsRefused() {
    EmulatorHarness.Reply reply = tokenRequest("99999999-9999-9999-9999-999999999999", Map.of("grant_type",
        "client_credentials", "client_id", TEAM_B, "client_secret", SECRET, "scope", SandboxAzureClients.SCOPE));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(description(reply)).startsWith("AADSTS90002");
  }

  @Test
  void aWrongClientSecretIsRefusedWithoutEchoingIt() {
    EmulatorHarness.Reply reply = tokenRequest(TENANT, Map.of("grant_type", "client_credentials", "client_id", TEAM_B,
        "client_secret", "not-the-secret", "scope", SandboxAzureClients.SCOPE));

    assertThat(reply.status()).isEqualTo(401);
    assertThat(description(reply)).startsWith("AADSTS7000215").doesNotContain("not-the-secret");
  }

  @Test
  void theRightClientSecretIsExchangedThroughAzureIdentity() {
    String token = token(new ClientSecretCredentialBuilder().tenantId(TENANT).clientId(TEAM_B).clientSecret(SECRET)
        .authorityHost(arm.emulator.baseUrl()).disableInstanceDiscovery()
        .httpClient(SandboxAzureClients.httpClientTrusting(arm.emulator.certificatePath())).build());

    assertThat(Jwt.parse(token).claim("appid")).isEqualTo(TEAM_B);
  }

  @Test
  void armAuthorizesEachRequestByThePermissionsOfTheIdentityInItsToken() {
    String teamA = token(teamAWorkloadIdentity(assertion(assertionClaims())));

    assertThat(putRouteTable("team-a", teamA).status()).isEqualTo(201);
    EmulatorHarness.Reply refused = putRouteTable("team-b", teamA);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.errorCode()).isEqualTo("AuthorizationFailed");
    assertThat(refused.body().path("error").path("message").asText()).contains("'" + TEAM_A + "'");
  }

  @Test
  void theDefaultCallerHasOnlyTheEntriesWithoutAClientId() {
    assertThat(putRouteTable("team-a", "sandbox-token").status()).isEqualTo(403);
    assertThat(arm.get(RG + "team-a").status()).isEqualTo(200);
  }

  @Test
  void armRefusesATokenThatThisEntraIdDidNotIssue() {
    String foreign = Jwt.sign(Json.object().put("appid", TEAM_A).put("exp", Instant.now().getEpochSecond() + 600),
        issuerKey.getPrivate(), "amlnet-sandbox-entra");

    EmulatorHarness.Reply reply = putRouteTable("team-a", foreign);

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.errorCode()).isEqualTo("InvalidAuthenticationTokenSignature");
  }

  @Test
  void azureIdentityReportsARefusedExchange() {
    String wrongSubject = assertion(assertionClaims().put("sub", "system:serviceaccount:team-b:trainer"));

    assertThatThrownBy(() -> token(teamAWorkloadIdentity(wrongSubject))).hasMessageContaining("AADSTS700213");
  }
}
