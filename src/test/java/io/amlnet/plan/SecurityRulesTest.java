package io.amlnet.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlnet.api.NetworkSecurity;
import io.amlnet.api.Ssh;
import io.amlnet.api.TrainingComputeSpec.ComputeKind;
import io.amlnet.plan.SecurityRule.Access;
import io.amlnet.plan.SecurityRule.Direction;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The NSG rules of "Required ports" and "Restricted outbound" in the document. */
class SecurityRulesTest {

  private static List<SecurityRule> rules(Scenario scenario) {
    return scenario.plan().network().securityRules();
  }

  private static Optional<SecurityRule> rule(Scenario scenario, String name) {
    return rules(scenario).stream().filter(r -> r.name().equals(name)).findFirst();
  }

  @Test
  void r9_inboundTcp29876To29877FromBatchNodeManagement() {
    assertThat(rule(new Scenario(), "amlnet-in-batchnodemanagement")).get()
        .extracting(SecurityRule::direction, SecurityRule::access, SecurityRule::protocol,
            SecurityRule::sourceAddressPrefix, SecurityRule::destinationPortRange, SecurityRule::requirement)
        .containsExactly(Direction.Inbound, Access.Allow, "Tcp", "BatchNodeManagement", "29876-29877", "R9");
  }

  @Test
  void r10_inboundTcp44224FromAzureMachineLearning() {
    assertThat(rule(new Scenario(), "amlnet-in-azuremachinelearning")).get()
        .extracting(SecurityRule::direction, SecurityRule::access, SecurityRule::protocol,
            SecurityRule::sourceAddressPrefix, SecurityRule::destinationPortRange, SecurityRule::requirement)
        .containsExactly(Direction.Inbound, Access.Allow, "Tcp", "AzureMachineLearning", "44224", "R10");
  }

  @Test
  void r11_sshIsClosedUnlessAskedFor() {
    assertThat(rules(new Scenario())).noneMatch(r -> "22".equals(r.destinationPortRange()));
  }

  @Test
  void r11_sshWhenAskedForFromTheGivenSource() {
    Scenario scenario = new Scenario();
    scenario.ssh = new Ssh(true, "203.0.113.0/24");
    assertThat(rule(scenario, "amlnet-in-ssh")).get()
        .extracting(SecurityRule::protocol, SecurityRule::sourceAddressPrefix, SecurityRule::destinationPortRange,
            SecurityRule::requirement)
        .containsExactly("Tcp", "203.0.113.0/24", "22", "R11");
  }

  @Test
  void r11_remoteLoginOnAComputeWithoutSshIsAWarning() {
    Scenario scenario = new Scenario();
    scenario.computes.add(new PlanInput.BoundCompute("c", new io.amlnet.api.TrainingComputeSpec("env",
        ComputeKind.AmlCompute, null, true,
        new io.amlnet.api.AmlComputeSpec("Standard_DS3_v2", null, 0, 2, null, true), null, null)));
    assertThat(scenario.plan().findings())
        .contains(Finding.warning("R11", "compute c asks for remote login, but spec.ssh.enabled is false,"
            + " so inbound TCP 22 stays closed").about("c"));
  }

  @Test
  void r12_openOutboundAllowsTheVirtualNetworkAndLeavesTheInternetToTheDefaultRule() {
    Plan plan = new Scenario().plan();
    assertThat(plan.network().securityRules()).filteredOn(r -> r.direction() == Direction.Outbound)
        .extracting(SecurityRule::name, SecurityRule::access, SecurityRule::destinationAddressPrefix,
            SecurityRule::destinationPortRange)
        .containsExactly(tuple("amlnet-out-virtualnetwork", Access.Allow, "VirtualNetwork", "*"));
    assertThat(plan.notes()).anyMatch(n -> n.startsWith("R12:"));
  }

