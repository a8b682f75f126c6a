package io.amlnet.azure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Metrics label ARM requests by resource type: the provider namespace and the type segments, never names. */
class ArmResourceTypeTest {
  private static final String RG = "/subscriptions/s/resourceGroups/rg";

  @Test
  void aChildResourceIsNamedByItsParentsTypeAndItsOwn() {
    assertThat(ArmResourceType.of(RG + "/providers/Microsoft.Network/networkSecurityGroups/nsg/securityRules/r1"))
        .isEqualTo("Microsoft.Network/networkSecurityGroups/securityRules");
  }

  @Test
  void anExtensionResourceIsNamedByTheLastProvider() {
    assertThat(ArmResourceType.of(RG + "/providers/Microsoft.Network/virtualNetworks/v/providers/Microsoft.Authorization/locks"))
        .isEqualTo("Microsoft.Authorization/locks");
  }

  @Test
  void anOperationPollIsNamedByItsLocationAndOperationsSegments() {
    assertThat(ArmResourceType.of("/subscriptions/s/providers/Microsoft.Network/locations/eastus2/operations/abc"))
        .isEqualTo("Microsoft.Network/locations/operations");
  }

  @Test
  void subscriptionsAndResourceGroupsAreArmsOwnTypes() {
    assertThat(ArmResourceType.of(RG)).isEqualTo("Microsoft.Resources/resourceGroups");
    assertThat(ArmResourceType.of("/subscriptions/s")).isEqualTo("Microsoft.Resources/subscriptions");
    assertThat(ArmResourceType.of("/")).isEqualTo("unknown");
  }
}
