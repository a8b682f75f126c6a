package io.amlnet.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlnet.api.NetworkSecurity;
import io.amlnet.api.Ssh;
import io.amlnet.api.TrainingComputeSpec.ComputeKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A compute's own inputs are checked before the environment opens anything for it. */
class ComputeInputChecksTest {
  private static final String RG = "/subscriptions/" + Scenario.SUBSCRIPTION + "/resourceGroups/";
  private static final String UBUNTU = RG + "rg-aml-network/providers/Microsoft.Compute/virtualMachines/vm-ubuntu-train";
  private static final String WINDOWS = RG + "rg-aml-network/providers/Microsoft.Compute/virtualMachines/vm-windows-legacy";
  private static final String MISSING = RG + "rg-aml-network/providers/Microsoft.Compute/virtualMachines/vm-gone";

  private static List<Finding> blocking(Plan plan, String requirement) {
    return plan.findings().stream().filter(f -> f.isBlocking() && f.requirement().equals(requirement)).toList();
  }

  private static boolean opensSshForAttachedCompute(Plan plan) {
    return plan.network().securityRules().stream().anyMatch(r -> r.name().startsWith("amlnet-in-ssh-azuremachinelearning"));
  }

  @Test
  void r20_aMissingVirtualMachineIsBlockingForItselfAndGetsNoRule() {
    Scenario scenario = new Scenario().attached("vm", ComputeKind.VirtualMachine, MISSING, 22);
    scenario.factsArray("absent").add(MISSING);
    Plan plan = scenario.plan();
    assertThat(blocking(plan, "R20")).singleElement()
        .satisfies(f -> assertThat(f.compute()).isEqualTo("vm"))
        .satisfies(f -> assertThat(f.message()).contains("does not exist"));
    assertThat(opensSshForAttachedCompute(plan)).isFalse();
  }

  @Test
  void r20_aVirtualMachineInAnotherSubscriptionIsBlockingAndGetsNoRule() {
    Scenario scenario = new Scenario().attached("vm", ComputeKind.VirtualMachine,
        UBUNTU.replace(Scenario.SUBSCRIPTION, "00000000-0000-0000-0000-000000000000"), 22);
    Plan plan = scenario.plan();
    assertThat(blocking(plan, "R20")).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("is not in subscription"));
    assertThat(opensSshForAttachedCompute(plan)).isFalse();
  }

  @Test
  void r20_aWindowsVirtualMachineGetsNoRule() {
    Plan plan = new Scenario().attached("vm", ComputeKind.VirtualMachine, WINDOWS, 22).plan();
    assertThat(blocking(plan, "R20")).isNotEmpty();
    assertThat(opensSshForAttachedCompute(plan)).isFalse();
  }

  @Test
  void r20_anUbuntuVirtualMachineBesideABlockedOneStillGetsItsRule() {
    Plan plan = new Scenario().attached("bad", ComputeKind.VirtualMachine, WINDOWS, 2222)
        .attached("good", ComputeKind.VirtualMachine, UBUNTU.toLowerCase(java.util.Locale.ROOT), 22).plan();
    assertThat(plan.network().securityRules()).filteredOn(r -> r.requirement().equals("R20"))
        .extracting(SecurityRule::destinationPortRange).containsExactly("22");
  }

  @Test
  void r8_theEnvironmentCannotLeaveTheSubnetItsClusterLivesIn() {
    Scenario scenario = new Scenario().cluster("cpu", 4, true);
    ObjectNode compute = scenario.factsArray("computes").addObject();
    compute.put("id", RG + "rg-aml/providers/Microsoft.MachineLearningServices/workspaces/mlw-contoso/computes/cpu");
    compute.putObject("tags").put(ArmBodies.OWNER_TAG, ResourceNames.owner("ml-team", "env"));
    compute.putObject("properties").put("computeType", "AmlCompute").putObject("properties").putObject("subnet")
        .put("id", Scenario.VNET + "/subnets/training-old");
    assertThat(blocking(scenario.plan(), "R8")).singleElement()
        .satisfies(f -> assertThat(f.compute()).as("the environment itself stalls").isNull())
        .satisfies(f -> assertThat(f.message()).contains("training-old"));
  }

  @Test
  void r8_aClusterSomeoneElseMadeElsewhereDoesNotHoldTheEnvironment() {
    Scenario scenario = new Scenario().cluster("cpu", 4, true);
    ObjectNode compute = scenario.factsArray("computes").addObject();
    compute.put("id", RG + "rg-aml/providers/Microsoft.MachineLearningServices/workspaces/mlw-contoso/computes/cpu");
    compute.putObject("properties").put("computeType", "AmlCompute").putObject("properties").putObject("subnet")
        .put("id", Scenario.VNET + "/subnets/elsewhere");
    assertThat(blocking(scenario.plan(), "R8")).noneMatch(f -> f.compute() == null);
  }

  @Test
  void r11_anSshSourceThatNamesNoServiceTagIsBlocking() {
    Scenario scenario = new Scenario();
    scenario.ssh = new Ssh(true, "CorporateNetwork");
    assertThat(blocking(scenario.plan(), "R11")).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("CorporateNetwork"));
  }

  @Test
  void r11_defaultTagsAndListedServiceTagsAreValidSshSources() {
    for (String source : List.of("VirtualNetwork", "AzureLoadBalancer", "AzureMachineLearning", "10.1.0.0/16", "*")) {
      Scenario scenario = new Scenario();
      scenario.ssh = new Ssh(true, source);
      assertThat(blocking(scenario.plan(), "R11")).as(source).isEmpty();
    }
  }

  @Test
  void r10_aForeignRuleAtAmlnetsPriorityInAnExistingNsgIsBlockingAndNamed() {
    Scenario scenario = new Scenario().cluster("cpu", 2, true);
    scenario.networkSecurity = new NetworkSecurity(NetworkSecurity.NsgMode.Existing, "shared-training-nsg", null, 3000);
    ObjectNode nsg = scenario.factsArray("resources").addObject();
    nsg.put("id", RG + "rg-aml-network/providers/Microsoft.Network/networkSecurityGroups/shared-training-nsg");
    nsg.putObject("properties").putArray("securityRules").addObject().put("name", "allow-monitoring")
        .putObject("properties").put("priority", 3010).put("direction", "Inbound");
    assertThat(blocking(scenario.plan(), "R10")).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("allow-monitoring", "3010", "amlnet-in-azuremachinelearning"));
  }

  @Test
  void aForeignRuleAtAFreePriorityIsNoCollision() {
    Scenario scenario = new Scenario().cluster("cpu", 2, true);
    scenario.networkSecurity = new NetworkSecurity(NetworkSecurity.NsgMode.Existing, "shared-training-nsg", null, 3000);
    ObjectNode nsg = scenario.factsArray("resources").addObject();
    nsg.put("id", RG + "rg-aml-network/providers/Microsoft.Network/networkSecurityGroups/shared-training-nsg");
    nsg.putObject("properties").putArray("securityRules").addObject().put("name", "allow-monitoring")
        .putObject("properties").put("priority", 3010).put("direction", "Outbound");
    assertThat(scenario.plan().findings()).noneMatch(f -> f.isBlocking() && f.message().contains("allow-monitoring"));
  }
}
