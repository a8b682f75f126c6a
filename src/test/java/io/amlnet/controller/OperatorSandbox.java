package io.amlnet.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.amlnet.api.AzureAccessGrant;
import io.amlnet.api.AzureAccessGrantSpec;
import io.amlnet.api.TrainingCompute;
import io.amlnet.api.TrainingEnvironment;
import io.amlnet.azure.ArmEndpoint;
import io.amlnet.azure.ArmPipelines;
import io.amlnet.deploy.ChartServiceAccount;
import io.amlnet.sandbox.ArmEmulator;
import io.amlnet.sandbox.EmulatorOptions;
import io.amlnet.sandbox.WorldSpec;
import io.amlnet.testing.ControlPlane;
import io.amlnet.testing.Crds;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The operator in-process against the real API server (one namespace per sandbox) and a fresh ARM
 * emulator seeded with examples/sandbox-world.yaml: what an integration test needs to apply the
 * examples, wait for conditions and count what amlnet did to Azure.
 */
final class OperatorSandbox implements AutoCloseable {
  static final Path WORLD = Path.of("examples/sandbox-world.yaml");
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  /** The allow-everything grant of a sandbox is named after its namespace. */
  static final String GRANT_PREFIX = io.amlnet.testing.SingleTeamGrant.PREFIX;
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  final ArmEmulator arm;
  final KubernetesClient kube;
  final String namespace;
  /** The operator's own client: the chart's ServiceAccount, so its RBAC is exactly the chart's. */
  private final KubernetesClient operatorClient;
  private final AmlnetOperator operator;
  private final OperatorSettings settings;
  private final List<AmlnetOperator> others = new ArrayList<>();
  private boolean operatorStopped;

  private OperatorSandbox(ArmEmulator arm, KubernetesClient kube, String namespace, KubernetesClient operatorClient,
      AmlnetOperator operator, OperatorSettings settings) {
    this.arm = arm;
    this.kube = kube;
    this.namespace = namespace;
    this.operatorClient = operatorClient;
    this.operator = operator;
    this.settings = settings;
  }

  static OperatorSandbox start(Duration resync, Consumer<EmulatorOptions> emulator) throws IOException {
    return start(resync, Duration.ofHours(24), emulator);
  }

  static OperatorSandbox start(Duration resync, Duration serviceTagRefresh, Consumer<EmulatorOptions> emulator)
      throws IOException {
    return start(resync, serviceTagRefresh, emulator, settings -> settings);
  }

  /** With the operator's settings edited (e.g. no pipeline retries, leader election on). */
  static OperatorSandbox start(Duration resync, Duration serviceTagRefresh, Consumer<EmulatorOptions> emulator,
      java.util.function.UnaryOperator<OperatorSettings> edit) throws IOException {
    return start(resync, serviceTagRefresh, emulator, edit, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
  }

  static OperatorSandbox start(Duration resync, Duration serviceTagRefresh, Consumer<EmulatorOptions> emulator,
      io.micrometer.core.instrument.MeterRegistry metrics) throws IOException {
    return start(resync, serviceTagRefresh, emulator, settings -> settings, metrics);
  }

  static OperatorSandbox start(Duration resync, Duration serviceTagRefresh, Consumer<EmulatorOptions> emulator,
      java.util.function.UnaryOperator<OperatorSettings> edit, io.micrometer.core.instrument.MeterRegistry metrics)
      throws IOException {
    WorldSpec world = WorldSpec.load(WORLD);
    return start(namespace -> world, resync, serviceTagRefresh, emulator, edit, metrics, true);
  }

  /** On another world than the examples' (e.g. more VNets for a scale test). */
  static OperatorSandbox start(WorldSpec world, Duration resync, Duration serviceTagRefresh,
      Consumer<EmulatorOptions> emulator, java.util.function.UnaryOperator<OperatorSettings> edit,
      io.micrometer.core.instrument.MeterRegistry metrics) throws IOException {
    return start(namespace -> world, resync, serviceTagRefresh, emulator, edit, metrics, true);
  }

  /** With a world made for the sandbox's namespace (e.g. federated credentials naming its ServiceAccounts). */
  static OperatorSandbox start(java.util.function.Function<String, WorldSpec> world, Duration resync)
      throws IOException {
    return start(world, resync, Duration.ofHours(24), o -> { }, settings -> settings,
        new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), true);
  }

