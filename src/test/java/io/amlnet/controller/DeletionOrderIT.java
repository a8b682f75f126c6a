package io.amlnet.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlnet.api.TrainingCompute;
import io.amlnet.api.TrainingEnvironment;
import io.amlnet.plan.AzureIds;
import io.amlnet.sandbox.RequestLog;
import io.amlnet.testing.ControlPlane;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Deletion follows dependencies, in whatever order a user (or `kubectl delete -f dir/`) deletes. */
@ExtendWith(ControlPlane.class)
class DeletionOrderIT {
  private static final Duration READY = OperatorIT.READY;

  private static OperatorSandbox environmentWithCluster() throws Exception {
    OperatorSandbox sandbox = OperatorSandbox.start(OperatorIT.NEVER, o -> { });
    sandbox.apply("open-outbound.yaml");
    sandbox.awaitCompute("cpu-cluster", Conditions.READY, "True", READY);
    return sandbox;
  }

  @Test
  void anEnvironmentWithBoundComputesWaitsForThemAndNamesThem() throws Exception {
    try (OperatorSandbox sandbox = environmentWithCluster()) {
      AzureIds ids = OperatorIT.ids(sandbox, "open-outbound");
      String cluster = sandbox.compute("cpu-cluster").getStatus().getComputeId();
      sandbox.kube.resource(sandbox.environment("open-outbound")).delete();
      Condition waiting = sandbox.awaitEnvironment("open-outbound", Conditions.RECONCILING, "True", READY);
      assertThat(waiting.getReason()).isEqualTo("WaitingForComputes");
      assertThat(waiting.getMessage()).contains("cpu-cluster");
      assertThat(sandbox.arm.readResource(ids.networkSecurityGroup())).as("the running cluster keeps its rules").isPresent();

      sandbox.kube.resource(sandbox.compute("cpu-cluster")).delete();
      sandbox.awaitArm("compute, then environment torn down", arm -> arm.readResource(cluster).isEmpty()
          && arm.readResource(ids.networkSecurityGroup()).isEmpty() && sandbox.environment("open-outbound") == null
          && sandbox.compute("cpu-cluster") == null, READY);
      List<String> deletes = sandbox.arm.requests().entries().stream().filter(e -> e.method().equals("DELETE"))
          .map(RequestLog.Entry::path).toList();
      assertThat(deletes.indexOf(deletes.stream().filter(p -> p.endsWith("/computes/cpu-cluster")).findFirst().orElseThrow()))
          .as("the compute goes before its NSG").isLessThan(deletes.indexOf(deletes.stream()
              .filter(p -> p.toLowerCase().endsWith(ids.networkSecurityGroup().toLowerCase())).findFirst().orElseThrow()));
    }
  }

  @Test
  void deletingEnvironmentAndComputeTogetherConvergesWithNothingLeft() throws Exception {
    try (OperatorSandbox sandbox = environmentWithCluster()) {
      AzureIds ids = OperatorIT.ids(sandbox, "open-outbound");
      String cluster = sandbox.compute("cpu-cluster").getStatus().getComputeId();
      sandbox.kube.resource(sandbox.environment("open-outbound")).delete();
      sandbox.kube.resource(sandbox.compute("cpu-cluster")).delete();
      sandbox.awaitArm("both gone, nothing left in Azure", arm -> sandbox.environment("open-outbound") == null
          && sandbox.compute("cpu-cluster") == null && arm.readResource(cluster).isEmpty()
          && arm.readResource(ids.networkSecurityGroup()).isEmpty(), READY);
    }
  }

  @Test
  void aComputeCleansUpAfterItselfWhenItsEnvironmentIsAlreadyGone() throws Exception {
    try (OperatorSandbox sandbox = environmentWithCluster()) {
      String cluster = sandbox.compute("cpu-cluster").getStatus().getComputeId();
      skipAzureCleanup(sandbox, "open-outbound");
      sandbox.kube.resource(sandbox.environment("open-outbound")).delete();
      sandbox.awaitArm("environment gone", arm -> sandbox.environment("open-outbound") == null, READY);

      sandbox.kube.resource(sandbox.compute("cpu-cluster")).delete();
      sandbox.awaitArm("the AML compute deleted from the compute's own status", arm ->
          arm.readResource(cluster).isEmpty() && sandbox.compute("cpu-cluster") == null, READY);
    }
  }

