package io.amlnet.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With {@code enforcePermissions}, every request needs its RBAC action, and a compute needs subnet join (R7). */
class PermissionsTest {
  private static final String RG = "/subscriptions/s1/resourceGroups/";
  private static EmulatorHarness arm;

  @BeforeAll
  static void start() {
    arm = new EmulatorHarness(WorldSpec.parse("""
        sandbox: {enforcePermissions: true, lroLatencyMs: 0}
        subscriptions:
          - subscriptionId: s1
            resourceGroups:
              - name: net
                resources:
                  - type: Microsoft.Network/virtualNetworks
                    name: v
                    location: eastus2
                    properties:
                      addressSpace: {addressPrefixes: [10.0.0.0/16]}
                      subnets: [{name: joinable, properties: {addressPrefix: 10.0.1.0/24}},
                                {name: closed, properties: {addressPrefix: 10.0.2.0/24}}]
              - name: ml
                resources:
                  - {type: Microsoft.MachineLearningServices/workspaces, name: ws, location: eastus2}
        permissions:
          - scope: /subscriptions/s1
            actions: ["*/read"]
          - scope: /subscriptions/s1/resourceGroups/net
            actions: [Microsoft.Network/*]
            notActions: [Microsoft.Network/virtualNetworks/subnets/join/action, Microsoft.Network/natGateways/*]
          - scope: /subscriptions/s1/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/v/subnets/joinable
            actions: [Microsoft.Network/virtualNetworks/subnets/join/action]
          - scope: /subscriptions/s1/resourceGroups/ml
            actions: [Microsoft.MachineLearningServices/workspaces/computes/*]
        """), EmulatorOptions.defaults());
  }

  @AfterAll
  static void stop() {
    arm.close();
  }

  private static String compute(String name, String subnet) {
    return "{\"properties\":{\"computeType\":\"AmlCompute\",\"properties\":{\"vmSize\":\"STANDARD_DS3_V2\","
        + "\"enableNodePublicIp\":false,\"subnet\":{\"id\":\"" + RG + "net/providers/Microsoft.Network/virtualNetworks/v/subnets/" + subnet + "\"}}}}";
  }

  private static String computePath(String name) {
    return RG + "ml/providers/Microsoft.MachineLearningServices/workspaces/ws/computes/" + name;
  }

  @Test
  void readIsAllowedByASubscriptionWideWildcard() {
    assertThat(arm.get(RG + "net/providers/Microsoft.Network/virtualNetworks/v").status()).isEqualTo(200);
  }

  @Test
  void writeWithoutItsActionIs403AuthorizationFailed() {
    var r = arm.put(RG + "ml/providers/Microsoft.Network/routeTables/rt", "{\"location\":\"eastus2\"}");
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.errorCode()).isEqualTo("AuthorizationFailed");
    assertThat(arm.put(RG + "net/providers/Microsoft.Network/routeTables/rt", "{\"location\":\"eastus2\"}").status()).isEqualTo(201);
  }

  @Test
  void notActionsTakeAwayWhatActionsGrant() {
    var r = arm.put(RG + "net/providers/Microsoft.Network/natGateways/nat", "{\"location\":\"eastus2\"}");
    assertThat(r.status()).isEqualTo(403);
  }

  @Test
  void computeInASubnetWithoutJoinIs403LinkedAuthorizationFailed() {
    var r = arm.put(computePath("c-closed"), compute("c-closed", "closed"));
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.errorCode()).isEqualTo("LinkedAuthorizationFailed");
  }

  @Test
  void computeInASubnetWithJoinIsCreated() {
    assertThat(arm.put(computePath("c-ok"), compute("c-ok", "joinable")).status()).isEqualTo(201);
  }

  @Test
  void ownPermissionsAreReadableWithoutAnyGrant() {
    var r = arm.get(RG + "ml/providers/Microsoft.Authorization/permissions?api-version=2022-04-01");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().path("value").size()).isEqualTo(2);
  }
}
