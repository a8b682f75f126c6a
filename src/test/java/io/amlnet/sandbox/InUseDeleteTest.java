package io.amlnet.sandbox;

import static io.amlnet.sandbox.EmulatorHarness.net;
import static io.amlnet.sandbox.EmulatorHarness.subnetId;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a subnet still references cannot be deleted; a subnet with IP configurations cannot be deleted. */
class InUseDeleteTest extends OnSharedEmulator {

  @BeforeAll
  static void seed() {
    arm.put(net("rg-net", "networkSecurityGroups/used-nsg"), "{\"location\":\"eastus2\"}");
    arm.put(net("rg-net", "routeTables/used-rt"), "{\"location\":\"eastus2\"}");
    arm.put(net("rg-net", "natGateways/used-nat"), "{\"location\":\"eastus2\"}");
    arm.put(net("rg-net", "virtualNetworks/vnet1/subnets/empty"), "{\"properties\":{\"addressPrefix\":\"10.0.2.0/24\","
        + "\"networkSecurityGroup\":{\"id\":\"" + net("rg-net", "networkSecurityGroups/used-nsg") + "\"},"
        + "\"routeTable\":{\"id\":\"" + net("rg-net", "routeTables/used-rt") + "\"},"
        + "\"natGateway\":{\"id\":\"" + net("rg-net", "natGateways/used-nat") + "\"}}}");
  }

  @Test
  void networkSecurityGroupReferencedByASubnetCannotBeDeleted() {
    var r = arm.delete(net("rg-net", "networkSecurityGroups/used-nsg"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("InUseNetworkSecurityGroupCannotBeDeleted");
  }

  @Test
  void routeTableReferencedByASubnetCannotBeDeleted() {
    assertThat(arm.delete(net("rg-net", "routeTables/used-rt")).errorCode()).isEqualTo("InUseRouteTableCannotBeDeleted");
  }

  @Test
  void natGatewayReferencedByASubnetCannotBeDeleted() {
    assertThat(arm.delete(net("rg-net", "natGateways/used-nat")).errorCode()).isEqualTo("InUseNatGatewayCannotBeDeleted");
  }

  @Test
  void referencedResourcesShowTheSubnetAsBackReference() {
    for (String path : new String[] {"networkSecurityGroups/used-nsg", "routeTables/used-rt", "natGateways/used-nat"}) {
      assertThat(arm.get(net("rg-net", path)).body().path("properties").path("subnets").get(0).path("id").asText())
          .as(path).isEqualToIgnoringCase(subnetId("rg-net", "vnet1", "empty"));
    }
  }

  @Test
  void subnetWithIpConfigurationsCannotBeDeleted() {
    var r = arm.delete(net("rg-net", "virtualNetworks/vnet1/subnets/training"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("InUseSubnetCannotBeDeleted");
  }

  @Test
  void vnetPutThatLeavesOutASubnetInUseIsRefused() {
    var r = arm.put(net("rg-net", "virtualNetworks/vnet1"),
        "{\"location\":\"eastus2\",\"properties\":{\"addressSpace\":{\"addressPrefixes\":[\"10.0.0.0/16\"]},\"subnets\":[]}}");
    assertThat(r.errorCode()).isEqualTo("InUseSubnetCannotBeDeleted");
  }

  @Test
  void subnetReferencingAMissingNsgIsRefused() {
    var r = arm.put(net("rg-net", "virtualNetworks/vnet1/subnets/dangling"), "{\"properties\":{\"addressPrefix\":\"10.0.9.0/24\","
        + "\"networkSecurityGroup\":{\"id\":\"" + net("rg-net", "networkSecurityGroups/ghost") + "\"}}}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("InvalidResourceReference");
  }

  @Test
  void subnetRewriteKeepsItsIpConfigurations() {
    arm.put(net("rg-net", "virtualNetworks/vnet1/subnets/training"), "{\"properties\":{\"addressPrefix\":\"10.0.1.0/24\"}}");
    assertThat(arm.get(net("rg-net", "virtualNetworks/vnet1/subnets/training")).body().path("properties")
        .path("ipConfigurations").size()).isEqualTo(4);
  }
}
