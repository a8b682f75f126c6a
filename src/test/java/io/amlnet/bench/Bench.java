package io.amlnet.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlnet.api.ApiGroup;
import io.amlnet.api.TrainingCompute;
import io.amlnet.api.TrainingEnvironment;
import io.amlnet.plan.ArmBodies;
import io.amlnet.sandbox.ArmEmulator;
import io.amlnet.sandbox.EmulatorOptions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One benchmark run's shared parts: the test control plane's API server, one ARM emulator (in this
 * JVM, so a benchmark can count its requests exactly and act on one, e.g. SIGKILL the operator right
 * after a write), the latency source, and target/bench/ for the results. Each benchmark starts its
 * own operator process on namespaces of its own.
 */
final class Bench implements AutoCloseable {
  static final Path OUT = Path.of("target/bench");
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  final KubernetesClient kube;
  final Path kubeconfig;
  final ArmEmulator arm;
  final ArmTraffic traffic;
  final OperationLatency latency;
  final boolean quick;
  private int nextSubnet;

  Bench(KubernetesClient kube, Path kubeconfig, BenchWorld world, OperationLatency latency, boolean quick)
      throws IOException {
    this.kube = kube;
    this.kubeconfig = kubeconfig;
    this.latency = latency;
    this.quick = quick;
    this.arm = ArmEmulator.start(world.spec(), latency.configure(EmulatorOptions.defaults().port(0)));
    this.traffic = new ArmTraffic(arm);
    Files.createDirectories(OUT);
  }

  /**
   * How long a benchmark waits for Ready or for a deletion: as given in the full run, at most 90 s in
   * the quick one, so that an object that never converges costs CI 90 s, not minutes (it is reported).
   */
  Duration limit(Duration full) {
    Duration quickLimit = Duration.ofSeconds(90);
    return quick && full.compareTo(quickLimit) > 0 ? quickLimit : full;
  }

  /** {@code count} unused benchmark subnets, from the first subnet of an unused VNet on. */
  List<BenchWorld.Subnet> subnets(int count) {
    return subnets(count, BenchWorld.SUBNETS_PER_VNET);
  }

  /** {@code count} unused benchmark subnets, the first {@code perVnet} of each unused VNet. */
  synchronized List<BenchWorld.Subnet> subnets(int count, int perVnet) {
    int per = BenchWorld.SUBNETS_PER_VNET;
    List<BenchWorld.Subnet> out = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (i % perVnet == 0) {
        nextSubnet = (nextSubnet + per - 1) / per * per;
      }
      out.add(BenchWorld.subnet(nextSubnet++));
    }
    return out;
  }

  /**
   * A namespace for benchmark objects. Everything a namespace needs before amlnet acts in it is
   * created here: the namespace and its single-team AzureAccessGrant.
   */
  String namespace(String name) {
    kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .serverSideApply();
    kube.resource(io.amlnet.testing.SingleTeamGrant.forNamespace(name)).serverSideApply();
    return name;
  }

  OperatorProcess operator(Duration resync, List<String> namespaces) {
    return OperatorProcess.start(kubeconfig, arm.baseUrl(), arm.certificatePath(), resync, latency.pollInterval(),
        namespaces);
  }

  /** Creates the object (a TrainingEnvironment, TrainingCompute or Secret document) and returns its watch key. */
  String create(ObjectNode document) {
    HasMetadata object = SERIALIZATION.convertValue(document, kindOf(document));
    kube.resource(object).create();
    return ReadyWatch.key(document.path("kind").asText(), object.getMetadata().getNamespace(),
        object.getMetadata().getName());
  }

  /** Creates the objects from 8 threads (one after another, 1,100 objects take minutes on a loaded machine). */
  List<String> createAll(List<ObjectNode> documents) {
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<String>> keys = new java.util.ArrayList<>();
      documents.forEach(d -> keys.add(pool.submit(() -> create(d))));
      List<String> out = new java.util.ArrayList<>();
      for (var key : keys) {
        out.add(key.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("cannot create a benchmark object", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static Class<? extends HasMetadata> kindOf(ObjectNode document) {
    String kind = document.path("kind").asText();
    if (!document.path("apiVersion").asText().startsWith(ApiGroup.NAME)) {
      return io.fabric8.kubernetes.api.model.Secret.class;
    }
    return kind.equals("TrainingEnvironment") ? TrainingEnvironment.class : TrainingCompute.class;
  }

  /** Deletes the namespaces' computes, then their environments, and waits until they are gone. */
  boolean deleteAll(Collection<String> namespaces, Duration timeout) {
    namespaces.forEach(ns -> kube.resources(TrainingCompute.class).inNamespace(ns).delete());
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline && namespaces.stream()
        .anyMatch(ns -> !kube.resources(TrainingCompute.class).inNamespace(ns).list().getItems().isEmpty())) {
      sleep(200);
    }
    namespaces.forEach(ns -> kube.resources(TrainingEnvironment.class).inNamespace(ns).delete());
    while (System.nanoTime() < deadline && namespaces.stream()
        .anyMatch(ns -> !kube.resources(TrainingEnvironment.class).inNamespace(ns).list().getItems().isEmpty())) {
      sleep(200);
    }
    return namespaces.stream().allMatch(ns -> kube.resources(TrainingEnvironment.class).inNamespace(ns).list()
        .getItems().isEmpty());
  }

  /** Resources in the emulated Azure that carry amlnet's owner tag of one of these namespaces, by owner. */
  Map<String, List<ObjectNode>> owned(Collection<String> namespaces) {
    Map<String, List<ObjectNode>> byOwner = new TreeMap<>();
    for (ObjectNode r : arm.snapshot()) {
      String owner = r.path("tags").path(ArmBodies.OWNER_TAG).asText("");
      int slash = owner.indexOf('/');
      if (slash > 0 && namespaces.contains(owner.substring(0, slash))) {
        byOwner.computeIfAbsent(owner, o -> new java.util.ArrayList<>()).add(r);
      }
    }
    return byOwner;
  }

  /** Objects beyond one of each type per owner: amlnet plans at most one NSG, route table, NAT gateway, public IP. */
  static long duplicates(Map<String, List<ObjectNode>> owned) {
    long extra = 0;
    for (List<ObjectNode> resources : owned.values()) {
      Map<String, Long> perType = new TreeMap<>();
      resources.forEach(r -> perType.merge(r.path("type").asText().toLowerCase(), 1L, Long::sum));
      extra += perType.values().stream().mapToLong(n -> Math.max(0, n - 1)).sum();
    }
    return extra;
  }

  static void write(String file, ObjectNode result) {
    try {
      String json = JSON.writeValueAsString(result);
      Files.writeString(OUT.resolve(file), json + "\n");
      System.out.println("[bench] " + OUT.resolve(file) + "\n" + json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  static double seconds(long fromNanos, long toNanos) {
    return round((toNanos - fromNanos) / 1e9, 1);
  }

  static double round(double value, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(value * scale) / scale;
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public void close() {
    traffic.close();
    arm.close();
  }
}
