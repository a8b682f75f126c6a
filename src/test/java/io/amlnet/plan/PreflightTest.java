package io.amlnet.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlnet.api.ForcedTunneling;
import io.amlnet.api.TrainingComputeSpec.ComputeKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The prerequisites of the document, checked before anything touches Azure. */
class PreflightTest {
  private static final String RG = "/subscriptions/" + Scenario.SUBSCRIPTION + "/resourceGroups/";

  private static List<Finding> blocking(Scenario scenario, String requirement) {
    return scenario.plan().findings().stream()
        .filter(f -> f.isBlocking() && f.requirement().equals(requirement)).toList();
  }

  private static ObjectNode resource(Scenario scenario, String section, String name) {
    return (ObjectNode) scenario.factsResource(section, name).orElseThrow();
  }

  @Test
  void theExampleWorldPassesPreflight() {
    Plan plan = new Scenario().cluster("c", 4, true).plan();
    assertThat(plan.findings()).noneMatch(Finding::isBlocking);
    assertThat(plan.assumedFacts()).isEmpty();
  }

  @Test
  void r1_vnetInAnotherRegionThanTheWorkspaceIsBlocking() {
    Scenario scenario = new Scenario();
    resource(scenario, "virtualNetworks", "vnet-aml").put("location", "westeurope");
    assertThat(blocking(scenario, "R1")).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("westeurope", "eastus2"));
  }

  @Test
  void r1_workspaceNotInTheDeclaredRegionIsBlocking() {
    Scenario scenario = new Scenario();
    resource(scenario, "workspaces", "mlw-contoso").put("location", "westus");
    assertThat(blocking(scenario, "R1")).isNotEmpty();
  }

  @Test
  void r2_subnetTooSmallForMaxNodesPlusInstancesIsBlocking() {
    Scenario scenario = new Scenario().cluster("big", 250, true).instance("nb", true);
    // /24 = 256 - 5 reserved = 251 usable; 250 nodes + 1 instance fit exactly.
    assertThat(blocking(scenario, "R2")).isEmpty();
    scenario.subnetFacts().putArray("ipConfigurations").addObject().put("id", "nic-1");
    assertThat(blocking(scenario, "R2")).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("250 unassigned", "need 251"));
  }

  @Test
  void r3_lockOnTheVnetResourceGroupWarnsThatDeletionWillFail() {
    Scenario scenario = new Scenario();
    scenario.factsArray("locks").addObject().put("id", RG + "rg-aml-network/providers/Microsoft.Authorization/locks/keep")
        .putObject("properties").put("level", "CanNotDelete");
    assertThat(scenario.plan().findings()).anyMatch(f -> f.requirement().equals("R3") && !f.isBlocking()
        && f.message().contains("compute deletion fail"));
  }

  @Test
  void r3_readOnlyLockBlocksCreation() {
    Scenario scenario = new Scenario();
    scenario.factsArray("locks").addObject().put("id", "/subscriptions/" + Scenario.SUBSCRIPTION
        + "/providers/Microsoft.Authorization/locks/frozen").putObject("properties").put("level", "ReadOnly");
    assertThat(blocking(scenario, "R3")).isNotEmpty();
  }

  @Test
  void r3_policyDenyingPublicIpsBlocksPublicIpComputes() {
    Scenario scenario = new Scenario().cluster("c", 2, true);
    denyPublicIps(scenario);
    assertThat(blocking(scenario, "R3")).singleElement()
        .satisfies(f -> {
          assertThat(f.message()).contains("enableNodePublicIp: false");
          assertThat(f.compute()).as("a compute's own finding stalls only that compute").isEqualTo("c");
        });
  }

  @Test
  void r3_policyDenyingPublicIpsAllowsNoPublicIpComputes() {
    Scenario scenario = new Scenario().cluster("c", 2, false);
    denyPublicIps(scenario);
    assertThat(blocking(scenario, "R3")).isEmpty();
  }

  @Test
  void r3_policyDenyingPublicIpsBlocksTheNatGatewaysAddress() {
    Scenario scenario = new Scenario();
    scenario.forcedTunneling = new ForcedTunneling(ForcedTunneling.TunnelingMode.NatGateway, null, null, null);
    denyPublicIps(scenario);
    assertThat(blocking(scenario, "R15")).isNotEmpty();
  }

  private static void denyPublicIps(Scenario scenario) {
    scenario.factsArray("denyPolicies").addObject().put("id", "/providers/Microsoft.Authorization/policyAssignments/no-pip")
        .put("scope", "/subscriptions/" + Scenario.SUBSCRIPTION)
        .put("resourceType", "Microsoft.Network/publicIPAddresses");
  }

  @Test
  void r4_storageSecuredInAVnetWithoutThisVnetIsBlocking() {
    Scenario scenario = new Scenario();
    ArrayNode rules = resource(scenario, "storageAccounts", "stmlcontoso").with("properties")
        .with("networkAcls").putArray("virtualNetworkRules");
    rules.addObject().put("id", RG + "other/providers/Microsoft.Network/virtualNetworks/other-vnet/subnets/a");
    assertThat(blocking(scenario, "R4")).isNotEmpty();
  }

  @Test
  void r4_storageOpenToAllNetworksNeedsNothing() {
    Scenario scenario = new Scenario();
    resource(scenario, "storageAccounts", "stmlcontoso").with("properties").with("networkAcls")
        .put("defaultAction", "Allow").putArray("virtualNetworkRules");
    assertThat(blocking(scenario, "R4")).isEmpty();
  }

  @Test
  void r5_delegatedSubnetIsBlocking() {
    Scenario scenario = new Scenario();
    scenario.subnetFacts().putArray("delegations").addObject().put("name", "aci")
        .putObject("properties").put("serviceName", "Microsoft.ContainerInstance/containerGroups");
    assertThat(blocking(scenario, "R5")).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("Microsoft.ContainerInstance/containerGroups"));
  }

  @Test
  void r6_serviceEndpointPoliciesAreBlocking() {
    Scenario scenario = new Scenario();
    scenario.subnetFacts().putArray("serviceEndpointPolicies").addObject().put("id", "/sep/1");
    assertThat(blocking(scenario, "R6")).isNotEmpty();
  }

  @Test
  void r7_missingJoinPermissionsAreBlocking() {
    Scenario scenario = new Scenario();
    scenario.facts.with("permissions").putArray(Scenario.VNET).addObject()
        .putArray("actions").add("Microsoft.Network/virtualNetworks/read");
    assertThat(blocking(scenario, "R7")).hasSize(2);
  }

  @Test
  void r7_notActionsTakeAwayAWildcardGrant() {
    Scenario scenario = new Scenario();
    ObjectNode permission = scenario.facts.with("permissions").putArray(Scenario.VNET).addObject();
    permission.putArray("actions").add("*");
    permission.putArray("notActions").add("Microsoft.Network/virtualNetworks/subnets/join/action");
    assertThat(blocking(scenario, "R7")).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("subnets/join/action"));
  }

  @Test
  void r7_withoutPermissionFactsItIsAssumedAndSaid() {
    Scenario scenario = new Scenario();
    scenario.facts.remove("permissions");
    assertThat(scenario.plan().assumedFacts()).anyMatch(f -> f.contains("(R7)"));
  }

  @Test
  void r8_anExistingInstanceOutsideTheSubnetCannotBeMovedIn() {
    Scenario scenario = new Scenario().instance("nb", true);
    scenario.factsArray("computes").addObject().put("id", RG
        + "rg-aml/providers/Microsoft.MachineLearningServices/workspaces/mlw-contoso/computes/nb")
        .putObject("properties").put("computeType", "ComputeInstance").putObject("properties");
    assertThat(blocking(scenario, "R8")).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("cannot be moved"));
  }

  @Test
  void r19_databricksNeedsItsTwoSubnetsAndDefault() {
    Scenario scenario = new Scenario().attached("dbw", ComputeKind.Databricks,
        RG + "rg-aml/providers/Microsoft.Databricks/workspaces/dbw-contoso", null);
    assertThat(blocking(scenario, "R19")).isEmpty();
    ArrayNode subnets = (ArrayNode) resource(scenario, "virtualNetworks", "vnet-aml").path("properties").path("subnets");
    for (int i = subnets.size() - 1; i >= 0; i--) {
      if (subnets.get(i).path("name").asText().equals("databricks-public")) {
        subnets.remove(i);
      }
    }
    assertThat(blocking(scenario, "R19")).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("no subnet databricks-public"));
  }

  @Test
  void r19_databricksInAnotherRegionIsBlocking() {
    Scenario scenario = new Scenario().attached("dbw", ComputeKind.Databricks,
        RG + "rg-aml/providers/Microsoft.Databricks/workspaces/dbw-contoso", null);
    resource(scenario, "resources", "dbw-contoso").put("location", "westus");
    assertThat(blocking(scenario, "R19")).isNotEmpty();
  }

  @Test
  void r19_databricksInAnotherSubscriptionIsBlocking() {
    Scenario scenario = new Scenario().attached("dbw", ComputeKind.Databricks,
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/x/providers/Microsoft.Databricks/workspaces/d",
        null);
    assertThat(blocking(scenario, "R19")).isNotEmpty();
  }

  @Test
  void r20_onlyUbuntuVirtualMachines() {
    Scenario ubuntu = new Scenario().attached("vm", ComputeKind.VirtualMachine,
        RG + "rg-aml-network/providers/Microsoft.Compute/virtualMachines/vm-ubuntu-train", null);
    Scenario windows = new Scenario().attached("vm", ComputeKind.VirtualMachine,
        RG + "rg-aml-network/providers/Microsoft.Compute/virtualMachines/vm-windows-legacy", null);
    assertThat(blocking(ubuntu, "R20")).isEmpty();
    assertThat(blocking(windows, "R20")).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("MicrosoftWindowsServer/WindowsServer", "only Ubuntu"));
  }

  @Test
  void r20_hdInsightMustRunLinux() {
    Scenario scenario = new Scenario().attached("hdi", ComputeKind.HDInsight,
        RG + "rg-aml-network/providers/Microsoft.HDInsight/clusters/hdi-spark", null);
    assertThat(blocking(scenario, "R20")).isEmpty();
    resource(scenario, "resources", "hdi-spark").with("properties").put("osType", "Windows");
    assertThat(blocking(scenario, "R20")).isNotEmpty();
  }

  @Test
  void withoutFactsEveryUncheckedPrerequisiteIsListedAsAssumed() {
    Scenario scenario = new Scenario().cluster("c", 2, true);
    scenario.withFacts = false;
    Plan plan = scenario.plan();
    assertThat(plan.findings()).noneMatch(Finding::isBlocking);
    assertThat(String.join("\n", plan.assumedFacts())).contains("(R1)", "(R2, R5, R6)", "(R4)", "(R7)");
  }
}