  @Test
  void r13_restrictedOutboundAllowsTheDocumentedTagsInArmSpellingThenDeniesTheInternet() {
    List<SecurityRule> outbound = rules(new Scenario().restricted(false)).stream()
        .filter(r -> r.direction() == Direction.Outbound).toList();
    assertThat(outbound)
        .extracting(SecurityRule::name, SecurityRule::priority, SecurityRule::access,
            SecurityRule::destinationAddressPrefix, SecurityRule::requirement)
        .containsExactly(
            tuple("amlnet-out-virtualnetwork", 1000, Access.Allow, "VirtualNetwork", "R12"),
            tuple("amlnet-out-storage", 1010, Access.Allow, "Storage.EastUS2", "R13"),
            tuple("amlnet-out-azurecontainerregistry", 1011, Access.Allow, "AzureContainerRegistry.EastUS2", "R13"),
            tuple("amlnet-out-azuremachinelearning", 1012, Access.Allow, "AzureMachineLearning", "R13"),
            tuple("amlnet-out-azureresourcemanager", 1013, Access.Allow, "AzureResourceManager", "R13"),
            tuple("amlnet-out-azureactivedirectory", 1014, Access.Allow, "AzureActiveDirectory", "R13"),
            tuple("amlnet-out-deny-internet", 1099, Access.Deny, "Internet", "R13"));
  }

  @Test
  void r13_denyInternetHasTheLowestPriorityOfAmlnetsOutboundRules() {
    List<SecurityRule> outbound = rules(new Scenario().restricted(true)).stream()
        .filter(r -> r.direction() == Direction.Outbound).toList();
    SecurityRule deny = outbound.stream().filter(r -> r.access() == Access.Deny).findFirst().orElseThrow();
    assertThat(outbound).filteredOn(r -> r.access() == Access.Allow)
        .allMatch(allow -> allow.priority() < deny.priority());
  }

  @Test
  void r13_regionalTagsAreFoundBySystemServiceAndRegionNotBySpelling() {
    Scenario scenario = new Scenario().restricted(false);
    // ARM's list is the authority: a tag spelled unlike <Tag>.<Region> is still found by its properties.
    for (JsonNode value : scenario.facts.withObject("serviceTags").withArray("values")) {
      if (value.path("name").asText().equals("Storage.EastUS2")) {
        ((ObjectNode) value).put("name", "Storage.EastUs2Stage");
      }
    }
    assertThat(rule(scenario, "amlnet-out-storage")).get()
        .extracting(SecurityRule::destinationAddressPrefix).isEqualTo("Storage.EastUs2Stage");
  }

  @Test
  void r13_withoutAServiceTagListTheDocumentedSpellingIsUsedAndSaidToBeAssumed() {
    Scenario scenario = new Scenario().restricted(false);
    scenario.withFacts = false;
    Plan plan = scenario.plan();
    assertThat(plan.network().securityRules()).extracting(SecurityRule::destinationAddressPrefix)
        .contains("Storage.eastus2", "AzureContainerRegistry.eastus2");
    assertThat(plan.assumedFacts()).anyMatch(f -> f.contains("Storage.eastus2"));
  }

  @Test
  void r13_aRegionalTagMissingFromTheListIsBlockingNotGuessed() {
    Scenario scenario = new Scenario().restricted(false);
    scenario.region = "westeurope";
    assertThat(scenario.plan().findings()).contains(Finding.blocking("R13",
        "service tag Storage has no entry for region westeurope in the service-tag list"));
  }

  @Test
  void r14_microsoftDefaultImagesAlsoAllowMicrosoftContainerRegistryAndFrontDoorFirstParty() {
    assertThat(rules(new Scenario().restricted(true)))
        .filteredOn(r -> r.requirement().equals("R14"))
        .extracting(SecurityRule::name, SecurityRule::destinationAddressPrefix, SecurityRule::access)
        .containsExactly(
            tuple("amlnet-out-microsoftcontainerregistry", "MicrosoftContainerRegistry", Access.Allow),
            tuple("amlnet-out-azurefrontdoor-firstparty", "AzureFrontDoor.FirstParty", Access.Allow));
  }

