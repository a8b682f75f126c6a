package io.amlnet.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlnet.api.TrainingCompute;
import io.amlnet.api.TrainingEnvironment;
import io.amlnet.azure.ArmClient;
import io.amlnet.azure.ArmEndpoint;
import io.amlnet.azure.ArmPipelines;
import io.amlnet.azure.Drift;
import io.amlnet.azure.FactsReader;
import io.amlnet.azure.RequestBudget;
import io.amlnet.azure.ServiceTagCache;
import io.amlnet.plan.ArmWrite;
import io.amlnet.plan.AzureIds;
import io.amlnet.plan.EnvironmentPlanner;
import io.amlnet.plan.Plan;
import io.amlnet.plan.PlanInput;
import io.amlnet.plan.RegionPairs;
import io.amlnet.sandbox.FaultInjector;
import io.amlnet.sandbox.RequestLog;
import io.amlnet.testing.ControlPlane;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;

/** The operator end to end: real kube-apiserver, the ARM emulator, amlnet in-process. */
@ExtendWith(ControlPlane.class)
class OperatorIT {
  static final Duration READY = Duration.ofSeconds(90);
  static final Duration FAST_RESYNC = Duration.ofSeconds(2);
  static final Duration NEVER = Duration.ofHours(1);

  /** A plain ARM client on the emulator, for the tests' own reads and writes (locks). */
  static ArmClient armClient(OperatorSandbox sandbox) {
    ArmEndpoint endpoint = new ArmEndpoint(sandbox.arm.baseUrl(), sandbox.arm.certificatePath());
    return new ArmClient(ArmPipelines.build(request -> Mono.just(new com.azure.core.credential.AccessToken("t",
        java.time.OffsetDateTime.now().plusHours(1))), endpoint, new RequestBudget(RequestBudget.Limits.DEFAULT),
        ArmPipelines.RetrySettings.DEFAULT), endpoint, Duration.ofMillis(50), Duration.ofMinutes(1));
  }

  static AzureIds ids(OperatorSandbox sandbox, String environment) {
    TrainingEnvironment env = sandbox.environment(environment);
    return AzureIds.of(sandbox.namespace, environment, env.getSpec());
  }

  /** The plan for an environment as the planner makes it from what the emulator holds now. */
  static Plan plan(OperatorSandbox sandbox, String environment) {
    TrainingEnvironment env = sandbox.environment(environment);
    FactsReader facts = new FactsReader(armClient(sandbox), new ServiceTagCache(Duration.ZERO, Clock.systemUTC()));
    return new EnvironmentPlanner(RegionPairs.published()).plan(new PlanInput(sandbox.namespace, environment,
        env.getSpec(), List.of(), facts.read(sandbox.namespace, environment, env.getSpec(), List.of())));
  }

  /** Drops the TrainingCompute documents of an example: for tests about the environment alone. */
  static String environmentOnly(String yaml) {
    return yaml.replaceAll("(?s)---\napiVersion: amlnet.io/v1alpha1\nkind: TrainingCompute.*", "");
  }

  /** Keeps only the TrainingCompute documents of an example. */
  static String computesOnly(String yaml) {
    return yaml.substring(yaml.indexOf("apiVersion: amlnet.io/v1alpha1\nkind: TrainingCompute"));
  }

  static String environmentName(String example) {
    return example.replace(".yaml", "");
  }

