package io.amlnet.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.amlnet.api.ApiGroup;
import io.amlnet.api.AzureAccessGrant;
import io.amlnet.api.TrainingCompute;
import io.amlnet.api.TrainingEnvironment;
import io.amlnet.azure.ArmEndpoint;
import io.amlnet.controller.AmlnetOperator;
import io.amlnet.controller.OperatorSettings;
import io.amlnet.sandbox.ArmEmulator;
import io.amlnet.sandbox.EmulatorOptions;
import io.amlnet.sandbox.WorldSpec;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * amlnet end to end on this machine: a real kube-apiserver + etcd, the ARM emulator seeded with a
 * world file, the operator in-process, the examples applied, and their status shown as kubectl
 * would show it. Nothing reaches Azure.
 */
public final class SandboxDemo implements AutoCloseable {
  public static final String NAMESPACE = "ml-team";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final LocalKubernetes kubernetes;
  private final ArmEmulator arm;
  private final AmlnetOperator operator;
  private boolean closed;

  private SandboxDemo(LocalKubernetes kubernetes, ArmEmulator arm, AmlnetOperator operator) {
    this.kubernetes = kubernetes;
    this.arm = arm;
    this.operator = operator;
  }

  /**
   * The emulator's Entra ID trusts this API server's ServiceAccount tokens (its issuer and JWKS), so a
   * world file's federated credentials work with {@code spec.credential.serviceAccountName}.
   */
  private static void trustServiceAccountTokens(ArmEmulator arm, KubernetesClient client) throws IOException {
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    String issuer = json.readTree(client.raw("/.well-known/openid-configuration")).path("issuer").asText();
    arm.entra().trustIssuer(issuer, json.readTree(client.raw("/openid/v1/jwks")));
  }

  public static SandboxDemo start(Path world, Duration lroLatency, Duration resync, MeterRegistry metrics,
      PrintStream out) throws IOException {
    out.println("[sandbox] starting kube-apiserver " + LocalKubernetes.KUBERNETES_VERSION + " + etcd ...");
    LocalKubernetes kubernetes = LocalKubernetes.start();
    ArmEmulator arm = null;
    try {
      out.printf("[sandbox] Kubernetes API ready in %.1f s; kubeconfig: %s%n",
          kubernetes.startupTime().toMillis() / 1e3, kubernetes.kubeconfig());
      arm = ArmEmulator.start(WorldSpec.load(world), EmulatorOptions.defaults().port(0).lroLatency(lroLatency));
      out.println("[sandbox] ARM emulator at " + arm.baseUrl() + " (world " + world + ", CA " + arm.certificatePath()
          + ")");
      KubernetesClient client = kubernetes.client();
      trustServiceAccountTokens(arm, client);
      CrdInstaller.installBundled(client);
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
          .serverSideApply();
      OperatorSettings settings = OperatorSettings.defaults()
          .withNamespaces(Set.of(NAMESPACE))
          .withResync(resync, Duration.ofHours(24))
          .withArm(new ArmEndpoint(arm.baseUrl(), arm.certificatePath()), OperatorSettings.CredentialMode.Sandbox);
      // Before the operator starts, so that no example is ever seen without its grant.
      for (String grant : applyGrants(client, world.toAbsolutePath().resolveSibling("grants"))) {
        out.println("[sandbox] " + grant + " applied");
      }
      AmlnetOperator operator = new AmlnetOperator(client, settings, Clock.systemUTC(), metrics);
      SandboxDemo sandbox = new SandboxDemo(kubernetes, arm, operator);
      try {
        operator.start();
      } catch (RuntimeException e) {
        sandbox.close();
        throw e;
      }
      out.println("[sandbox] amlnet operator running (resync " + resync.toSeconds() + " s)");
      return sandbox;
    } catch (IOException | RuntimeException e) {
      // Stopped (Ctrl-C) or failed while starting: what did start must not outlive this process.
      closeQuietly(arm);
      closeQuietly(kubernetes);
      throw e;
    }
  }

  private static void closeQuietly(AutoCloseable started) {
    if (started == null) {
      return;
    }
    boolean interrupted = Thread.interrupted();
    try {
      started.close();
    } catch (Exception e) {
      // the failure that got us here is the one to report
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The AzureAccessGrants in the directory's *.yaml files (none if it does not exist), as the cluster admin. */
  private static List<String> applyGrants(KubernetesClient client, Path dir) throws IOException {
    List<String> applied = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return applied;
    }
    try (Stream<Path> listing = Files.list(dir)) {
      for (Path file : listing.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        for (JsonNode document : YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile()).readAll()) {
          if (document != null && document.path("kind").asText().equals("AzureAccessGrant")) {
            AzureAccessGrant grant = SERIALIZATION.convertValue(document, AzureAccessGrant.class);
            client.resource(grant).fieldManager("amlnet-sandbox").forceConflicts().serverSideApply();
            applied.add("AzureAccessGrant/" + grant.getMetadata().getName());
          }
        }
      }
    }
    return applied;
  }

