package io.amlnet.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlnet.api.ForcedTunneling;
import io.amlnet.api.NetworkSecurity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ARM writes themselves: which resources, which bodies, and what the subnet PUT keeps. */
class NetworkWritesTest {

  private static ArmWrite write(Plan plan, String type) {
    return plan.writes().stream().filter(w -> w.resourceType().equals(type)).findFirst().orElseThrow();
  }

  private static Scenario natGateway() {
    Scenario scenario = new Scenario();
    scenario.subnet = "training-natgw";
    scenario.forcedTunneling = new ForcedTunneling(ForcedTunneling.TunnelingMode.NatGateway, null, null, 10);
    return scenario;
  }

  private static Scenario existingNsg() {
    Scenario scenario = new Scenario();
    scenario.subnet = "training-shared";
    scenario.networkSecurity = new NetworkSecurity(NetworkSecurity.NsgMode.Existing, "shared-training-nsg", null, 3000);
    return scenario;
  }

  @Test
  void r15_natGatewayGetsAStandardStaticPublicIp() {
    JsonNode ip = write(natGateway().plan(), "Microsoft.Network/publicIPAddresses").body();
    assertThat(ip.path("sku").path("name").asText()).isEqualTo("Standard");
    assertThat(ip.path("properties").path("publicIPAllocationMethod").asText()).isEqualTo("Static");
  }

  @Test
  void r15_natGatewayUsesThePublicIpAndIsAssociatedWithTheSubnet() {
    Plan plan = natGateway().plan();
    ArmWrite ip = write(plan, "Microsoft.Network/publicIPAddresses");
    ArmWrite nat = write(plan, "Microsoft.Network/natGateways");
    assertThat(nat.body().path("properties").path("publicIpAddresses").get(0).path("id").asText()).isEqualTo(ip.id());
    assertThat(nat.body().path("properties").path("idleTimeoutInMinutes").asInt()).isEqualTo(10);
    assertThat(write(plan, "Microsoft.Network/virtualNetworks/subnets").body()
        .path("properties").path("natGateway").path("id").asText()).isEqualTo(nat.id());
  }

  @Test
  void r15_writesComeInDependencyOrder() {
    assertThat(natGateway().plan().writes()).extracting(ArmWrite::resourceType).containsExactly(
        "Microsoft.Network/networkSecurityGroups", "Microsoft.Network/publicIPAddresses",
        "Microsoft.Network/natGateways", "Microsoft.Network/virtualNetworks/subnets");
  }

  @Test
  void managedNsgCarriesAllRulesInlineAndOwnerTags() {
    ArmWrite nsg = write(new Scenario().plan(), "Microsoft.Network/networkSecurityGroups");
    assertThat(nsg.id()).endsWith("/networkSecurityGroups/amlnet-ml-team-env-nsg");
    assertThat(nsg.body().path("tags").path("amlnet.io/owner").asText()).isEqualTo("ml-team/env");
    assertThat(nsg.body().path("tags").path("amlnet.io/managed-by").asText()).isEqualTo("amlnet");
    assertThat(nsg.body().path("properties").path("securityRules")).hasSize(3);
  }

  @Test
  void existingNsgModeWritesOnlyAmlnetsChildRulesAndNeverTheParentNsg() {
    Plan plan = existingNsg().plan();
    assertThat(plan.writes()).isNotEmpty().allSatisfy(w -> {
      assertThat(w.resourceType()).isEqualTo("Microsoft.Network/networkSecurityGroups/securityRules");
      assertThat(w.id()).contains("/networkSecurityGroups/shared-training-nsg/securityRules/amlnet-");
    });
  }

  @Test
  void existingNsgModeUsesTheConfiguredPriorityBand() {
    assertThat(existingNsg().plan().writes())
        .allSatisfy(w -> assertThat(w.body().path("properties").path("priority").asInt()).isBetween(3000, 3099));
  }

  @Test
  void existingNsgNotAssociatedWithTheSubnetIsBlocking() {
    Scenario scenario = existingNsg();
    scenario.subnetFacts().remove("networkSecurityGroup");
    assertThat(scenario.plan().findings()).anyMatch(f -> f.isBlocking() && f.message().contains("would not apply"));
  }

  @Test
  void subnetPutChangesOnlyTheAssociationsAndKeepsEverythingElse() {
    Scenario scenario = new Scenario();
    scenario.subnet = "training-restricted";
    JsonNode body = write(scenario.plan(), "Microsoft.Network/virtualNetworks/subnets").body();
    JsonNode properties = body.path("properties");
    assertThat(properties.path("addressPrefix").asText()).isEqualTo("10.10.2.0/24");
    assertThat(properties.path("serviceEndpoints").get(0).path("service").asText()).isEqualTo("Microsoft.Storage");
    assertThat(properties.path("privateEndpointNetworkPolicies").asText()).isEqualTo("Disabled");
    assertThat(properties.path("networkSecurityGroup").path("id").asText()).endsWith("/amlnet-ml-team-env-nsg");
    assertThat(properties.has("provisioningState")).isFalse();
    assertThat(properties.has("routeTable")).isFalse();
  }

  @Test
  void subnetAlreadyAssociatedIsNotWrittenAgain() {
    Scenario scenario = new Scenario();
    scenario.subnetFacts().putObject("networkSecurityGroup").put("id",
        "/subscriptions/" + Scenario.SUBSCRIPTION.toUpperCase() + "/resourceGroups/rg-aml-network/providers/"
            + "Microsoft.Network/networkSecurityGroups/amlnet-ml-team-env-nsg");
    assertThat(scenario.plan().writes()).extracting(ArmWrite::resourceType)
        .doesNotContain("Microsoft.Network/virtualNetworks/subnets");
  }

  @Test
  void replacingAForeignAssociationIsAWarning() {
    Scenario scenario = new Scenario();
    scenario.subnetFacts().putObject("networkSecurityGroup").put("id", "/subscriptions/x/nsg/someone-elses");
    assertThat(scenario.plan().findings())
        .anyMatch(f -> !f.isBlocking() && f.message().contains("someone-elses will be replaced"));
  }

  @Test
  void forcedTunnellingNoneLeavesRouteTableAndNatGatewayAlone() {
    List<String> types = new Scenario().plan().writes().stream().map(ArmWrite::resourceType).toList();
    assertThat(types).containsExactly("Microsoft.Network/networkSecurityGroups",
        "Microsoft.Network/virtualNetworks/subnets");
  }
}
