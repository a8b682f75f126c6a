package io.amlnet.sandbox;

import static io.amlnet.sandbox.EmulatorHarness.compute;
import static io.amlnet.sandbox.EmulatorHarness.group;
import static io.amlnet.sandbox.EmulatorHarness.subnetId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** What Azure ML does around computes in a VNet (R3, R8) and which changes it refuses. */
class ComputeSideEffectsTest extends OnSharedEmulator {

  static String aml(String subnet, String vmSize, String priority, boolean publicIp, int maxNodes) {
    return "{\"properties\":{\"computeType\":\"AmlCompute\",\"properties\":{\"vmSize\":\"" + vmSize + "\",\"vmPriority\":\""
        + priority + "\",\"enableNodePublicIp\":" + publicIp + ",\"subnet\":{\"id\":\"" + subnet + "\"},"
        + "\"scaleSettings\":{\"minNodeCount\":0,\"maxNodeCount\":" + maxNodes + "}}}}";
  }

  static String instance(String subnet) {
    return "{\"properties\":{\"computeType\":\"ComputeInstance\",\"properties\":{\"vmSize\":\"STANDARD_DS3_V2\","
        + "\"subnet\":{\"id\":\"" + subnet + "\"}}}}";
  }

  private static long countInGroup(String rg, String type) {
    JsonNode list = arm.get(group(rg) + "/providers/Microsoft.Network/" + type).body().path("value");
    long n = 0;
    for (JsonNode r : list) {
      n += r.path("name").asText().contains("azurebatch") ? 1 : 0;
    }
    return n;
  }

  @Test
  void amlComputeCreatesOneNsgOnePublicIpAndOneLoadBalancerInTheVnetGroup() {
    long nsgs = countInGroup("rg-net", "networkSecurityGroups");
    long ips = countInGroup("rg-net", "publicIPAddresses");
    long lbs = countInGroup("rg-net", "loadBalancers");
    var r = arm.put(compute("side-effects"), aml(subnetId("rg-net", "vnet1", "training"), "STANDARD_DS3_V2", "Dedicated", true, 2));
    assertThat(r.status()).isEqualTo(201);
    assertThat(countInGroup("rg-net", "networkSecurityGroups")).isEqualTo(nsgs + 1);
    assertThat(countInGroup("rg-net", "publicIPAddresses")).isEqualTo(ips + 1);
    assertThat(countInGroup("rg-net", "loadBalancers")).isEqualTo(lbs + 1);

    arm.awaitOperation(arm.delete(compute("side-effects")));
    assertThat(countInGroup("rg-net", "networkSecurityGroups")).isEqualTo(nsgs);
    assertThat(countInGroup("rg-net", "publicIPAddresses")).isEqualTo(ips);
    assertThat(countInGroup("rg-net", "loadBalancers")).isEqualTo(lbs);
  }

  @Test
  void denyPublicIpPolicyMakesComputeCreationFail() {
    var r = arm.put(compute("denied"), aml(subnetId("rg-policy", "vnet-policy", "training"), "STANDARD_DS3_V2", "Dedicated", true, 2));
    var status = arm.awaitOperation(r);
    assertThat(status.path("status").asText()).isEqualTo("Failed");
    assertThat(status.path("error").path("code").asText()).isEqualTo("RequestDisallowedByPolicy");
    var compute = arm.get(compute("denied")).body();
    assertThat(compute.path("properties").path("provisioningState").asText()).isEqualTo("Failed");
    assertThat(compute.path("properties").path("provisioningErrors").get(0).path("error").path("code").asText())
        .isEqualTo("RequestDisallowedByPolicy");
    assertThat(countInGroup("rg-policy", "publicIPAddresses")).isZero();
  }

  @Test
  void denyPublicIpPolicyAllowsComputeWithoutNodePublicIp() {
    var r = arm.put(compute("private"), aml(subnetId("rg-policy", "vnet-policy", "training"), "STANDARD_DS3_V2", "Dedicated", false, 2));
    assertThat(arm.awaitOperation(r).path("status").asText()).isEqualTo("Succeeded");
    assertThat(countInGroup("rg-policy", "networkSecurityGroups")).isEqualTo(1);
    assertThat(countInGroup("rg-policy", "loadBalancers")).isZero();
  }