  /** Applies every TrainingEnvironment, TrainingCompute and Secret in the directory's *.yaml files into ml-team. */
  public List<String> applyExamples(Path dir) throws IOException {
    List<String> applied = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files = listing.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    for (Path file : files) {
      List<JsonNode> documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile()).readAll();
      for (JsonNode document : documents) {
        Class<? extends HasMetadata> type = kindOf(document);
        if (type == null) {
          continue; // the world file and other documents amlnet does not apply
        }
        ((ObjectNode) document.with("metadata")).put("namespace", NAMESPACE);
        HasMetadata object = SERIALIZATION.convertValue(document, type);
        kubernetes.client().resource(object).fieldManager("amlnet-sandbox").forceConflicts().serverSideApply();
        applied.add(document.path("kind").asText() + "/" + object.getMetadata().getName());
      }
    }
    return applied;
  }

  /** amlnet's two kinds, and the Secrets attached computes' credentials come in; null for anything else. */
  private static Class<? extends HasMetadata> kindOf(JsonNode document) {
    if (document == null) {
      return null;
    }
    String apiVersion = document.path("apiVersion").asText();
    String kind = document.path("kind").asText();
    if (apiVersion.equals("v1") && kind.equals("Secret")) {
      return Secret.class;
    }
    if (!apiVersion.equals(ApiGroup.NAME + "/" + ApiGroup.VERSION)) {
      return null;
    }
    return kind.equals("TrainingEnvironment") ? TrainingEnvironment.class : TrainingCompute.class;
  }

  /** Waits until every object is Ready or Stalled (or the timeout passes); true when all are Ready. */
  public boolean awaitSettled(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (rows().stream().allMatch(r -> r.ready().equals("True") || r.stalled())) {
        break;
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return rows().stream().allMatch(r -> r.ready().equals("True"));
  }

  /** One line per object, as `kubectl get te,tc` would print the printer columns. */
  public String statusTable() {
    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {"KIND", "NAME", "READY", "REASON", "DETAIL"});
    for (Row r : rows()) {
      lines.add(new String[] {r.kind(), r.name(), r.ready(), r.reason(), r.detail()});
    }
    int[] widths = new int[5];
    lines.forEach(l -> {
      for (int i = 0; i < l.length; i++) {
        widths[i] = Math.max(widths[i], l[i].length());
      }
    });
    StringBuilder table = new StringBuilder();
    for (String[] l : lines) {
      for (int i = 0; i < l.length; i++) {
        table.append(String.format("%-" + widths[i] + "s", l[i])).append(i < l.length - 1 ? "  " : "");
      }
      table.append('\n');
    }
    return table.toString();
  }

  /** What the ARM emulator saw: reads, writes, deletes and throttled requests. */
  public String armCounts() {
    return arm.counts().toJson().toString();
  }

  public AmlnetOperator operator() {
    return operator;
  }

  public Path kubeconfig() {
    return kubernetes.kubeconfig();
  }

  private record Row(String kind, String name, String ready, String reason, boolean stalled, String detail) {}

  private List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    KubernetesClient client = kubernetes.client();
    for (TrainingEnvironment te : client.resources(TrainingEnvironment.class).inNamespace(NAMESPACE).list().getItems()) {
      List<Condition> conditions = te.getStatus() == null ? List.of() : te.getStatus().getConditions();
      String detail = te.getSpec().effectiveOutbound().effectiveMode() + " outbound, "
          + te.getSpec().effectiveForcedTunneling().effectiveMode() + " tunnelling"
          + (te.getStatus() != null && te.getStatus().getRouteCount() != null
              ? ", " + te.getStatus().getRouteCount() + " routes" : "");
      rows.add(row("TrainingEnvironment", te.getMetadata().getName(), conditions, detail));
    }
    for (TrainingCompute tc : client.resources(TrainingCompute.class).inNamespace(NAMESPACE).list().getItems()) {
      List<Condition> conditions = tc.getStatus() == null ? List.of() : tc.getStatus().getConditions();
      String detail = tc.getSpec().kind() + " in " + tc.getSpec().environmentRef()
          + (tc.getStatus() != null && tc.getStatus().getProvisioningState() != null
              ? ", " + tc.getStatus().getProvisioningState() : "");
      rows.add(row("TrainingCompute", tc.getMetadata().getName(), conditions, detail));
    }
    return rows;
  }

  private static Row row(String kind, String name, List<Condition> conditions, String detail) {
    Condition ready = conditions.stream().filter(c -> c.getType().equals("Ready")).findFirst().orElse(null);
    boolean stalled = conditions.stream().anyMatch(c -> c.getType().equals("Stalled") && c.getStatus().equals("True"));
    return new Row(kind, name, ready == null ? "Unknown" : ready.getStatus(), ready == null ? "Pending" : ready.getReason(),
        stalled, detail);
  }

  /**
   * Stops the operator, the emulator (its certificate directory goes), kube-apiserver and etcd
   * (their directories go); idempotent. It finishes even when the thread was interrupted (Ctrl-C
   * interrupts a sandbox that is still starting), since it must wait for the processes to end.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    boolean interrupted = Thread.interrupted();
    try {
      operator.close();
    } finally {
      try {
        arm.close();
      } finally {
        kubernetes.close();
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
