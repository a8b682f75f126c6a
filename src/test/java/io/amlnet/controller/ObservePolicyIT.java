package io.amlnet.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlnet.api.ManagementPolicy;
import io.amlnet.api.ManifestReader;
import io.amlnet.api.TrainingEnvironment;
import io.amlnet.api.TrainingEnvironmentStatus.DriftEntry;
import io.amlnet.azure.FactsReader;
import io.amlnet.azure.ServiceTagCache;
import io.amlnet.plan.ArmWrite;
import io.amlnet.plan.AzureIds;
import io.amlnet.plan.EnvironmentPlanner;
import io.amlnet.plan.Plan;
import io.amlnet.plan.PlanInput;
import io.amlnet.plan.RegionPairs;
import io.amlnet.sandbox.ArmRequest;
import io.amlnet.testing.ControlPlane;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * managementPolicy Observe on a subnet someone secured by hand: amlnet reads, plans and reports the
 * drift, and writes nothing to Azure until the environment is switched to Manage.
 */
@ExtendWith(ControlPlane.class)
class ObservePolicyIT {
  private static final String NAME = "udr-service-tags";
  private static final Duration WAIT = Duration.ofSeconds(120);

  static String observed(String yaml) {
    return OperatorIT.environmentOnly(yaml).replace("\nspec:\n", "\nspec:\n  managementPolicy: Observe\n");
  }