  /** With no AzureAccessGrant for the namespace: whatever a test creates there is refused until it grants. */
  static OperatorSandbox startWithoutGrant(Duration resync) throws IOException {
    WorldSpec world = WorldSpec.load(WORLD);
    return start(namespace -> world, resync, Duration.ofHours(24), o -> { }, settings -> settings,
        new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), false);
  }

  private static OperatorSandbox start(java.util.function.Function<String, WorldSpec> world, Duration resync,
      Duration serviceTagRefresh, Consumer<EmulatorOptions> emulator,
      java.util.function.UnaryOperator<OperatorSettings> edit, io.micrometer.core.instrument.MeterRegistry metrics,
      boolean grantEverything) throws IOException {
    KubernetesClient kube = ControlPlane.client();
    Crds.installAll(kube, Crds.CHECKED_IN);
    String namespace = ControlPlane.createNamespace("amlnet-it");
    if (grantEverything) {
      grant(kube, allowEverything(namespace));
    }
    EmulatorOptions options = EmulatorOptions.defaults().port(0).lroLatency(Duration.ofMillis(100));
    emulator.accept(options);
    ArmEmulator arm = ArmEmulator.start(world.apply(namespace), options);
    OperatorSettings settings = OperatorSettings.defaults()
        .withNamespaces(Set.of(namespace))
        .withResync(resync, serviceTagRefresh)
        .withArm(new ArmEndpoint(arm.baseUrl(), arm.certificatePath()), OperatorSettings.CredentialMode.Sandbox)
        .withPolling(Duration.ofMillis(50),
            new ArmPipelines.RetrySettings(6, Duration.ofMillis(100), Duration.ofSeconds(2)));
    settings = edit.apply(settings);
    KubernetesClient operatorClient = ChartServiceAccount.install(namespace);
    AmlnetOperator operator = new AmlnetOperator(operatorClient, settings, Clock.systemUTC(), metrics);
    operator.start();
    return new OperatorSandbox(arm, kube, namespace, operatorClient, operator, settings);
  }

  /**
   * The single-team grant, for this namespace only: every scope, every identity. What every test that
   * is not about tenancy runs under, as a single-team cluster would.
   */
  static AzureAccessGrant allowEverything(String namespace) {
    return io.amlnet.testing.SingleTeamGrant.forNamespace(namespace);
  }

  static AzureAccessGrant grant(String name, List<String> namespaces, List<String> scopes,
      AzureAccessGrantSpec.Identities identities) {
    return io.amlnet.testing.SingleTeamGrant.grant(name, namespaces, scopes, identities);
  }

  /** Creates (or replaces) a grant as the cluster admin would. */
  static AzureAccessGrant grant(KubernetesClient kube, AzureAccessGrant grant) {
    return kube.resource(grant).serverSideApply();
  }

  /** Applies every document of an example file (environments, computes, Secrets) into this sandbox's namespace. */
  List<HasMetadata> apply(String example) throws IOException {
    return apply(example, yaml -> yaml);
  }

  List<HasMetadata> apply(String example, java.util.function.UnaryOperator<String> edit) throws IOException {
    return applyYaml(edit.apply(Files.readString(Path.of("examples", example))));
  }

  /** Applies every document of {@code yaml} into this sandbox's namespace. */
  List<HasMetadata> applyYaml(String yaml) throws IOException {
    List<HasMetadata> created = new ArrayList<>();
    List<JsonNode> documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll();
    for (JsonNode doc : documents) {
      if (doc == null || doc.isEmpty()) {
        continue;
      }
      ((ObjectNode) doc.get("metadata")).put("namespace", namespace);
      Class<? extends HasMetadata> type = switch (doc.path("kind").asText()) {
        case "TrainingEnvironment" -> TrainingEnvironment.class;
        case "Secret" -> Secret.class; // an attached compute's credentials, beside it in its example
        default -> TrainingCompute.class;
      };
      created.add(kube.resource(SERIALIZATION.convertValue(doc, type)).create());
    }
    return created;
  }

  /** The TrainingCompute among what {@link #apply} created (an example may put its Secret first). */
  static TrainingCompute computeIn(List<HasMetadata> applied) {
    return applied.stream().filter(TrainingCompute.class::isInstance).map(TrainingCompute.class::cast).findFirst()
        .orElseThrow(() -> new AssertionError("no TrainingCompute in " + applied));
  }

  OperatorHealth health() {
    return operator.health();
  }

  TrainingEnvironment environment(String name) {
    return kube.resources(TrainingEnvironment.class).inNamespace(namespace).withName(name).get();
  }

  TrainingCompute compute(String name) {
    return kube.resources(TrainingCompute.class).inNamespace(namespace).withName(name).get();
  }

  /** Waits (generously: CI may be slow) until the environment's condition has the status. */
  Condition awaitEnvironment(String name, String type, String status, Duration timeout) {
    return await(() -> Optional.ofNullable(environment(name)).map(e -> e.getStatus() == null ? null
        : e.getStatus().getConditions()), type, status, timeout, "TrainingEnvironment " + name);
  }

  Condition awaitCompute(String name, String type, String status, Duration timeout) {
    return await(() -> Optional.ofNullable(compute(name)).map(c -> c.getStatus() == null ? null
        : c.getStatus().getConditions()), type, status, timeout, "TrainingCompute " + name);
  }

  private static Condition await(java.util.function.Supplier<Optional<List<Condition>>> conditions, String type,
      String status, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Condition> last = null;
    while (System.nanoTime() < deadline) {
      last = conditions.get().orElse(null);
      Condition c = last == null ? null : Conditions.find(last, type);
      if (c != null && status.equals(c.getStatus())) {
        return c;
      }
      sleep(100);
    }
    throw new AssertionError(what + " did not get " + type + "=" + status + " within " + timeout.toSeconds()
        + "s; conditions: " + last);
  }

  /** Waits until a predicate on the emulator holds (e.g. drift corrected). */
  void awaitArm(String what, Predicate<ArmEmulator> done, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (done.test(arm)) {
        return;
      }
      sleep(100);
    }
    throw new AssertionError("within " + timeout.toSeconds() + "s: " + what);
  }

  ObjectNode armResource(String id) {
    return arm.readResource(id).orElseThrow(() -> new AssertionError("no " + id + " in the emulator"));
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** A second replica on the same API server, namespace and emulator (e.g. for leader election). */
  AmlnetOperator startAnotherOperator(java.util.function.UnaryOperator<OperatorSettings> edit) {
    AmlnetOperator another = new AmlnetOperator(operatorClient, edit.apply(settings), Clock.systemUTC(),
        new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    others.add(another);
    another.start();
    return another;
  }

  /** Stops the sandbox's first operator, as a killed replica would stop; the namespace and emulator stay. */
  void stopOperator() {
    if (!operatorStopped) {
      operatorStopped = true;
      operator.close();
    }
  }

  @Override
  public void close() {
    others.forEach(AmlnetOperator::close);
    stopOperator();
    arm.close();
    kube.resources(AzureAccessGrant.class).withName(GRANT_PREFIX + namespace).delete();
    kube.namespaces().withName(namespace).delete();
    // Last: reconciles still finishing after the operator's stop would otherwise log a closed client.
    operatorClient.close();
  }
}