  /**
   * A move of the environment that was under way when it was deleted (or a hand-made association)
   * leaves amlnet's NSG on a second subnet of the VNet; ARM refuses to delete an NSG any subnet still
   * uses, so the teardown detaches it from every subnet of the VNet, not only the one it last wrote.
   */
  @Test
  void anNsgLeftOnASecondSubnetIsDetachedFromBothBeforeItIsDeleted() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(OperatorIT.NEVER, o -> { })) {
      sandbox.apply("open-outbound.yaml", OperatorIT::environmentOnly);
      sandbox.awaitEnvironment("open-outbound", Conditions.READY, "True", READY);
      AzureIds ids = OperatorIT.ids(sandbox, "open-outbound");
      String second = ids.virtualNetwork() + "/subnets/training-udr-tags";
      ObjectNode vnet = sandbox.armResource(ids.virtualNetwork());
      ((ObjectNode) OperatorIT.subnetOf(vnet, second).path("properties")).putObject("networkSecurityGroup")
          .put("id", ids.networkSecurityGroup());
      sandbox.arm.driftResource(vnet);

      sandbox.kube.resource(sandbox.environment("open-outbound")).delete();
      sandbox.awaitArm("environment and its NSG gone", arm -> sandbox.environment("open-outbound") == null
          && arm.readResource(ids.networkSecurityGroup()).isEmpty(), READY);
      JsonNode after = sandbox.armResource(ids.virtualNetwork());
      assertThat(OperatorIT.subnetOf(after, second).path("properties").has("networkSecurityGroup")).isFalse();
      assertThat(OperatorIT.subnetOf(after, ids.subnet()).path("properties").has("networkSecurityGroup")).isFalse();
    }
  }

  @Test
  void theSkipCleanupAnnotationLeavesAzureAloneAndSaysSo() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(OperatorIT.NEVER, o -> { })) {
      sandbox.apply("nat-gateway.yaml");
      sandbox.awaitEnvironment("nat-gateway", Conditions.READY, "True", READY);
      AzureIds ids = OperatorIT.ids(sandbox, "nat-gateway");
      skipAzureCleanup(sandbox, "nat-gateway");
      sandbox.arm.requests().reset();
      sandbox.kube.resource(sandbox.environment("nat-gateway")).delete();
      sandbox.awaitArm("environment gone", arm -> sandbox.environment("nat-gateway") == null, READY);
      assertThat(sandbox.arm.counts().writes() + sandbox.arm.counts().deletes()).isZero();
      assertThat(sandbox.arm.readResource(ids.natGateway())).isPresent();
      assertThat(sandbox.kube.resources(Event.class).inNamespace(sandbox.namespace).list().getItems())
          .anyMatch(e -> e.getReason().equals(SkipAzureCleanup.EVENT_REASON) && e.getType().equals("Warning"));
    }
  }

  /**
   * What deleting a namespace does (Secrets and CRs together; the test API server runs no namespace
   * controller, so the test deletes them itself, Secret first): the Secret stays until cleanup is done.
   */
  @Test
  void theCredentialSecretOutlivesTheCleanupThatNeedsIt() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(OperatorIT.NEVER, o -> { })) {
      sandbox.kube.secrets().inNamespace(sandbox.namespace).resource(new SecretBuilder().withNewMetadata()
          .withName("sp").endMetadata().withStringData(Map.of("tenantId", "00000000-0000-0000-0000-000000000001",
              "clientId", "00000000-0000-0000-0000-000000000002", "clientSecret", "not-a-real-secret")).build()).create();
      sandbox.apply("open-outbound.yaml", yaml -> yaml.replace("  outbound:\n    mode: Open",
          "  credential:\n    secretName: sp\n  outbound:\n    mode: Open"));
      sandbox.awaitCompute("cpu-cluster", Conditions.READY, "True", READY);
      AzureIds ids = OperatorIT.ids(sandbox, "open-outbound");
      String cluster = sandbox.compute("cpu-cluster").getStatus().getComputeId();
      assertThat(secret(sandbox).getMetadata().getFinalizers()).contains(CredentialSecretFinalizer.FINALIZER);

      sandbox.kube.secrets().inNamespace(sandbox.namespace).withName("sp").delete();
      sandbox.kube.resource(sandbox.environment("open-outbound")).delete();
      sandbox.kube.resource(sandbox.compute("cpu-cluster")).delete();
      sandbox.awaitArm("everything cleaned up, then the Secret released", arm -> sandbox.environment("open-outbound") == null
          && sandbox.compute("cpu-cluster") == null && secret(sandbox) == null && arm.readResource(cluster).isEmpty()
          && arm.readResource(ids.networkSecurityGroup()).isEmpty(), READY);
    }
  }

  private static Secret secret(OperatorSandbox sandbox) {
    return sandbox.kube.secrets().inNamespace(sandbox.namespace).withName("sp").get();
  }

  @Test
  void aComputeIsCreatedOnlyAfterItsRulesAreInAzure() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(OperatorIT.NEVER, o -> { })) {
      // Only a no-public-IP cluster at first, so the NSG has no inbound rules from Azure (R9/R10).
      sandbox.apply("restricted-outbound.yaml");
      sandbox.apply("compute-aml-cluster.yaml");
      sandbox.awaitCompute("gpu-cluster", Conditions.READY, "True", READY);
      AzureIds ids = OperatorIT.ids(sandbox, "restricted-outbound");
      sandbox.arm.requests().reset();
      sandbox.apply("open-outbound.yaml", yaml -> OperatorIT.computesOnly(yaml)
          .replace("environmentRef: open-outbound", "environmentRef: restricted-outbound"));
      sandbox.awaitCompute("cpu-cluster", Conditions.READY, "True", READY);
      List<RequestLog.Entry> writes = sandbox.arm.requests().entries().stream().filter(e -> e.method().equals("PUT")).toList();
      int rules = indexOf(writes, ids.networkSecurityGroup());
      int compute = indexOf(writes, "/computes/cpu-cluster");
      assertThat(rules).as("the NSG gains the cluster's R9/R10 rules").isNotNegative();
      assertThat(rules).as("before the cluster is created").isLessThan(compute);
      TrainingCompute tc = sandbox.compute("cpu-cluster");
      assertThat(sandbox.environment("restricted-outbound").getStatus().getComputes())
          .anyMatch(p -> p.name().equals("cpu-cluster") && p.generation().equals(tc.getMetadata().getGeneration()));
    }
  }

  private static int indexOf(List<RequestLog.Entry> entries, String pathEnd) {
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).path().toLowerCase().endsWith(pathEnd.toLowerCase())) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Sets the escape-hatch annotation with a merge patch, as `kubectl annotate` does: an update of a
   * read copy would conflict with the operator's status writes (409, the object has been modified).
   */
  private static void skipAzureCleanup(OperatorSandbox sandbox, String environment) {
    sandbox.kube.resources(TrainingEnvironment.class).inNamespace(sandbox.namespace).withName(environment)
        .patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
            io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
            "{\"metadata\":{\"annotations\":{\"" + SkipAzureCleanup.ANNOTATION + "\":\"true\"}}}");
  }
}
