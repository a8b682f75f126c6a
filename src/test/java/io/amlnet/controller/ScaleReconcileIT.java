package io.amlnet.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.amlnet.api.TrainingCompute;
import io.amlnet.api.TrainingEnvironment;
import io.amlnet.metrics.ReconcileDuration;
import io.amlnet.azure.RequestBudget;
import io.amlnet.sandbox.ArmRequest;
import io.amlnet.sandbox.LatencyProfile;
import io.amlnet.sandbox.WorldSpec;
import io.amlnet.testing.ControlPlane;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 50 environments over 5 VNets plus 10 computes with the emulator's realistic latencies at time
 * scale 0.05: every object must end Ready with one Azure object per owner and kind. How long that
 * took, against the lower bound ARM itself sets, and the longest time one reconcile held a thread
 * are written to target/bench/runtime-scale.json (a benchmark: no assertion on time).
 */
@ExtendWith(ControlPlane.class)
class ScaleReconcileIT {
  private static final double TIME_SCALE = 0.05;
  private static final int VNETS = 5;
  private static final int ENVIRONMENTS = 50;
  private static final int COMPUTES = 10;
  private static final int INSTANCES = 3;
  /**
   * ARM's buckets (Azure's published subscription limits: writes 200 at once then 10/s, reads 250 then
   * 25/s), with the refill sped up by the time scale like every latency, in the emulator and in
   * amlnet's own budget alike: a world 20x faster is throttled 20x later.
   */
  private static final int WRITE_BURST = 200;
  private static final double WRITES_PER_SECOND = 10 / TIME_SCALE;
  private static final int READ_BURST = 250;
  private static final double READS_PER_SECOND = 25 / TIME_SCALE;
  private static final String SUB = "6f1e6c2a-9d2b-4a43-8c1e-2a6f9d3b7c10";
  private static final String NETWORK_GROUP = "/subscriptions/" + SUB + "/resourceGroups/rg-aml-network";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final LatencyProfile PROFILE = LatencyProfile.realistic(TIME_SCALE);

  enum Mode { Open, NatGateway, UserDefinedRoutes }

  record Environment(String name, String vnet, String subnet, Mode mode) {}

  record Compute(String name, Environment environment, String kind) {}

