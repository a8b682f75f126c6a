package io.amlnet.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Teardown follows the subnet amlnet associated, not one a refused move names. */
class AzureIdsTest {
  @Test
  void atSubnetMovesTheSubnetAndItsVnetAndKeepsWhatAmlnetOwns() {
    AzureIds ids = AzureIds.of("ml-team", "env", new Scenario().spec());
    String recorded = Scenario.VNET.replace("vnet-aml", "vnet-old") + "/subnets/training-old";
    AzureIds moved = ids.atSubnet(recorded);
    assertThat(moved.subnet()).isEqualTo(recorded);
    assertThat(moved.virtualNetwork()).endsWith("/virtualNetworks/vnet-old");
    assertThat(moved.networkSecurityGroup()).isEqualTo(ids.networkSecurityGroup());
    assertThat(moved.routeTable()).isEqualTo(ids.routeTable());
  }
}