  @Test
  void denyPublicIpPolicyRefusesAPublicIpPut() {
    var r = arm.put(group("rg-policy") + "/providers/Microsoft.Network/publicIPAddresses/pip", "{\"location\":\"eastus2\"}");
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.errorCode()).isEqualTo("RequestDisallowedByPolicy");
  }

  @Test
  void canNotDeleteLockOnTheVnetGroupMakesComputeDeletionFail() {
    var r = arm.put(compute("locked"), aml(subnetId("rg-locked", "vnet-locked", "training"), "STANDARD_DS3_V2", "Dedicated", true, 2));
    assertThat(arm.awaitOperation(r).path("status").asText()).isEqualTo("Succeeded");
    var del = arm.delete(compute("locked"));
    assertThat(del.status()).isEqualTo(409);
    assertThat(del.errorCode()).isEqualTo("ScopeLocked");
    assertThat(arm.get(compute("locked")).status()).isEqualTo(200);
  }

  @Test
  void computeInstanceRejectsAChangeOfSubnet() {
    arm.put(compute("ci-move"), instance(subnetId("rg-net", "vnet1", "training")));
    var r = arm.put(compute("ci-move"), instance(subnetId("rg-net", "vnet1", "empty")));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("PropertyChangeNotAllowed");
  }

  @Test
  void amlComputeRejectsChangesOfVmSizePrioritySubnetAndNodePublicIp() {
    String subnet = subnetId("rg-net", "vnet1", "training");
    arm.put(compute("fixed"), aml(subnet, "STANDARD_DS3_V2", "Dedicated", true, 2));
    assertThat(arm.put(compute("fixed"), aml(subnet, "STANDARD_NC6", "Dedicated", true, 2)).errorCode()).isEqualTo("PropertyChangeNotAllowed");
    assertThat(arm.put(compute("fixed"), aml(subnet, "STANDARD_DS3_V2", "LowPriority", true, 2)).errorCode()).isEqualTo("PropertyChangeNotAllowed");
    assertThat(arm.put(compute("fixed"), aml(subnetId("rg-net", "vnet1", "empty"), "STANDARD_DS3_V2", "Dedicated", true, 2)).errorCode())
        .isEqualTo("PropertyChangeNotAllowed");
    assertThat(arm.put(compute("fixed"), aml(subnet, "STANDARD_DS3_V2", "Dedicated", false, 2)).errorCode()).isEqualTo("PropertyChangeNotAllowed");
  }

  @Test
  void amlComputeAcceptsAChangeOfScaleSettings() {
    String subnet = subnetId("rg-net", "vnet1", "training");
    arm.put(compute("scalable"), aml(subnet, "STANDARD_DS3_V2", "Dedicated", true, 2));
    var r = arm.put(compute("scalable"), aml(subnet, "STANDARD_DS3_V2", "Dedicated", true, 10));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().path("properties").path("properties").path("scaleSettings").path("maxNodeCount").asInt()).isEqualTo(10);
  }

  @Test
  void computeInAMissingSubnetIsRefused() {
    var r = arm.put(compute("nowhere"), aml(subnetId("rg-net", "vnet1", "ghost"), "STANDARD_DS3_V2", "Dedicated", true, 2));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("InvalidSubnet");
  }

  @Test
  void computeInADelegatedSubnetIsRefused() {
    var r = arm.put(compute("delegated"), aml(subnetId("rg-net", "vnet1", "aci"), "STANDARD_DS3_V2", "Dedicated", true, 2));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("SubnetDelegated");
  }

  @Test
  void attachingANonUbuntuVirtualMachineFails() {
    var r = arm.put(compute("win"), "{\"properties\":{\"computeType\":\"VirtualMachine\",\"resourceId\":\""
        + group("rg-ml") + "/providers/Microsoft.Compute/virtualMachines/vm-windows\","
        + "\"properties\":{\"administratorAccount\":{\"username\":\"azureuser\",\"password\":\"pw\"}}}}");
    var status = arm.awaitOperation(r);
    assertThat(status.path("status").asText()).isEqualTo("Failed");
    assertThat(status.path("error").path("code").asText()).isEqualTo("UnsupportedOperatingSystem");
  }

  @Test
  void computeInAMissingWorkspaceIs404() {
    var r = arm.put(group("rg-ml") + "/providers/Microsoft.MachineLearningServices/workspaces/ghost/computes/c",
        "{\"properties\":{\"computeType\":\"AmlCompute\"}}");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.errorCode()).isEqualTo("ResourceNotFound");
  }
}