  @Test
  void fiftyEnvironmentsOnFiveVnetsAndTenComputesAllEndReadyWithoutDuplicates() throws Exception {
    List<Environment> environments = new ArrayList<>();
    for (int i = 0; i < ENVIRONMENTS; i++) {
      environments.add(new Environment("scale-" + i, "vnet-scale-" + (i % VNETS), "s" + (i / VNETS),
          Mode.values()[i % Mode.values().length]));
    }
    List<Compute> computes = new ArrayList<>();
    for (int i = 0; i < COMPUTES; i++) {
      computes.add(new Compute("scale-c" + i, environments.get(i), i < INSTANCES ? "ComputeInstance" : "AmlCompute"));
    }
    SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    try (OperatorSandbox sandbox = OperatorSandbox.start(world(), Duration.ofMinutes(10), Duration.ofHours(24),
        o -> o.lroLatencyProfile(PROFILE).operationRetryAfterSeconds(0)
            .throttle(ArmRequest.Kind.READ, READ_BURST, READS_PER_SECOND)
            .throttle(ArmRequest.Kind.WRITE, WRITE_BURST, WRITES_PER_SECOND)
            .throttle(ArmRequest.Kind.DELETE, WRITE_BURST, WRITES_PER_SECOND),
        settings -> settings.withBudget(RequestBudget.Limits.DEFAULT.refilledFaster(1 / TIME_SCALE)), metrics)) {
      long start = System.nanoTime();
      StringBuilder yaml = new StringBuilder();
      environments.forEach(e -> yaml.append(environmentYaml(e)));
      computes.forEach(c -> yaml.append(computeYaml(c)));
      List<HasMetadata> applied = sandbox.applyYaml(yaml.toString());
      assertThat(applied).hasSize(ENVIRONMENTS + COMPUTES);

      Map<String, Double> readyAt = awaitAllReady(sandbox, start, Duration.ofMinutes(15));
      double allReady = readyAt.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();

      long writes = sandbox.arm.counts().writes();
      long reads = sandbox.arm.counts().reads();
      assertOneAzureObjectPerOwnerAndKind(sandbox, environments);
      JsonNode computeList = OperatorIT.armClient(sandbox).getJson(
          "/subscriptions/" + SUB + "/resourceGroups/rg-aml/providers/Microsoft.MachineLearningServices/workspaces/"
              + "mlw-contoso/computes?api-version=2024-10-01");
      assertThat(computeList.path("value").size()).isEqualTo(COMPUTES);

      ObjectNode result = JSON.createObjectNode();
      result.put("label", System.getProperty("amlnet.bench.label", System.getenv().getOrDefault("AMLNET_BENCH_LABEL", "current")));
      result.put("timeScale", TIME_SCALE);
      result.put("environments", ENVIRONMENTS);
      result.put("vnets", VNETS);
      result.put("computes", COMPUTES);
      result.put("armWrites", writes);
      result.put("armReads", reads);
      result.put("timeToAllReadySeconds", round(allReady));
      result.put("timeToEnvironmentsReadySeconds", round(readyAt.entrySet().stream()
          .filter(e -> e.getKey().startsWith("te/")).mapToDouble(Map.Entry::getValue).max().orElseThrow()));
      ObjectNode bound = result.putObject("lowerBound");
      double chain = longestChain(environments, computes);
      double throttle = Math.max(0, (writes - WRITE_BURST) / WRITES_PER_SECOND);
      double vnet = busiestVnet(environments);
      double value = Math.max(chain, Math.max(throttle, vnet));
      bound.put("longestChainSeconds", round(chain));
      bound.put("writeLimitSeconds", round(throttle));
      bound.put("vnetSerializationSeconds", round(vnet));
      bound.put("seconds", round(value));
      // Not one of the three terms: ARM's read limit, for what a reconcile's reads cost.
      bound.put("readLimitSeconds", round(Math.max(0, (reads - READ_BURST) / READS_PER_SECOND)));
      result.put("rateLimitsSpedUpBy", round(1 / TIME_SCALE));
      result.put("retryAfterSent", false);
      bound.put("binding", value == chain ? "longestChain" : value == vnet ? "vnetSerialization" : "writeLimit");
      result.put("ratio", round(allReady / value));
      result.put("maxReconcileThreadHoldSeconds", round(metrics.get(ReconcileDuration.LONGEST).gauge().value()));
      // Where the time went: reconciles run, and the thread time they took in all (4 threads by default).
      long reconciles = 0;
      double threadSeconds = 0;
      for (var timer : metrics.find("amlnet.reconcile.duration").timers()) {
        reconciles += timer.count();
        threadSeconds += timer.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS) / 1e9;
      }
      result.put("reconciles", reconciles);
      result.put("reconcileThreadSeconds", round(threadSeconds));
      Path out = Path.of("target/bench/runtime-scale.json");
      Files.createDirectories(out.getParent());
      String json = JSON.writeValueAsString(result);
      Files.writeString(out, json);
      Files.writeString(Path.of("target/bench/runtime-scale-" + result.get("label").asText() + ".json"), json);
      System.out.println("[bench] " + out + "\n" + json);
    }
  }

  /** The examples' world plus VNETS VNets of ten subnets each, each admitted by the workspace's storage (R4). */
  private static WorldSpec world() throws Exception {
    ObjectNode root = (ObjectNode) YAML.readTree(Files.readString(OperatorSandbox.WORLD));
    JsonNode groups = root.path("subscriptions").get(0).path("resourceGroups");
    ArrayNode networkResources = null;
    ArrayNode storageRules = null;
    for (JsonNode group : groups) {
      for (JsonNode r : group.path("resources")) {
        if (r.path("name").asText().equals("stmlcontoso")) {
          storageRules = (ArrayNode) r.path("properties").path("networkAcls").path("virtualNetworkRules");
        }
      }
      if (group.path("name").asText().equals("rg-aml-network")) {
        networkResources = (ArrayNode) group.path("resources");
      }
    }
    for (int v = 0; v < VNETS; v++) {
      ObjectNode vnet = networkResources.addObject();
      vnet.put("type", "Microsoft.Network/virtualNetworks");
      vnet.put("name", "vnet-scale-" + v);
      vnet.put("location", "eastus2");
      ObjectNode props = vnet.putObject("properties");
      props.putObject("addressSpace").putArray("addressPrefixes").add("10." + (100 + v) + ".0.0/16");
      ArrayNode subnets = props.putArray("subnets");
      for (int s = 0; s < ENVIRONMENTS / VNETS; s++) {
        ObjectNode subnet = subnets.addObject();
        subnet.put("name", "s" + s);
        subnet.putObject("properties").put("addressPrefix", "10." + (100 + v) + "." + s + ".0/24");
      }
      storageRules.addObject().put("id", NETWORK_GROUP + "/providers/Microsoft.Network/virtualNetworks/vnet-scale-" + v
          + "/subnets/s0").put("action", "Allow");
    }
    return WorldSpec.parse(YAML.writeValueAsString(root));
  }

  private static String environmentYaml(Environment e) {
    String tunnelling = switch (e.mode) {
      case Open -> "";
      case NatGateway -> "  forcedTunneling: {mode: NatGateway}\n";
      case UserDefinedRoutes -> "  forcedTunneling: {mode: UserDefinedRoutes, prefixMode: ServiceTags, secondaryRegion: centralus}\n";
    };
    return """
        ---
        apiVersion: amlnet.io/v1alpha1
        kind: TrainingEnvironment
        metadata: {name: %s}
        spec:
          subscriptionId: %s
          workspace: {resourceGroup: rg-aml, name: mlw-contoso, region: eastus2}
          network: {resourceGroup: rg-aml-network, virtualNetwork: %s, subnet: %s}
        """.formatted(e.name, SUB, e.vnet, e.subnet) + tunnelling;
  }

  private static String computeYaml(Compute c) {
    String block = c.kind.equals("ComputeInstance")
        ? "  computeInstance: {vmSize: Standard_DS3_v2}\n"
        : "  amlCompute: {vmSize: Standard_DS3_v2, minNodes: 0, maxNodes: 2}\n";
    return """
        ---
        apiVersion: amlnet.io/v1alpha1
        kind: TrainingCompute
        metadata: {name: %s}
        spec:
          environmentRef: %s
          kind: %s
        """.formatted(c.name, c.environment.name, c.kind) + block;
  }

  /** Seconds from the apply to the first time each object was seen Ready. */
  private static Map<String, Double> awaitAllReady(OperatorSandbox sandbox, long start, Duration timeout) {
    Map<String, Double> readyAt = new HashMap<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (readyAt.size() < ENVIRONMENTS + COMPUTES) {
      double now = (System.nanoTime() - start) / 1e9;
      for (TrainingEnvironment e : sandbox.kube.resources(TrainingEnvironment.class).inNamespace(sandbox.namespace).list().getItems()) {
        if (e.getStatus() != null && Conditions.isTrue(e.getStatus().getConditions(), Conditions.READY)) {
          readyAt.putIfAbsent("te/" + e.getMetadata().getName(), now);
        }
      }
      for (TrainingCompute c : sandbox.kube.resources(TrainingCompute.class).inNamespace(sandbox.namespace).list().getItems()) {
        if (c.getStatus() != null && Conditions.isTrue(c.getStatus().getConditions(), Conditions.READY)) {
          readyAt.putIfAbsent("tc/" + c.getMetadata().getName(), now);
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not all Ready within " + timeout.toMinutes() + " min: " + readyAt.size() + " of "
            + (ENVIRONMENTS + COMPUTES) + " Ready");
      }
      OperatorSandbox.sleep(200);
    }
    return readyAt;
  }

  private static void assertOneAzureObjectPerOwnerAndKind(OperatorSandbox sandbox, List<Environment> environments) {
    Map<String, Integer> perOwnerAndType = new LinkedHashMap<>();
    for (String type : List.of("networkSecurityGroups", "routeTables", "natGateways", "publicIPAddresses")) {
      for (JsonNode r : OperatorIT.armClient(sandbox).getJson(NETWORK_GROUP + "/providers/Microsoft.Network/" + type
          + "?api-version=2024-05-01").path("value")) {
        String owner = r.path("tags").path("amlnet.io/owner").asText("");
        if (!owner.isEmpty()) {
          perOwnerAndType.merge(owner + " " + type, 1, Integer::sum);
        }
      }
    }
    assertThat(perOwnerAndType).allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));
    for (Environment e : environments) {
      String owner = sandbox.namespace + "/" + e.name;
      assertThat(perOwnerAndType).containsKey(owner + " networkSecurityGroups");
      assertThat(perOwnerAndType.containsKey(owner + " natGateways")).as(e.name).isEqualTo(e.mode == Mode.NatGateway);
      assertThat(perOwnerAndType.containsKey(owner + " routeTables")).as(e.name).isEqualTo(e.mode == Mode.UserDefinedRoutes);
    }
  }

  // ---- the lower bound, from the profile's latencies ----

  private static double seconds(String key) {
    return PROFILE.latency(key, false).toNanos() / 1e9;
  }

  /** What must end before an environment's subnet can be written: its NSG, route table or NAT gateway (after its IP). */
  private static double beforeSubnet(Environment e) {
    double nsg = seconds("Microsoft.Network/networkSecurityGroups");
    return switch (e.mode) {
      case Open -> nsg;
      case UserDefinedRoutes -> Math.max(nsg, seconds("Microsoft.Network/routeTables"));
      case NatGateway -> Math.max(nsg, seconds("Microsoft.Network/publicIPAddresses") + seconds("Microsoft.Network/natGateways"));
    };
  }

  private static double subnet() {
    return seconds("Microsoft.Network/virtualNetworks/subnets");
  }

  private static double longestChain(List<Environment> environments, List<Compute> computes) {
    double longest = environments.stream().mapToDouble(e -> beforeSubnet(e) + subnet()).max().orElse(0);
    for (Compute c : computes) {
      longest = Math.max(longest, beforeSubnet(c.environment) + subnet() + seconds(c.kind));
    }
    return longest;
  }

  /** ARM serializes writes to one VNet's subnets: the soonest first write, then every subnet write in turn. */
  private static double busiestVnet(List<Environment> environments) {
    Map<String, List<Environment>> byVnet = new HashMap<>();
    environments.forEach(e -> byVnet.computeIfAbsent(e.vnet, k -> new ArrayList<>()).add(e));
    return byVnet.values().stream().mapToDouble(on -> on.stream().mapToDouble(ScaleReconcileIT::beforeSubnet).min()
        .orElse(0) + on.size() * subnet()).max().orElse(0);
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
