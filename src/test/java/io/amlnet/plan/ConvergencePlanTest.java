package io.amlnet.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlnet.api.ForcedTunneling;
import io.amlnet.api.ForcedTunneling.TunnelingMode;
import io.amlnet.api.NetworkSecurity;
import io.amlnet.api.Ssh;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Convergence is two-way: what amlnet owns and the spec no longer declares is detached and deleted,
 * in dependency order; a subnet has one owner; a missing target is a Blocking finding.
 */
class ConvergencePlanTest {
  private static final String OWNER = "ml-team/env";
  private static final String NETWORK = "/subscriptions/" + Scenario.SUBSCRIPTION
      + "/resourceGroups/rg-aml-network/providers/Microsoft.Network/";
  private static final String NSG = NETWORK + "networkSecurityGroups/amlnet-ml-team-env-nsg";
  private static final String ROUTE_TABLE = NETWORK + "routeTables/amlnet-ml-team-env-rt";
  private static final String NAT_GATEWAY = NETWORK + "natGateways/amlnet-ml-team-env-natgw";
  private static final String PUBLIC_IP = NETWORK + "publicIPAddresses/amlnet-ml-team-env-natgw-pip";
  private static final String SHARED_NSG = NETWORK + "networkSecurityGroups/shared-training-nsg";

  /** An object in Azure as FactsReader records it: ARM JSON in the networkObjects section. */
  private static ObjectNode object(Scenario scenario, String id, String owner) {
    ObjectNode o = scenario.factsArray("networkObjects").addObject().put("id", id)
        .put("name", id.substring(id.lastIndexOf('/') + 1));
    if (owner != null) {
      o.putObject("tags").put(ArmBodies.OWNER_TAG, owner);
    }
    o.putObject("properties").putArray("securityRules");
    return o;
  }

  private static void absent(Scenario scenario, String id) {
    scenario.factsArray("absent").add(id);
  }

  private static void associate(Scenario scenario, String field, String id) {
    scenario.subnetFacts().putObject(field).put("id", id);
  }

  private static List<String> deletes(Plan plan) {
    return plan.writes().stream().filter(ArmWrite::isDelete).map(ArmWrite::id).toList();
  }

  private static ArmWrite subnetWrite(Plan plan) {
    return plan.writes().stream().filter(w -> w.resourceType().equals("Microsoft.Network/virtualNetworks/subnets"))
        .findFirst().orElseThrow(() -> new AssertionError("no subnet write in " + plan.writes()));
  }

  private static Finding blocking(Plan plan) {
    return plan.findings().stream().filter(Finding::isBlocking).findFirst()
        .orElseThrow(() -> new AssertionError("no blocking finding in " + plan.findings()));
  }

  @Test
  void r16_routeTableNoLongerDeclaredIsDetachedThenDeleted() {
    Scenario scenario = new Scenario();
    object(scenario, NSG, OWNER);
    object(scenario, ROUTE_TABLE, OWNER);
    associate(scenario, "networkSecurityGroup", NSG);
    associate(scenario, "routeTable", ROUTE_TABLE);
    Plan plan = scenario.plan();
    assertThat(subnetWrite(plan).body().path("properties").has("routeTable")).isFalse();
    assertThat(deletes(plan)).containsExactly(ROUTE_TABLE);
    assertThat(plan.writes().indexOf(subnetWrite(plan)))
        .as("detached from the subnet before it is deleted").isLessThan(plan.writes().size() - 1);
  }

  @Test
  void r15_natGatewayNoLongerDeclaredGoesBeforeItsPublicIp() {
    Scenario scenario = new Scenario();
    object(scenario, NSG, OWNER);
    object(scenario, PUBLIC_IP, OWNER);
    object(scenario, NAT_GATEWAY, OWNER);
    associate(scenario, "networkSecurityGroup", NSG);
    associate(scenario, "natGateway", NAT_GATEWAY);
    Plan plan = scenario.plan();
    assertThat(subnetWrite(plan).body().path("properties").has("natGateway")).isFalse();
    assertThat(deletes(plan)).containsExactly(NAT_GATEWAY, PUBLIC_IP);
  }

