package io.amlnet.controller;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.amlnet.api.TrainingCompute;
import io.amlnet.api.TrainingEnvironment;
import io.amlnet.sandbox.EntraId;
import io.amlnet.sandbox.WorldSpec;
import io.amlnet.testing.ControlPlane;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * Workload identity per namespace, end to end: a real kube-apiserver issues the ServiceAccount token
 * (TokenRequest), azure-identity's ClientAssertionCredential exchanges it at the emulator's Entra ID,
 * which checks it against the API server's own signing keys and the world file's federated
 * credentials, and ARM then authorizes each write by that identity's permissions.
 */
@ExtendWith(ControlPlane.class)
class WorkloadIdentityIT {
  private static final Duration READY = OperatorIT.READY;
  /** Short: a rotated annotation is not watched, the next reconcile finds it. */
  private static final Duration RESYNC = Duration.ofSeconds(3);
  private static final String TENANT = "5b1c4a9e-3f2d-4c1b-9a8e-7d6c5b4a3f21";
  /** Team A's managed identity: what the world grants on the example's VNet and workspace. */
  private static final String TEAM_A = "a0a0a0a0-1111-4222-8333-444444444444";
  /** An identity that may read and join the subnet, but write nothing. */
  private static final String READ_ONLY = "c0c0c0c0-1111-4222-8333-444444444444";
  /** Team B's identity: federated with team B's ServiceAccount only, and granted what team A is. */
  private static final String TEAM_B = "b0b0b0b0-1111-4222-8333-444444444444";
  private static final String SUBSCRIPTION = "/subscriptions/6f1e6c2a-9d2b-4a43-8c1e-2a6f9d3b7c10";
  private static final String ENVIRONMENT = "open-outbound";
  private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /**
   * The sandbox world with a tenant whose identities federate with ServiceAccount {@code trainer} of
   * {@code namespace} (issuer: the API server's), and permissions per identity.
   */
  private static WorldSpec world(String namespace) {
    try {
      ObjectNode root = (ObjectNode) YAML.readTree(Files.readString(OperatorSandbox.WORLD));
      ArrayNode permissions = (ArrayNode) root.get("permissions");
      for (JsonNode entry : List.copyOf(toList(permissions))) {
        permissions.add(((ObjectNode) entry.deepCopy()).put("clientId", TEAM_A));
        permissions.add(((ObjectNode) entry.deepCopy()).put("clientId", TEAM_B));
      }
      ArrayNode readOnly = permissions.addObject().put("clientId", READ_ONLY).put("scope", SUBSCRIPTION)
          .putArray("actions");
      readOnly.add("*/read").add("Microsoft.Network/virtualNetworks/join/action")
          .add("Microsoft.Network/virtualNetworks/subnets/join/action");
      ArrayNode principals = root.putObject("entra").putArray("tenants").addObject().put("tenantId", TENANT)
          .putArray("servicePrincipals");
      for (String clientId : List.of(TEAM_A, READ_ONLY)) {
        principals.addObject().put("clientId", clientId).putArray("federatedCredentials").addObject()
            .put("issuer", issuer()).put("subject", "system:serviceaccount:" + namespace + ":trainer")
            .putArray("audiences").add(EntraId.TOKEN_EXCHANGE_AUDIENCE);
      }
      principals.addObject().put("clientId", TEAM_B).putArray("federatedCredentials").addObject()
          .put("issuer", issuer()).put("subject", "system:serviceaccount:team-b:trainer")
          .putArray("audiences").add(EntraId.TOKEN_EXCHANGE_AUDIENCE);
      return WorldSpec.parse(YAML.writeValueAsString(root));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<JsonNode> toList(ArrayNode array) {
    List<JsonNode> out = new java.util.ArrayList<>();
    array.forEach(out::add);
    return out;
  }

  /** The API server's ServiceAccount token issuer, from its own discovery document. */
  private static String issuer() {
    return json(ControlPlane.client().raw("/.well-known/openid-configuration")).path("issuer").asText();
  }

  private static JsonNode json(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The sandbox with its Entra ID trusting the API server's ServiceAccount signing keys (its JWKS). */
  private static OperatorSandbox sandbox() throws IOException {
    OperatorSandbox sandbox = OperatorSandbox.start(WorkloadIdentityIT::world, RESYNC);
    sandbox.arm.entra().trustIssuer(issuer(), json(sandbox.kube.raw("/openid/v1/jwks")));
    return sandbox;
  }

  private static void serviceAccount(KubernetesClient kube, String namespace, String name, Map<String, String> annotations) {
    kube.serviceAccounts().inNamespace(namespace).resource(new ServiceAccountBuilder().withNewMetadata()
        .withName(name).withAnnotations(annotations).endMetadata().build()).serverSideApply();
  }

  private static Map<String, String> identity(String clientId) {
    return Map.of(ServiceAccountCredential.CLIENT_ID, clientId, ServiceAccountCredential.TENANT_ID, TENANT);
  }

  /** The open-outbound example (environment and AmlCompute) with its credential naming a ServiceAccount. */
  private static void applyExample(OperatorSandbox sandbox, String serviceAccount) throws IOException {
    sandbox.apply("open-outbound.yaml", yaml -> yaml.replace("  outbound:\n    mode: Open\n",
        "  outbound:\n    mode: Open\n  credential:\n    serviceAccountName: " + serviceAccount + "\n"));
  }

  private static long writes(OperatorSandbox sandbox, int status) {
    return sandbox.arm.requests().entries().stream()
        .filter(e -> e.kind() != io.amlnet.sandbox.ArmRequest.Kind.READ && e.status() == status).count();
  }

  private static List<String> exchangedFor(OperatorSandbox sandbox) {
    return sandbox.arm.entra().grants().stream().map(EntraId.Grant::clientId).toList();
  }

  @Test
  void aServiceAccountsIdentityWritesWhereTheWorldGrantsIt() throws IOException {
    try (OperatorSandbox sandbox = sandbox()) {
      serviceAccount(sandbox.kube, sandbox.namespace, "trainer", identity(TEAM_A));
      applyExample(sandbox, "trainer");

      sandbox.awaitEnvironment(ENVIRONMENT, Conditions.READY, "True", READY);
      sandbox.awaitCompute("cpu-cluster", Conditions.READY, "True", READY);

      assertThat(sandbox.arm.entra().grants()).contains(new EntraId.Grant(TENANT, TEAM_A, "client_assertion",
          "system:serviceaccount:" + sandbox.namespace + ":trainer"));
      assertThat(writes(sandbox, 403)).isZero();
      assertThat(sandbox.compute("cpu-cluster").getStatus().getCredential().serviceAccountName()).isEqualTo("trainer");
    }
  }

  @Test
  void aServiceAccountsIdentityIsRefusedWhereTheWorldDoesNotGrantIt() throws IOException {
    try (OperatorSandbox sandbox = sandbox()) {
      serviceAccount(sandbox.kube, sandbox.namespace, "trainer", identity(READ_ONLY));
      applyExample(sandbox, "trainer");

      Condition stalled = sandbox.awaitEnvironment(ENVIRONMENT, Conditions.STALLED, "True", READY);

      assertThat(stalled.getReason()).isEqualTo("AuthorizationFailed");
      assertThat(stalled.getMessage()).contains(READ_ONLY);
      assertThat(exchangedFor(sandbox)).containsOnly(READ_ONLY);
      assertThat(writes(sandbox, 403)).isPositive();
      assertThat(writes(sandbox, 200) + writes(sandbox, 201) + writes(sandbox, 202)).isZero();
    }
  }

  @Test
  void aServiceAccountOfAnotherNamespaceCannotBeNamed() throws IOException {
    try (OperatorSandbox sandbox = sandbox()) {
      String teamB = ControlPlane.createNamespace("team-b");
      try {
        serviceAccount(sandbox.kube, teamB, "sa-b", identity(TEAM_A));
        applyExample(sandbox, "sa-b");

        Condition stalled = sandbox.awaitEnvironment(ENVIRONMENT, Conditions.STALLED, "True", READY);

        assertThat(stalled.getReason()).isEqualTo("ServiceAccountNotFound");
        assertThat(stalled.getMessage()).contains("sa-b", sandbox.namespace);
        assertThat(sandbox.arm.requests().entries()).isEmpty();
        assertThat(sandbox.arm.entra().grants()).isEmpty();
      } finally {
        sandbox.kube.namespaces().withName(teamB).delete();
      }
    }
  }

  @Test
  void aServiceAccountNamingAnotherTeamsClientIdIsRefusedByEntraId() throws IOException {
    try (OperatorSandbox sandbox = sandbox()) {
      serviceAccount(sandbox.kube, sandbox.namespace, "trainer", identity(TEAM_B));
      applyExample(sandbox, "trainer");

      Condition stalled = sandbox.awaitEnvironment(ENVIRONMENT, Conditions.STALLED, "True", READY);

      assertThat(stalled.getReason()).isEqualTo("AzureTokenExchangeFailed");
      assertThat(stalled.getMessage()).contains(TEAM_B, "AADSTS700213");
      assertThat(sandbox.arm.entra().grants()).isEmpty();
      assertThat(sandbox.arm.requests().entries()).isEmpty();
    }
  }

  @Test
  void aServiceAccountWithoutTheClientIdAnnotationStalls() throws IOException {
    try (OperatorSandbox sandbox = sandbox()) {
      serviceAccount(sandbox.kube, sandbox.namespace, "trainer", Map.of());
      applyExample(sandbox, "trainer");

      Condition stalled = sandbox.awaitEnvironment(ENVIRONMENT, Conditions.STALLED, "True", READY);

      assertThat(stalled.getReason()).isEqualTo("ServiceAccountNotAnnotated");
      assertThat(stalled.getMessage()).contains(ServiceAccountCredential.CLIENT_ID);
      assertThat(sandbox.arm.requests().entries()).isEmpty();
    }
  }

  @Test
  void rotatingTheClientIdAnnotationTakesEffectOnTheNextReconcile() throws IOException {
    try (OperatorSandbox sandbox = sandbox()) {
      serviceAccount(sandbox.kube, sandbox.namespace, "trainer", identity(READ_ONLY));
      applyExample(sandbox, "trainer");
      assertThat(sandbox.awaitEnvironment(ENVIRONMENT, Conditions.STALLED, "True", READY).getMessage())
          .contains(READ_ONLY);

      serviceAccount(sandbox.kube, sandbox.namespace, "trainer", identity(TEAM_A));

      sandbox.awaitEnvironment(ENVIRONMENT, Conditions.READY, "True", READY);
      assertThat(exchangedFor(sandbox)).containsSubsequence(READ_ONLY, TEAM_A);
    }
  }

  @Test
  void theIdentityIsRecordedByClientIdAndNoTokenReachesALogAnEventOrAStatus() throws IOException {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    root.addAppender(log);
    try (OperatorSandbox sandbox = sandbox()) {
      serviceAccount(sandbox.kube, sandbox.namespace, "trainer", identity(TEAM_A));
      applyExample(sandbox, "trainer");
      sandbox.awaitCompute("cpu-cluster", Conditions.READY, "True", READY);

      List<Event> events = sandbox.kube.resources(Event.class).inNamespace(sandbox.namespace).list().getItems();
      assertThat(events).filteredOn(e -> e.getReason().equals("AzureWrite"))
          .allSatisfy(e -> assertThat(e.getNote()).contains("client ID " + TEAM_A));
      assertThat(log.list).anySatisfy(e -> assertThat(e.getMDCPropertyMap().get(AzureSessions.LOG_KEY))
          .contains(TEAM_A));
      String shown = log.list.stream().map(e -> e.getFormattedMessage() + e.getMDCPropertyMap()
              + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage())).toList()
          + events.toString()
          + sandbox.kube.resources(TrainingEnvironment.class).inNamespace(sandbox.namespace).list().getItems()
          + sandbox.kube.resources(TrainingCompute.class).inNamespace(sandbox.namespace).list().getItems();
      assertThat(JWT.matcher(shown).find()).as("a JWT (ServiceAccount or access token) in what amlnet showed")
          .isFalse();
    } finally {
      root.detachAppender(log);
    }
  }
}