  @Test
  void r14_notAllowedWithoutMicrosoftDefaultImages() {
    assertThat(rules(new Scenario().restricted(false))).noneMatch(r -> r.requirement().equals("R14"));
  }

  @Test
  void noPublicIpComputesNeedNoInboundRulesAndThePlanSaysWhy() {
    Plan plan = new Scenario().cluster("gpu", 4, false).instance("nb", false).plan();
    assertThat(plan.network().securityRules()).noneMatch(r -> r.direction() == Direction.Inbound);
    assertThat(plan.notes()).anyMatch(n -> n.startsWith("R9, R10:") && n.contains("enableNodePublicIp=false"));
  }

  @Test
  void noPublicIpComputesWithRestrictedOutboundReachBatchStorageAndAzureMachineLearningOutbound() {
    assertThat(rules(new Scenario().restricted(false).cluster("gpu", 4, false)))
        .filteredOn(r -> r.direction() == Direction.Outbound && r.access() == Access.Allow)
        .extracting(SecurityRule::destinationAddressPrefix)
        .contains("AzureMachineLearning", "BatchNodeManagement.EastUS2", "Storage.EastUS2");
  }

  @Test
  void oneComputeWithAPublicIpKeepsTheInboundRules() {
    assertThat(rules(new Scenario().cluster("gpu", 4, false).cluster("cpu", 2, true)))
        .extracting(SecurityRule::requirement).contains("R9", "R10");
  }

  @Test
  void r20_sshFromAzureMachineLearningForAttachedVirtualMachinesAndHdInsight() {
    Scenario scenario = new Scenario()
        .attached("vm", ComputeKind.VirtualMachine, Scenario.VNET.replace("Microsoft.Network/virtualNetworks/vnet-aml",
            "Microsoft.Compute/virtualMachines/vm-ubuntu-train"), 22)
        .attached("hdi", ComputeKind.HDInsight, Scenario.VNET.replace("Microsoft.Network/virtualNetworks/vnet-aml",
            "Microsoft.HDInsight/clusters/hdi-spark"), 2222);
    assertThat(rules(scenario)).filteredOn(r -> r.requirement().equals("R20"))
        .extracting(SecurityRule::name, SecurityRule::protocol, SecurityRule::sourceAddressPrefix,
            SecurityRule::destinationAddressPrefix, SecurityRule::destinationPortRange, SecurityRule::access)
        .containsExactly(
            tuple("amlnet-in-ssh-azuremachinelearning", "*", "AzureMachineLearning", "*", "22", Access.Allow),
            tuple("amlnet-in-ssh-azuremachinelearning-2222", "*", "AzureMachineLearning", "*", "2222", Access.Allow));
  }

  @Test
  void r20_noSshRuleWithoutAttachedVirtualMachines() {
    assertThat(rules(new Scenario().cluster("c", 2, true))).noneMatch(r -> r.requirement().equals("R20"));
  }

  @Test
  void rulesStayInTheConfiguredPriorityBandAndAreUniquePerDirection() {
    Scenario scenario = new Scenario().restricted(true);
    scenario.ssh = new Ssh(true, null);
    scenario.networkSecurity = new NetworkSecurity(NetworkSecurity.NsgMode.Managed, null, null, 3000);
    List<SecurityRule> rules = rules(scenario);
    assertThat(rules).allMatch(r -> r.priority() >= 3000 && r.priority() < 3100);
    for (Direction direction : Direction.values()) {
      List<Integer> priorities = rules.stream().filter(r -> r.direction() == direction)
          .map(SecurityRule::priority).toList();
      assertThat(priorities).doesNotHaveDuplicates();
    }
  }

  @Test
  void theSameInputAlwaysGivesTheSamePlan() {
    assertThat(new Scenario().restricted(true).plan()).isEqualTo(new Scenario().restricted(true).plan());
  }
}