  @ParameterizedTest
  @ValueSource(strings = {"open-outbound.yaml", "restricted-outbound.yaml", "nat-gateway.yaml",
      "udr-ip-prefixes.yaml", "udr-service-tags.yaml", "existing-nsg.yaml"})
  void eachExampleEnvironmentReachesReadyAndAzureMatchesThePlan(String example) throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(NEVER, o -> { })) {
      String name = environmentName(example);
      sandbox.apply(example, OperatorIT::environmentOnly);
      sandbox.awaitEnvironment(name, Conditions.READY, "True", READY);
      assertThat(pending(sandbox, plan(sandbox, name))).as("writes Azure does not already satisfy").isEmpty();
      TrainingEnvironment env = sandbox.environment(name);
      assertThat(env.getStatus().getObservedGeneration()).isEqualTo(env.getMetadata().getGeneration());
      assertThat(env.getStatus().getAzureResources().subnetId()).isEqualTo(ids(sandbox, name).subnet());
    }
  }

  /** The plan's writes that the emulator does not already satisfy: drifted PUTs, a subnet PUT, any DELETE. */
  static List<ArmWrite> pending(OperatorSandbox sandbox, Plan plan) {
    List<ArmWrite> pending = new java.util.ArrayList<>();
    for (ArmWrite write : plan.writes()) {
      if (write.resourceType().startsWith("Microsoft.MachineLearningServices")) {
        continue;
      }
      JsonNode current;
      if (write.isDelete() || write.resourceType().equals("Microsoft.Network/virtualNetworks/subnets")) {
        current = null;
      } else if (write.resourceType().endsWith("securityRules")) {
        String nsg = write.id().substring(0, write.id().indexOf("/securityRules/"));
        current = sandbox.arm.readResource(nsg).map(n -> findNamedOrNull(n.path("properties").path("securityRules"),
            write.id().substring(write.id().lastIndexOf('/') + 1))).orElse(null);
      } else {
        current = sandbox.arm.readResource(write.id()).orElse(null);
      }
      if (current == null || !Drift.between(write.body(), current).isEmpty()) {
        pending.add(write);
      }
    }
    return pending;
  }

  private static JsonNode findNamedOrNull(JsonNode array, String name) {
    for (JsonNode item : array) {
      if (item.path("name").asText().equalsIgnoreCase(name)) {
        return item;
      }
    }
    return null;
  }

  static JsonNode findNamed(JsonNode array, String name) {
    for (JsonNode item : array) {
      if (item.path("name").asText().equalsIgnoreCase(name)) {
        return item;
      }
    }
    throw new AssertionError("no " + name + " in " + array);
  }

  @Test
  void aReconcileWithNothingChangedMakesNoWrite() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(FAST_RESYNC, o -> { })) {
      sandbox.apply("udr-ip-prefixes.yaml");
      sandbox.awaitEnvironment("udr-ip-prefixes", Conditions.READY, "True", READY);
      String resourceVersion = sandbox.environment("udr-ip-prefixes").getMetadata().getResourceVersion();
      sandbox.arm.requests().reset();
      sandbox.awaitArm("two resyncs read Azure", arm -> arm.counts().reads() > 10, READY);
      OperatorSandbox.sleep(FAST_RESYNC.toMillis() * 2);
      assertThat(sandbox.arm.counts().writes()).isZero();
      assertThat(sandbox.environment("udr-ip-prefixes").getMetadata().getResourceVersion())
          .as("no status churn in steady state").isEqualTo(resourceVersion);
    }
  }

  @Test
  void aDeletedRuleIsRestoredOnTheNextResync() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(FAST_RESYNC, o -> { })) {
      sandbox.apply("restricted-outbound.yaml");
      sandbox.awaitEnvironment("restricted-outbound", Conditions.READY, "True", READY);
      String nsg = ids(sandbox, "restricted-outbound").networkSecurityGroup();
      ObjectNode drifted = sandbox.armResource(nsg);
      ArrayNode rules = (ArrayNode) drifted.path("properties").path("securityRules");
      for (int i = rules.size() - 1; i >= 0; i--) {
        if (rules.get(i).path("name").asText().equals("amlnet-out-deny-internet")) {
          rules.remove(i);
        }
      }
      sandbox.arm.driftResource(drifted);
      sandbox.awaitArm("deny-Internet rule restored", arm -> hasRule(arm.readResource(nsg).orElseThrow(),
          "amlnet-out-deny-internet"), READY);
    }
  }

  static boolean hasRule(JsonNode nsg, String name) {
    for (JsonNode rule : nsg.path("properties").path("securityRules")) {
      if (rule.path("name").asText().equals(name)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void aRulesChangedPortIsCorrectedOnTheNextResync() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(FAST_RESYNC, o -> { })) {
      sandbox.apply("open-outbound.yaml");
      sandbox.awaitEnvironment("open-outbound", Conditions.READY, "True", READY);
      String nsg = ids(sandbox, "open-outbound").networkSecurityGroup();
      ObjectNode drifted = sandbox.armResource(nsg);
      ((ObjectNode) findNamed(drifted.path("properties").path("securityRules"), "amlnet-in-azuremachinelearning")
          .path("properties")).put("destinationPortRange", "8080");
      sandbox.arm.driftResource(drifted);
      sandbox.awaitArm("port 44224 restored", arm -> findNamed(arm.readResource(nsg).orElseThrow()
          .path("properties").path("securityRules"), "amlnet-in-azuremachinelearning")
          .path("properties").path("destinationPortRange").asText().equals("44224"), READY);
    }
  }

  @Test
  void aRemovedRouteIsRestoredOnTheNextResync() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(FAST_RESYNC, o -> { })) {
      sandbox.apply("udr-service-tags.yaml");
      sandbox.awaitEnvironment("udr-service-tags", Conditions.READY, "True", READY);
      String routeTable = ids(sandbox, "udr-service-tags").routeTable();
      ObjectNode drifted = sandbox.armResource(routeTable);
      ((ArrayNode) drifted.path("properties").path("routes")).remove(0);
      sandbox.arm.driftResource(drifted);
      sandbox.awaitArm("4 routes again", arm -> arm.readResource(routeTable).orElseThrow()
          .path("properties").path("routes").size() == 4, READY);
    }
  }

  @Test
  void anNsgDetachedFromTheSubnetIsAttachedAgain() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(FAST_RESYNC, o -> { })) {
      sandbox.apply("open-outbound.yaml");
      sandbox.awaitEnvironment("open-outbound", Conditions.READY, "True", READY);
      AzureIds ids = ids(sandbox, "open-outbound");
      ObjectNode vnet = sandbox.armResource(ids.virtualNetwork());
      for (JsonNode subnet : vnet.path("properties").path("subnets")) {
        if (subnet.path("id").asText().equalsIgnoreCase(ids.subnet())) {
          ((ObjectNode) subnet.path("properties")).remove("networkSecurityGroup");
        }
      }
      sandbox.arm.driftResource(vnet);
      sandbox.awaitArm("NSG attached again", arm -> subnetOf(arm.readResource(ids.virtualNetwork()).orElseThrow(),
          ids.subnet()).path("properties").path("networkSecurityGroup").path("id").asText()
          .equalsIgnoreCase(ids.networkSecurityGroup()), READY);
    }
  }

  static JsonNode subnetOf(JsonNode vnet, String subnetId) {
    for (JsonNode subnet : vnet.path("properties").path("subnets")) {
      if (subnet.path("id").asText().equalsIgnoreCase(subnetId)) {
        return subnet;
      }
    }
    throw new AssertionError("no subnet " + subnetId);
  }

  @Test
  void foreignRulesInAnExistingNsgSurviveEveryReconcile() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(FAST_RESYNC, o -> { })) {
      sandbox.apply("existing-nsg.yaml");
      sandbox.awaitEnvironment("existing-nsg", Conditions.READY, "True", READY);
      String nsg = ids(sandbox, "existing-nsg").networkSecurityGroup();
      ObjectNode withForeign = sandbox.armResource(nsg);
      ((ArrayNode) withForeign.path("properties").path("securityRules")).addObject().put("name", "allow-monitoring")
          .putObject("properties").put("protocol", "Tcp").put("sourcePortRange", "*")
          .put("destinationPortRange", "9100").put("sourceAddressPrefix", "10.0.0.0/8")
          .put("destinationAddressPrefix", "*").put("access", "Allow").put("priority", 200).put("direction", "Inbound");
      sandbox.arm.driftResource(withForeign);
      sandbox.arm.requests().reset();
      sandbox.awaitArm("two resyncs", arm -> arm.counts().reads() > 10, READY);
      JsonNode after = sandbox.armResource(nsg);
      assertThat(hasRule(after, "allow-monitoring")).isTrue();
      assertThat(hasRule(after, "allow-bastion-ssh")).as("the world's own foreign rule").isTrue();
      assertThat(hasRule(after, "amlnet-in-batchnodemanagement")).isTrue();
      assertThat(sandbox.arm.requests().entries()).noneMatch(e -> e.method().equals("PUT")
          && e.path().toLowerCase().endsWith("/networksecuritygroups/shared-training-nsg"));
    }
  }

  @Test
  void aNewServiceTagChangeNumberMovesTheRoutesAndWritesNothingElse() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(NEVER, Duration.ofSeconds(1), o -> { })) {
      sandbox.apply("udr-ip-prefixes.yaml");
      sandbox.awaitEnvironment("udr-ip-prefixes", Conditions.READY, "True", READY);
      String before = sandbox.environment("udr-ip-prefixes").getStatus().getServiceTagsChangeNumber();
      String routeTable = ids(sandbox, "udr-ip-prefixes").routeTable();
      sandbox.arm.requests().reset();
      sandbox.arm.bumpServiceTag("BatchNodeManagement.EastUS2", List.of("198.51.100.0/24", "203.0.113.0/25"));
      sandbox.awaitArm("a route for the new prefix", arm -> {
        for (JsonNode route : arm.readResource(routeTable).orElseThrow().path("properties").path("routes")) {
          if (route.path("properties").path("addressPrefix").asText().equals("198.51.100.0/24")) {
            return true;
          }
        }
        return false;
      }, READY);
      List<RequestLog.Entry> writes = sandbox.arm.requests().entries().stream()
          .filter(e -> e.method().equals("PUT") || e.method().equals("DELETE")).toList();
      assertThat(writes).isNotEmpty().allMatch(e -> e.path().contains("/routeTables/"));
      sandbox.awaitArm("the status names the new changeNumber", arm -> !before.equals(
          sandbox.environment("udr-ip-prefixes").getStatus().getServiceTagsChangeNumber()), READY);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"R1", "R2", "R5", "R6", "R7"})
  void aFailedPreflightStallsWithItsRequirementAndWritesNothing(String requirement) throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(NEVER, o -> { })) {
      if (requirement.equals("R7")) {
        sandbox.arm.mutate(world -> {
          world.permissions().clear();
          ObjectNode readOnly = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
          readOnly.put("scope", "/subscriptions/6f1e6c2a-9d2b-4a43-8c1e-2a6f9d3b7c10");
          readOnly.putArray("actions").add("*/read");
          world.permissions().add(readOnly);
        });
      }
      java.util.function.UnaryOperator<String> edit = yaml -> switch (requirement) {
        case "R1" -> yaml.replace("region: eastus2", "region: westus2");
        case "R2" -> yaml.replace("maxNodes: 4", "maxNodes: 400");
        case "R5" -> yaml.replace("subnet: training", "subnet: databricks-private");
        case "R6" -> yaml.replace("subnet: training", "subnet: storage-endpoints");
        default -> yaml;
      };
      if (requirement.equals("R2")) {
        // R2 counts the computes: the cluster that needs 400 addresses exists before its environment, so
        // the environment's first plan already sees it (applied together, the first plan could miss it).
        sandbox.apply("open-outbound.yaml", yaml -> computesOnly(edit.apply(yaml)));
        sandbox.apply("open-outbound.yaml", yaml -> environmentOnly(edit.apply(yaml)));
      } else {
        sandbox.apply("open-outbound.yaml", edit);
      }
      Condition stalled = sandbox.awaitEnvironment("open-outbound", Conditions.STALLED, "True", READY);
      assertThat(stalled.getReason()).isEqualTo("Preflight" + requirement);
      assertThat(sandbox.environment("open-outbound").getStatus().getConditions())
          .anyMatch(c -> c.getType().equals(Conditions.READY) && c.getStatus().equals("False"));
      assertThat(sandbox.arm.counts().writes()).isZero();
    }
  }

  @Test
  void throttlingStormsAndServerErrorsStillEndReadyWithoutDuplicates() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(NEVER, o -> o
        .fault(FaultInjector.Rule.status("PUT", ".*", 0.4, 429))
        .fault(FaultInjector.Rule.status("GET", ".*/networkSecurityGroups/.*", 0.3, 503))
        .fault(FaultInjector.Rule.status("PUT", ".*/routeTables/.*", 0.3, 500)))) {
      sandbox.apply("udr-ip-prefixes.yaml");
      sandbox.awaitEnvironment("udr-ip-prefixes", Conditions.READY, "True", Duration.ofSeconds(180));
      assertThat(sandbox.arm.counts().throttled() + sandbox.arm.counts().serverErrors()).isPositive();
      AzureIds ids = ids(sandbox, "udr-ip-prefixes");
      String group = ids.networkResourceGroup();
      for (String type : List.of("networkSecurityGroups", "routeTables")) {
        JsonNode list = armClient(sandbox).getJson(group + "/providers/Microsoft.Network/" + type
            + "?api-version=2024-05-01");
        long owned = 0;
        for (JsonNode r : list.path("value")) {
          owned += r.path("tags").path("amlnet.io/owner").asText().equals(sandbox.namespace + "/udr-ip-prefixes") ? 1 : 0;
        }
        assertThat(owned).as(type).isEqualTo(1);
      }
    }
  }

  @Test
  void concurrentSubnetWritesOnOneVnetAreSerialized() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(NEVER, o -> o.lroLatency(Duration.ofMillis(800)))) {
      sandbox.apply("open-outbound.yaml");
      sandbox.apply("nat-gateway.yaml");
      sandbox.apply("udr-service-tags.yaml");
      for (String name : List.of("open-outbound", "nat-gateway", "udr-service-tags")) {
        sandbox.awaitEnvironment(name, Conditions.READY, "True", READY);
      }
      assertThat(sandbox.arm.requests().entries())
          .noneMatch(e -> (e.status() == 409 || e.status() == 429) && e.path().contains("/subnets/"));
    }
  }

  @Test
  void deletionWithPolicyDeleteRemovesAssociationsThenOwnedObjects() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(NEVER, o -> { })) {
      sandbox.apply("nat-gateway.yaml");
      sandbox.awaitEnvironment("nat-gateway", Conditions.READY, "True", READY);
      AzureIds ids = ids(sandbox, "nat-gateway");
      sandbox.kube.resource(sandbox.environment("nat-gateway")).delete();
      sandbox.awaitArm("environment gone", arm -> arm.readResource(ids.natGateway()).isEmpty()
          && arm.readResource(ids.publicIpAddress()).isEmpty() && arm.readResource(ids.networkSecurityGroup()).isEmpty(),
          READY);
      JsonNode subnet = subnetOf(sandbox.armResource(ids.virtualNetwork()), ids.subnet());
      assertThat(subnet.path("properties").has("natGateway")).isFalse();
      assertThat(subnet.path("properties").has("networkSecurityGroup")).isFalse();
      sandbox.awaitArm("finalizer removed", arm -> sandbox.environment("nat-gateway") == null, READY);
    }
  }

  @Test
  void deletionWithPolicyOrphanLeavesAzureAsItIs() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(NEVER, o -> { })) {
      sandbox.apply("open-outbound.yaml", yaml -> environmentOnly(yaml).replace("  outbound:\n    mode: Open",
          "  deletionPolicy: Orphan\n  outbound:\n    mode: Open"));
      sandbox.awaitEnvironment("open-outbound", Conditions.READY, "True", READY);
      AzureIds ids = ids(sandbox, "open-outbound");
      sandbox.kube.resource(sandbox.environment("open-outbound")).delete();
      sandbox.awaitArm("object gone from Kubernetes", arm -> sandbox.environment("open-outbound") == null, READY);
      assertThat(sandbox.arm.readResource(ids.networkSecurityGroup())).isPresent();
      assertThat(subnetOf(sandbox.armResource(ids.virtualNetwork()), ids.subnet()).path("properties")
          .path("networkSecurityGroup").path("id").asText()).isEqualToIgnoringCase(ids.networkSecurityGroup());
    }
  }

  @Test
  void aLaterEnvironmentWithTheSameOwnerAdoptsWhatAnOrphanLeft() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(NEVER, o -> { })) {
      java.util.function.UnaryOperator<String> orphan = yaml -> environmentOnly(yaml).replace("  outbound:\n    mode: Open",
          "  deletionPolicy: Orphan\n  outbound:\n    mode: Open");
      sandbox.apply("open-outbound.yaml", orphan);
      sandbox.awaitEnvironment("open-outbound", Conditions.READY, "True", READY);
      sandbox.kube.resource(sandbox.environment("open-outbound")).delete();
      sandbox.awaitArm("orphaned", arm -> sandbox.environment("open-outbound") == null, READY);
      sandbox.arm.requests().reset();
      sandbox.apply("open-outbound.yaml", orphan);
      sandbox.awaitEnvironment("open-outbound", Conditions.READY, "True", READY);
      assertThat(sandbox.arm.counts().writes()).as("the orphaned NSG and association are adopted as they are").isZero();
    }
  }

  @Test
  void anObjectOfAnotherOwnerUnderAmlnetsNameIsStalledNeverOverwritten() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(NEVER, o -> { })) {
      String nsg = "/subscriptions/6f1e6c2a-9d2b-4a43-8c1e-2a6f9d3b7c10/resourceGroups/rg-aml-network/providers/"
          + "Microsoft.Network/networkSecurityGroups/amlnet-" + sandbox.namespace + "-open-outbound-nsg";
      ObjectNode foreign = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
      foreign.put("id", nsg).put("name", nsg.substring(nsg.lastIndexOf('/') + 1))
          .put("type", "Microsoft.Network/networkSecurityGroups").put("location", "eastus2")
          .putObject("tags").put("owner", "someone-else");
      foreign.putObject("properties").putArray("securityRules");
      sandbox.arm.driftResource(foreign);
      sandbox.apply("open-outbound.yaml");
      Condition stalled = sandbox.awaitEnvironment("open-outbound", Conditions.STALLED, "True", READY);
      assertThat(stalled.getReason()).isEqualTo("NameCollision");
      assertThat(sandbox.armResource(nsg).path("tags").path("owner").asText()).isEqualTo("someone-else");
      assertThat(sandbox.arm.counts().writes()).isZero();
    }
  }

  @Test
  void deletingComputesDeletesCreatedOnesAndDetachesAttachedOnes() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(NEVER, o -> { })) {
      sandbox.apply("open-outbound.yaml");
      sandbox.apply("compute-vm.yaml");
      sandbox.awaitCompute("cpu-cluster", Conditions.READY, "True", READY);
      sandbox.awaitCompute("ubuntu-vm", Conditions.READY, "True", READY);
      String cluster = sandbox.compute("cpu-cluster").getStatus().getComputeId();
      String vm = sandbox.compute("ubuntu-vm").getStatus().getComputeId();
      sandbox.arm.requests().reset();
      sandbox.kube.resource(sandbox.compute("cpu-cluster")).delete();
      sandbox.kube.resource(sandbox.compute("ubuntu-vm")).delete();
      sandbox.awaitArm("both computes gone", arm -> arm.readResource(cluster).isEmpty() && arm.readResource(vm).isEmpty()
          && sandbox.compute("cpu-cluster") == null && sandbox.compute("ubuntu-vm") == null, READY);
      assertThat(sandbox.arm.requests().entries()).filteredOn(e -> e.method().equals("DELETE"))
          .extracting(RequestLog.Entry::path)
          .anyMatch(path -> path.endsWith("/computes/cpu-cluster"))
          .anyMatch(path -> path.endsWith("/computes/ubuntu-vm"));
      assertThat(sandbox.arm.readResource("/subscriptions/6f1e6c2a-9d2b-4a43-8c1e-2a6f9d3b7c10/resourceGroups/"
          + "rg-aml-network/providers/Microsoft.Compute/virtualMachines/vm-ubuntu-train"))
          .as("a detached VM stays").isPresent();
    }
  }

  @Test
  void r20_aNonUbuntuVirtualMachineStallsOnlyItsOwnCompute() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(NEVER, o -> { })) {
      sandbox.apply("open-outbound.yaml");
      sandbox.apply("compute-vm.yaml", yaml -> yaml.replace("vm-ubuntu-train", "vm-windows-legacy"));
      Condition stalled = sandbox.awaitCompute("ubuntu-vm", Conditions.STALLED, "True", READY);
      assertThat(stalled.getReason()).isEqualTo("PreflightR20");
      sandbox.awaitCompute("cpu-cluster", Conditions.READY, "True", READY);
      assertThat(Conditions.isTrue(sandbox.environment("open-outbound").getStatus().getConditions(), Conditions.READY))
          .isTrue();
    }
  }

  @Test
  void aLockThatBlocksDeletionIsReportedNotLoopedOnSilently() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(Duration.ofSeconds(3), o -> { })) {
      sandbox.apply("open-outbound.yaml", OperatorIT::environmentOnly);
      sandbox.awaitEnvironment("open-outbound", Conditions.READY, "True", READY);
      AzureIds ids = ids(sandbox, "open-outbound");
      // The lock is placed as someone in the portal would, not by amlnet's identity.
      String lock = ids.networkResourceGroup() + "/providers/Microsoft.Authorization/locks/keep";
      ObjectNode body = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
      body.put("id", lock).put("name", "keep").put("type", "Microsoft.Authorization/locks")
          .putObject("properties").put("level", "CanNotDelete");
      sandbox.arm.mutate(world -> world.locks().put(io.amlnet.sandbox.ResourceId.key(lock), body));
      sandbox.kube.resource(sandbox.environment("open-outbound")).delete();
      Condition stalled = sandbox.awaitEnvironment("open-outbound", Conditions.STALLED, "True", READY);
      assertThat(stalled.getReason()).isEqualTo("ScopeLocked");
      assertThat(sandbox.arm.readResource(ids.networkSecurityGroup())).isPresent();
      sandbox.arm.mutate(world -> world.locks().remove(io.amlnet.sandbox.ResourceId.key(lock)));
      sandbox.awaitArm("deleted once the lock is gone", arm -> sandbox.environment("open-outbound") == null, READY);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"compute-instance.yaml", "compute-vm.yaml", "compute-hdinsight.yaml",
      "compute-databricks.yaml", "compute-aml-cluster.yaml"})
  void eachComputeKindReachesReady(String example) throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(NEVER, o -> { })) {
      sandbox.apply("open-outbound.yaml");
      sandbox.apply("restricted-outbound.yaml");
      TrainingCompute tc = OperatorSandbox.computeIn(sandbox.apply(example));
      sandbox.awaitCompute(tc.getMetadata().getName(), Conditions.READY, "True", READY);
      TrainingCompute ready = sandbox.compute(tc.getMetadata().getName());
      assertThat(ready.getStatus().getProvisioningState()).isEqualTo("Succeeded");
      assertThat(sandbox.arm.readResource(ready.getStatus().getComputeId())).isPresent();
    }
  }

  @Test
  void anImmutableChangeIsRefusedByTheApiServer() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(NEVER, o -> { })) {
      sandbox.apply("open-outbound.yaml");
      sandbox.awaitCompute("cpu-cluster", Conditions.READY, "True", READY);
      assertThatThrownBy(() -> sandbox.kube.resources(TrainingCompute.class).inNamespace(sandbox.namespace)
          .withName("cpu-cluster").edit(tc -> {
            tc.setSpec(new io.amlnet.api.TrainingComputeSpec(tc.getSpec().environmentRef(), tc.getSpec().kind(),
                null, true, new io.amlnet.api.AmlComputeSpec("Standard_NC6s_v3", null, 0, 4, null, null), null,
                null));
            return tc;
          }))
          .isInstanceOf(KubernetesClientException.class)
          .hasMessageContaining("vmSize is immutable");
    }
  }

  @Test
  void aComputeChangedInAzureToWhatCannotChangeInPlaceIsStalledNamingTheField() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(FAST_RESYNC, o -> { })) {
      sandbox.apply("open-outbound.yaml");
      sandbox.awaitCompute("cpu-cluster", Conditions.READY, "True", READY);
      String id = sandbox.compute("cpu-cluster").getStatus().getComputeId();
      ObjectNode compute = sandbox.armResource(id);
      ((ObjectNode) compute.path("properties").path("properties")).put("vmSize", "Standard_D2s_v5");
      sandbox.arm.driftResource(compute);
      Condition stalled = sandbox.awaitCompute("cpu-cluster", Conditions.STALLED, "True", READY);
      assertThat(stalled.getReason()).isEqualTo("ImmutableField");
      assertThat(stalled.getMessage()).contains("vmSize");
    }
  }

  @Test
  void aDenyPublicIpPolicyFailsAPublicIpClusterButNotANoPublicIpOne() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(NEVER, o -> { })) {
      sandbox.arm.setPolicyEnabled("deny-public-ip", true);
      sandbox.apply("open-outbound.yaml");
      sandbox.apply("restricted-outbound.yaml");
      sandbox.apply("compute-aml-cluster.yaml");
      sandbox.awaitEnvironment("restricted-outbound", Conditions.READY, "True", READY);
      sandbox.awaitCompute("gpu-cluster", Conditions.READY, "True", READY);
      Condition stalled = sandbox.awaitCompute("cpu-cluster", Conditions.STALLED, "True", READY);
      assertThat(stalled.getReason()).as("policy is asked before the compute is created").isEqualTo("PreflightR3");
    }
  }

  @Test
  void kubectlWaitForConditionReadyReturnsOnceTheEnvironmentIsReady() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(NEVER, o -> { })) {
      sandbox.apply("udr-service-tags.yaml");
      Process wait = new ProcessBuilder(ControlPlane.kubectl().toString(), "--kubeconfig",
          ControlPlane.kubeconfig().toString(), "-n", sandbox.namespace, "wait", "--for=condition=Ready",
          "--timeout=90s", "trainingenvironment/udr-service-tags").redirectErrorStream(true).start();
      String output = new String(wait.getInputStream().readAllBytes());
      assertThat(wait.waitFor()).as(output).isZero();
      assertThat(output).contains("condition met");
    }
  }

  @Test
  void observedGenerationFollowsTheGeneration() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(NEVER, o -> { })) {
      sandbox.apply("open-outbound.yaml");
      sandbox.awaitEnvironment("open-outbound", Conditions.READY, "True", READY);
      TrainingEnvironment edited = sandbox.kube.resources(TrainingEnvironment.class).inNamespace(sandbox.namespace)
          .withName("open-outbound").edit(e -> {
            e.setSpec(new io.amlnet.api.TrainingEnvironmentSpec(e.getSpec().subscriptionId(), e.getSpec().workspace(),
                e.getSpec().network(), e.getSpec().networkSecurity(), new io.amlnet.api.Ssh(true, "203.0.113.0/24"),
                e.getSpec().outbound(), e.getSpec().forcedTunneling(), null, null));
            return e;
          });
      long generation = edited.getMetadata().getGeneration();
      assertThat(generation).isEqualTo(2L);
      sandbox.awaitArm("observedGeneration 2", arm -> {
        TrainingEnvironment now = sandbox.environment("open-outbound");
        return now.getStatus().getObservedGeneration() == generation
            && Conditions.isTrue(now.getStatus().getConditions(), Conditions.READY);
      }, READY);
      assertThat(hasRule(sandbox.armResource(ids(sandbox, "open-outbound").networkSecurityGroup()), "amlnet-in-ssh"))
          .isTrue();
    }
  }

  @Test
  void aCredentialSecretIsReadOnlyFromTheEnvironmentsNamespaceAndNeverShown() throws Exception {
    String secretValue = "s3cr3t-" + java.util.UUID.randomUUID();
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    java.io.PrintStream original = System.err;
    System.setErr(new java.io.PrintStream(new TeeStream(original, captured), true));
    try (OperatorSandbox sandbox = OperatorSandbox.start(FAST_RESYNC, o -> { })) {
      String elsewhere = ControlPlane.createNamespace("amlnet-other");
      for (String ns : List.of(sandbox.namespace, elsewhere)) {
        sandbox.kube.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName(
            ns.equals(elsewhere) ? "only-elsewhere" : "sp").endMetadata().withStringData(Map.of("tenantId",
            "00000000-0000-0000-0000-000000000001", "clientId", "00000000-0000-0000-0000-000000000002",
            "clientSecret", secretValue)).build()).create();
      }
      sandbox.apply("open-outbound.yaml", yaml -> yaml.replace("  outbound:\n    mode: Open",
          "  credential:\n    secretName: sp\n  outbound:\n    mode: Open"));
      sandbox.apply("restricted-outbound.yaml", yaml -> yaml.replace("  outbound:\n",
          "  credential:\n    secretName: only-elsewhere\n  outbound:\n"));
      sandbox.awaitEnvironment("open-outbound", Conditions.READY, "True", READY);
      Condition notFound = sandbox.awaitEnvironment("restricted-outbound", Conditions.STALLED, "True", READY);
      assertThat(notFound.getReason()).isEqualTo("CredentialSecretNotFound");
      String everything = captured.toString() + sandbox.kube.resources(
          io.fabric8.kubernetes.api.model.events.v1.Event.class).inNamespace(sandbox.namespace).list().getItems()
          + sandbox.kube.resources(TrainingEnvironment.class).inNamespace(sandbox.namespace).list().getItems();
      assertThat(everything).doesNotContain(secretValue);
    } finally {
      System.setErr(original);
    }
  }

  /** Copies what the operator logs to stderr so the test can search it. */
  static final class TeeStream extends java.io.OutputStream {
    private final java.io.OutputStream a;
    private final java.io.OutputStream b;

    TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) throws java.io.IOException {
      a.write(c);
      b.write(c);
    }
  }
}
