package io.amlnet.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlnet.api.AmlComputeSpec;
import io.amlnet.api.TrainingComputeSpec;
import io.amlnet.api.TrainingComputeSpec.ComputeKind;
import org.junit.jupiter.api.Test;

/** The Microsoft.MachineLearningServices compute bodies amlnet writes. */
class ComputeBodiesTest {

  private static ArmWrite computeWrite(Scenario scenario) {
    return scenario.plan().writes().stream()
        .filter(w -> w.resourceType().equals("Microsoft.MachineLearningServices/workspaces/computes"))
        .findFirst().orElseThrow();
  }

  @Test
  void r17_amlComputeClusterInTheSubnetWithItsScaleSettings() {
    Scenario scenario = new Scenario();
    scenario.computes.add(new PlanInput.BoundCompute("gpu", new TrainingComputeSpec("env", ComputeKind.AmlCompute,
        "gpu-cluster", false, new AmlComputeSpec("Standard_NC6s_v3", AmlComputeSpec.VmPriority.LowPriority, 1, 8,
            "PT300S", false), null, null)));
    ArmWrite write = computeWrite(scenario);
    assertThat(write.id()).endsWith("/workspaces/mlw-contoso/computes/gpu-cluster");
    assertThat(write.apiVersion()).isEqualTo("2024-10-01");
    JsonNode body = write.body();
    assertThat(body.path("location").asText()).isEqualTo("eastus2");
    assertThat(body.path("properties").path("computeType").asText()).isEqualTo("AmlCompute");
    JsonNode p = body.path("properties").path("properties");
    assertThat(p.path("vmSize").asText()).isEqualTo("Standard_NC6s_v3");
    assertThat(p.path("vmPriority").asText()).isEqualTo("LowPriority");
    assertThat(p.path("scaleSettings").path("minNodeCount").asInt()).isEqualTo(1);
    assertThat(p.path("scaleSettings").path("maxNodeCount").asInt()).isEqualTo(8);
    assertThat(p.path("scaleSettings").path("nodeIdleTimeBeforeScaleDown").asText()).isEqualTo("PT300S");
    assertThat(p.path("remoteLoginPortPublicAccess").asText()).isEqualTo("Disabled");
    assertThat(p.path("enableNodePublicIp").asBoolean()).isFalse();
    assertThat(p.path("subnet").path("id").asText()).isEqualTo(Scenario.SUBNET);
  }

  @Test
  void r18_computeInstanceIsCreatedInTheSubnet() {
    JsonNode p = computeWrite(new Scenario().instance("nb", true)).body().path("properties");
    assertThat(p.path("computeType").asText()).isEqualTo("ComputeInstance");
    assertThat(p.path("properties").path("subnet").path("id").asText()).isEqualTo(Scenario.SUBNET);
    assertThat(p.path("properties").path("sshSettings").path("sshPublicAccess").asText()).isEqualTo("Disabled");
  }

  @Test
  void r8_aComputeInstanceUsesTheCurrentSubnetAtCreation() {
    Scenario scenario = new Scenario().instance("nb", true);
    scenario.subnet = "training-restricted";
    assertThat(computeWrite(scenario).body().path("properties").path("properties").path("subnet").path("id").asText())
        .endsWith("/subnets/training-restricted");
  }

  @Test
  void r19_databricksIsAttachedByResourceId() {
    String id = "/subscriptions/" + Scenario.SUBSCRIPTION
        + "/resourceGroups/rg-aml/providers/Microsoft.Databricks/workspaces/dbw-contoso";
    JsonNode p = computeWrite(new Scenario().attached("dbw", ComputeKind.Databricks, id, null)).body().path("properties");
    assertThat(p.path("computeType").asText()).isEqualTo("Databricks");
    assertThat(p.path("resourceId").asText()).isEqualTo(id);
  }

  @Test
  void r19_theDatabricksAccessTokenIsOnlyAPlaceholderNamingItsSecret() {
    String id = "/subscriptions/" + Scenario.SUBSCRIPTION
        + "/resourceGroups/rg-aml/providers/Microsoft.Databricks/workspaces/dbw-contoso";
    JsonNode p = computeWrite(new Scenario().attached("dbw", ComputeKind.Databricks, id, null)).body()
        .path("properties").path("properties");
    assertThat(p.path("databricksAccessToken").asText()).isEqualTo("<from secret dbw-credentials>");
  }

  @Test
  void r20_virtualMachineIsAttachedWithItsSshPort() {
    String id = "/subscriptions/" + Scenario.SUBSCRIPTION
        + "/resourceGroups/rg-aml-network/providers/Microsoft.Compute/virtualMachines/vm-ubuntu-train";
    JsonNode p = computeWrite(new Scenario().attached("vm", ComputeKind.VirtualMachine, id, 2222))
        .body().path("properties");
    assertThat(p.path("computeType").asText()).isEqualTo("VirtualMachine");
    assertThat(p.path("resourceId").asText()).isEqualTo(id);
    assertThat(p.path("properties").path("sshPort").asInt()).isEqualTo(2222);
  }

  @Test
  void r20_theAdministratorAccountIsOnlyAPlaceholderNamingItsSecret() {
    for (ComputeKind kind : new ComputeKind[] {ComputeKind.VirtualMachine, ComputeKind.HDInsight}) {
      String id = "/subscriptions/" + Scenario.SUBSCRIPTION + "/resourceGroups/rg-aml-network/providers/"
          + (kind == ComputeKind.VirtualMachine ? "Microsoft.Compute/virtualMachines/vm-ubuntu-train"
              : "Microsoft.HDInsight/clusters/hdi-spark");
      JsonNode p = computeWrite(new Scenario().attached("att", kind, id, null)).body().path("properties").path("properties");
      assertThat(p.path("administratorAccount").asText()).as(kind.name()).isEqualTo("<from secret att-credentials>");
    }
  }
}