  @Test
  void switchingUdrToNatReplacesTheRouteTableWithTheNatGateway() {
    Scenario scenario = new Scenario();
    scenario.forcedTunneling = new ForcedTunneling(TunnelingMode.NatGateway, null, null, 4);
    object(scenario, NSG, OWNER);
    object(scenario, ROUTE_TABLE, OWNER);
    associate(scenario, "networkSecurityGroup", NSG);
    associate(scenario, "routeTable", ROUTE_TABLE);
    Plan plan = scenario.plan();
    ObjectNode properties = (ObjectNode) subnetWrite(plan).body().path("properties");
    assertThat(properties.path("natGateway").path("id").asText()).isEqualTo(NAT_GATEWAY);
    assertThat(properties.has("routeTable")).isFalse();
    assertThat(deletes(plan)).containsExactly(ROUTE_TABLE);
  }

  @Test
  void r11_sshTurnedOffDeletesAmlnetsSshRuleFromAnExistingNsgAndKeepsForeignRules() {
    Scenario scenario = new Scenario();
    scenario.subnet = "training-shared";
    scenario.networkSecurity = new NetworkSecurity(NetworkSecurity.NsgMode.Existing, "shared-training-nsg", null, 3000);
    scenario.ssh = new Ssh(false, null);
    ObjectNode shared = object(scenario, SHARED_NSG, null);
    var rules = shared.withArray("/properties/securityRules");
    rules.addObject().put("name", "amlnet-in-ssh").putObject("properties")
        .put("description", "amlnet " + OWNER + " R11: ssh");
    rules.addObject().put("name", "allow-bastion").putObject("properties").put("description", "network team");
    rules.addObject().put("name", "amlnet-in-ssh-other").putObject("properties")
        .put("description", "amlnet other-team/env R11: ssh");
    Plan plan = scenario.plan();
    assertThat(deletes(plan)).containsExactly(SHARED_NSG + "/securityRules/amlnet-in-ssh");
  }

  @Test
  void r9_managedToExistingReassociatesTheSubnetAndDeletesTheOldNsg() {
    Scenario scenario = new Scenario();
    scenario.networkSecurity = new NetworkSecurity(NetworkSecurity.NsgMode.Existing, "shared-training-nsg", null, 3000);
    object(scenario, NSG, OWNER);
    object(scenario, SHARED_NSG, null);
    associate(scenario, "networkSecurityGroup", NSG);
    Plan plan = scenario.plan();
    assertThat(plan.hasBlockingFindings()).as(plan.findings().toString()).isFalse();
    assertThat(subnetWrite(plan).body().path("properties").path("networkSecurityGroup").path("id").asText())
        .isEqualTo(SHARED_NSG);
    assertThat(deletes(plan)).containsExactly(NSG);
  }

  @Test
  void r9_existingToManagedReplacesTheNsgThatHeldAmlnetsRulesAndRemovesThem() {
    Scenario scenario = new Scenario();
    ObjectNode shared = object(scenario, SHARED_NSG, null);
    shared.withArray("/properties/securityRules").addObject().put("name", "amlnet-in-batch").putObject("properties")
        .put("description", "amlnet " + OWNER + " R9: batch");
    associate(scenario, "networkSecurityGroup", SHARED_NSG);
    absent(scenario, NSG);
    Plan plan = scenario.plan();
    assertThat(plan.hasBlockingFindings()).as(plan.findings().toString()).isFalse();
    assertThat(subnetWrite(plan).body().path("properties").path("networkSecurityGroup").path("id").asText())
        .isEqualTo(NSG);
    assertThat(deletes(plan)).containsExactly(SHARED_NSG + "/securityRules/amlnet-in-batch");
  }

  @Test
  void aSubnetAssociatedWithAnotherEnvironmentsNsgIsClaimed() {
    Scenario scenario = new Scenario();
    String other = NETWORK + "networkSecurityGroups/amlnet-other-team-env-nsg";
    object(scenario, other, "other-team/env");
    associate(scenario, "networkSecurityGroup", other);
    Finding finding = blocking(scenario.plan());
    assertThat(finding.reason()).isEqualTo("SubnetClaimed");
    assertThat(finding.message()).contains("other-team/env");
  }

  @Test
  void aForeignNsgOnTheSubnetIsNeverReplacedSilently() {
    Scenario scenario = new Scenario();
    object(scenario, SHARED_NSG, null);
    associate(scenario, "networkSecurityGroup", SHARED_NSG);
    Finding finding = blocking(scenario.plan());
    assertThat(finding.reason()).isEqualTo("SubnetHasForeignNsg");
    assertThat(finding.message()).contains("mode: Existing", "shared-training-nsg");
  }

