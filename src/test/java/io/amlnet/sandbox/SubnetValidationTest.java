package io.amlnet.sandbox;

import static io.amlnet.sandbox.EmulatorHarness.net;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Subnet address ranges: inside the VNet's address space, not overlapping another subnet. */
class SubnetValidationTest extends OnSharedEmulator {

  private static EmulatorHarness.Reply putSubnet(String name, String prefix) {
    return arm.put(net("rg-net", "virtualNetworks/vnet1/subnets/" + name), "{\"properties\":{\"addressPrefix\":\"" + prefix + "\"}}");
  }

  @Test
  void subnetOutsideTheVnetAddressSpaceIsRefused() {
    var r = putSubnet("outside", "192.168.0.0/24");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("NetcfgSubnetRangeOutsideVnet");
  }

  @Test
  void subnetOverlappingAnotherSubnetIsRefused() {
    var r = putSubnet("overlapping", "10.0.1.128/25");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("NetcfgSubnetRangesOverlap");
  }

  @Test
  void malformedSubnetPrefixIsRefused() {
    assertThat(putSubnet("malformed", "10.0.300.0/24").errorCode()).isEqualTo("InvalidAddressPrefixFormat");
  }
}