  @Test
  void anObservedHandSecuredSubnetIsReportedNeverWrittenUntilManaged() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(OperatorIT.FAST_RESYNC, o -> { })) {
      Plan plan = handSecure(sandbox);
      sandbox.apply("udr-service-tags.yaml", ObservePolicyIT::observed);

      sandbox.awaitEnvironment(NAME, DriftReport.IN_SYNC, "False", WAIT);
      awaitReconciles(sandbox, 4); // the first reconcile and three resyncs
      assertThat(writes(sandbox)).as("ARM writes under Observe").isZero();
      List<String> fields = sandbox.environment(NAME).getStatus().getDrift().entries().stream()
          .map(DriftEntry::field).toList();
      String firstRoute = routes(plan).get(0);
      String secondRoute = routes(plan).get(1);
      assertThat(fields).contains(
          "properties.securityRules[amlnet-in-batchnodemanagement].properties.destinationPortRange",
          "properties.securityRules[amlnet-out-virtualnetwork]",
          "properties.securityRules[allow-rdp-from-office]",
          "properties.routes[" + firstRoute + "]",
          "properties.routes[" + secondRoute + "].properties.nextHopType");
      assertThat(sandbox.environment(NAME).getStatus().getDrift().total()).isEqualTo(fields.size());

      setPolicy(sandbox, ManagementPolicy.Manage);
      sandbox.awaitEnvironment(NAME, DriftReport.IN_SYNC, "True", WAIT);
      sandbox.awaitEnvironment(NAME, Conditions.READY, "True", WAIT);
      assertThat(OperatorIT.pending(sandbox, OperatorIT.plan(sandbox, NAME))).isEmpty();
      assertThat(sandbox.environment(NAME).getStatus().getLastDriftCorrection().summary())
          .contains("corrected", "securityRules");

      setPolicy(sandbox, ManagementPolicy.Observe);
      awaitReadyReason(sandbox, "Observed");
      long before = writes(sandbox);
      ObjectNode nsg = sandbox.armResource(ids(sandbox).networkSecurityGroup());
      rule(nsg, "amlnet-in-azuremachinelearning").with("properties").put("destinationPortRange", "443");
      sandbox.arm.driftResource(nsg);
      sandbox.awaitEnvironment(NAME, DriftReport.IN_SYNC, "False", WAIT);
      awaitReconciles(sandbox, countVnetReads(sandbox) + 2);
      assertThat(writes(sandbox)).as("ARM writes after drift under Observe").isEqualTo(before);
      assertThat(sandbox.environment(NAME).getStatus().getDrift().entries()).extracting(DriftEntry::field)
          .containsExactly("properties.securityRules[amlnet-in-azuremachinelearning].properties.destinationPortRange");
    }
  }

  @Test
  void aComputeOfAnObservedEnvironmentIsNeitherCreatedNorAttachedAndDeletionLeavesAzure() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(OperatorIT.FAST_RESYNC, o -> { })) {
      handSecure(sandbox);
      sandbox.apply("udr-service-tags.yaml", ObservePolicyIT::observed);
      String compute = OperatorSandbox.computeIn(sandbox.apply("compute-aml-cluster.yaml",
          yaml -> yaml.replace("environmentRef: restricted-outbound", "environmentRef: " + NAME))).getMetadata().getName();
      awaitComputeReason(sandbox, compute, "EnvironmentObserved");
      assertThat(Conditions.find(sandbox.compute(compute).getStatus().getConditions(), Conditions.READY).getMessage())
          .contains("managementPolicy Observe");
      assertThat(sandbox.arm.readResource(OperatorIT.ids(sandbox, NAME).compute(compute))).isEmpty();
      List<ObjectNode> worldBefore = sandbox.arm.snapshot();

      sandbox.kube.resources(io.amlnet.api.TrainingCompute.class).inNamespace(sandbox.namespace).withName(compute)
          .delete();
      sandbox.kube.resources(TrainingEnvironment.class).inNamespace(sandbox.namespace).withName(NAME).delete();
      sandbox.awaitArm("the environment is gone", arm -> sandbox.environment(NAME) == null, WAIT);
      assertThat(writes(sandbox)).isZero();
      assertThat(sandbox.arm.snapshot()).as("Azure after deletion under Observe").isEqualTo(worldBefore);
    }
  }

  /**
   * The subnet as a team secured it by hand before amlnet, and handed over with amlnet's owner tag:
   * amlnet's NSG and route table, but one rule on another port, one missing and one of their own, one
   * route missing and one to an appliance. Seeded behind ARM's back, so no request is logged.
   */
  private static Plan handSecure(OperatorSandbox sandbox) throws Exception {
    String yaml = observed(Files.readString(Path.of("examples", "udr-service-tags.yaml")));
    TrainingEnvironment env = ManifestReader.read("udr-service-tags.yaml", yaml).environments().get(0);
    AzureIds ids = AzureIds.of(sandbox.namespace, NAME, env.getSpec());
    FactsReader reader = new FactsReader(OperatorIT.armClient(sandbox), new ServiceTagCache(Duration.ZERO,
        Clock.systemUTC()));
    Plan plan = new EnvironmentPlanner(RegionPairs.published()).plan(new PlanInput(sandbox.namespace, NAME,
        env.getSpec(), List.of(), reader.read(sandbox.namespace, NAME, env.getSpec(), List.of())));
    ObjectNode nsg = seedable(write(plan, ids.networkSecurityGroup()), ids.networkSecurityGroup(),
        "Microsoft.Network/networkSecurityGroups");
    rule(nsg, "amlnet-in-batchnodemanagement").with("properties").put("destinationPortRange", "29876");
    ArrayNode rules = (ArrayNode) nsg.with("properties").get("securityRules");
    rules.remove(indexOf(rules, "amlnet-out-virtualnetwork"));
    rules.addObject().put("name", "allow-rdp-from-office").putObject("properties").put("protocol", "Tcp")
        .put("sourcePortRange", "*").put("destinationPortRange", "3389").put("sourceAddressPrefix", "10.40.0.0/24")
        .put("destinationAddressPrefix", "*").put("access", "Allow").put("priority", 200).put("direction", "Inbound");
    sandbox.arm.driftResource(nsg);
    ObjectNode routeTable = seedable(write(plan, ids.routeTable()), ids.routeTable(), "Microsoft.Network/routeTables");
    ArrayNode routes = (ArrayNode) routeTable.with("properties").get("routes");
    routes.remove(0);
    ((ObjectNode) routes.get(0).get("properties")).put("nextHopType", "VirtualAppliance").put("nextHopIpAddress", "10.40.0.4");
    sandbox.arm.driftResource(routeTable);
    ObjectNode vnet = sandbox.armResource(ids.virtualNetwork());
    for (var subnet : vnet.with("properties").withArray("subnets")) {
      if (subnet.path("id").asText().equalsIgnoreCase(ids.subnet())) {
        ObjectNode properties = ((ObjectNode) subnet).with("properties");
        properties.putObject("networkSecurityGroup").put("id", ids.networkSecurityGroup());
        properties.putObject("routeTable").put("id", ids.routeTable());
      }
    }
    sandbox.arm.driftResource(vnet);
    return plan;
  }

  private static ObjectNode seedable(ArmWrite write, String id, String type) {
    ObjectNode body = write.body().deepCopy();
    body.put("id", id).put("name", id.substring(id.lastIndexOf('/') + 1)).put("type", type);
    return body;
  }

  private static ArmWrite write(Plan plan, String id) {
    return plan.writes().stream().filter(w -> w.id().equalsIgnoreCase(id)).findFirst().orElseThrow();
  }

  private static List<String> routes(Plan plan) {
    return plan.network().routes().stream().map(io.amlnet.plan.Route::name).toList();
  }

  private static ObjectNode rule(ObjectNode nsg, String name) {
    ArrayNode rules = (ArrayNode) nsg.with("properties").get("securityRules");
    return (ObjectNode) rules.get(indexOf(rules, name));
  }

  private static int indexOf(ArrayNode items, String name) {
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i).path("name").asText().equals(name)) {
        return i;
      }
    }
    throw new AssertionError("no " + name + " in " + items);
  }

  private static AzureIds ids(OperatorSandbox sandbox) {
    return OperatorIT.ids(sandbox, NAME);
  }

  private static void setPolicy(OperatorSandbox sandbox, ManagementPolicy policy) {
    sandbox.kube.resources(TrainingEnvironment.class).inNamespace(sandbox.namespace).withName(NAME).edit(e -> {
      e.setSpec(e.getSpec().withManagementPolicy(policy));
      return e;
    });
  }

  static long writes(OperatorSandbox sandbox) {
    return sandbox.arm.requests().entries().stream().filter(e -> e.kind() != ArmRequest.Kind.READ).count();
  }

  /** Each reconcile of the environment reads its VNet once. */
  static long countVnetReads(OperatorSandbox sandbox) {
    return sandbox.arm.requests().entries().stream()
        .filter(e -> e.method().equals("GET") && e.path().toLowerCase().endsWith("/virtualnetworks/vnet-aml")).count();
  }

  private static void awaitReconciles(OperatorSandbox sandbox, long vnetReads) {
    sandbox.awaitArm(vnetReads + " reconciles", arm -> countVnetReads(sandbox) >= vnetReads, WAIT);
  }

  private static void awaitReadyReason(OperatorSandbox sandbox, String reason) {
    sandbox.awaitArm("Ready reason " + reason, arm -> {
      var env = sandbox.environment(NAME);
      var ready = env.getStatus() == null ? null : Conditions.find(env.getStatus().getConditions(), Conditions.READY);
      return ready != null && reason.equals(ready.getReason())
          && env.getMetadata().getGeneration().equals(env.getStatus().getObservedGeneration());
    }, WAIT);
  }

  private static void awaitComputeReason(OperatorSandbox sandbox, String name, String reason) {
    sandbox.awaitArm("compute reason " + reason, arm -> {
      var tc = sandbox.compute(name);
      var ready = tc == null || tc.getStatus() == null ? null : Conditions.find(tc.getStatus().getConditions(), Conditions.READY);
      return ready != null && reason.equals(ready.getReason());
    }, WAIT);
  }
}