  @Test
  void aForeignRouteTableStopsUserDefinedRoutesButOnlyWarnsWithoutForcedTunnelling() {
    String foreign = NETWORK + "routeTables/to-firewall";
    Scenario udr = new Scenario().udr(ForcedTunneling.PrefixMode.ServiceTags, "auto");
    object(udr, foreign, null);
    associate(udr, "routeTable", foreign);
    assertThat(blocking(udr.plan()).reason()).isEqualTo("SubnetHasForeignRouteTable");

    Scenario none = new Scenario();
    object(none, foreign, null);
    associate(none, "routeTable", foreign);
    Plan plan = none.plan();
    assertThat(plan.hasBlockingFindings()).isFalse();
    assertThat(plan.findings()).anyMatch(f -> f.message().contains("to-firewall"));
    assertThat(deletes(plan)).isEmpty();
  }

  @Test
  void anotherOwnersObjectUnderItsOwnNameIsNeverDeleted() {
    Scenario scenario = new Scenario();
    object(scenario, NETWORK + "routeTables/amlnet-other-team-env-rt", "other-team/env");
    assertThat(deletes(scenario.plan())).isEmpty();
  }

  @Test
  void r1_aMissingVirtualNetworkIsBlockingWithItsOwnReason() {
    Scenario scenario = new Scenario();
    scenario.facts.remove("virtualNetworks");
    absent(scenario, Scenario.VNET);
    assertThat(blocking(scenario.plan()).reason()).isEqualTo("VirtualNetworkNotFound");
  }

  @Test
  void aMissingSubnetOfAnExistingVirtualNetworkIsBlocking() {
    Scenario scenario = new Scenario();
    scenario.subnet = "no-such-subnet";
    Plan plan = scenario.plan();
    assertThat(plan.findings()).filteredOn(Finding::isBlocking).extracting(Finding::reason).contains("SubnetNotFound");
  }

  @Test
  void r1_aMissingWorkspaceIsBlocking() {
    Scenario scenario = new Scenario();
    scenario.facts.remove("workspaces");
    absent(scenario, "/subscriptions/" + Scenario.SUBSCRIPTION
        + "/resourceGroups/rg-aml/providers/Microsoft.MachineLearningServices/workspaces/mlw-contoso");
    assertThat(blocking(scenario.plan()).reason()).isEqualTo("WorkspaceNotFound");
  }

  @Test
  void r9_aMissingExistingNsgIsBlocking() {
    Scenario scenario = new Scenario();
    scenario.subnet = "training-shared";
    scenario.networkSecurity = new NetworkSecurity(NetworkSecurity.NsgMode.Existing, "gone-nsg", null, 3000);
    absent(scenario, NETWORK + "networkSecurityGroups/gone-nsg");
    assertThat(scenario.plan().findings()).filteredOn(Finding::isBlocking).extracting(Finding::reason)
        .contains("NetworkSecurityGroupNotFound");
  }

  /** Azure as the plan wants it: amlnet's NSG on the subnet, no route table. */
  private static Scenario inSync() {
    Scenario scenario = new Scenario();
    object(scenario, NSG, OWNER);
    associate(scenario, "networkSecurityGroup", NSG);
    absent(scenario, ROUTE_TABLE);
    return scenario;
  }

  @Test
  void aSteadyStateWithNothingStaleNeedsNoSubnetWriteAndNoDelete() {
    Scenario scenario = inSync();
    Plan plan = scenario.plan();
    assertThat(plan.writes()).extracting(ArmWrite::resourceType).doesNotContain("Microsoft.Network/virtualNetworks/subnets");
    assertThat(deletes(plan)).isEmpty();
  }

  @Test
  void aFailedSubnetWhoseAssociationsAreAsPlannedIsPutAgainAsItIs() {
    Scenario scenario = inSync();
    scenario.subnetFacts().put("provisioningState", "Failed");
    Plan plan = scenario.plan();
    assertThat(subnetWrite(plan).body().path("properties").path("networkSecurityGroup").path("id").asText())
        .isEqualToIgnoringCase(NSG);
  }
}
