package io.amlnet.sandbox;

import static io.amlnet.sandbox.EmulatorHarness.net;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The Network RP's NSG rule validation, and inline rules and child rules being one state. */
class SecurityRuleValidationTest extends OnSharedEmulator {

  static ObjectNode rule(String name, int priority, String direction, String protocol, String access, String source) {
    ObjectNode r = Json.object();
    r.put("name", name);
    ObjectNode p = r.putObject("properties");
    p.put("priority", priority);
    p.put("direction", direction);
    p.put("protocol", protocol);
    p.put("access", access);
    p.put("sourceAddressPrefix", source);
    p.put("sourcePortRange", "*");
    p.put("destinationAddressPrefix", "*");
    p.put("destinationPortRange", "29876-29877");
    return r;
  }

  static ObjectNode nsg(ObjectNode... rules) {
    ObjectNode body = Json.object();
    body.put("location", "eastus2");
    ArrayNode array = body.putObject("properties").putArray("securityRules");
    for (ObjectNode r : rules) {
      array.add(r);
    }
    return body;
  }

  private static EmulatorHarness.Reply putNsg(String name, ObjectNode body) {
    return arm.put(net("rg-net", "networkSecurityGroups/" + name), body);
  }

  @Test
  void priorityOutside100To4096IsRefused() {
    assertThat(putNsg("p-low", nsg(rule("r", 99, "Inbound", "Tcp", "Allow", "*"))).errorCode()).isEqualTo("SecurityRuleInvalidPriority");
    assertThat(putNsg("p-high", nsg(rule("r", 4097, "Inbound", "Tcp", "Allow", "*"))).errorCode()).isEqualTo("SecurityRuleInvalidPriority");
    assertThat(putNsg("p-edges", nsg(rule("a", 100, "Inbound", "Tcp", "Allow", "*"), rule("b", 4096, "Inbound", "Tcp", "Allow", "*"))).status()).isEqualTo(201);
  }

  @Test
  void samePriorityInTheSameDirectionIs400SecurityRuleConflict() {
    var r = putNsg("dup", nsg(rule("a", 200, "Inbound", "Tcp", "Allow", "*"), rule("b", 200, "Inbound", "Udp", "Allow", "*")));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("SecurityRuleConflict");
  }

  @Test
  void samePriorityInOppositeDirectionsIsAllowed() {
    assertThat(putNsg("dirs", nsg(rule("a", 200, "Inbound", "Tcp", "Allow", "*"), rule("b", 200, "Outbound", "Tcp", "Allow", "*"))).status()).isEqualTo(201);
  }

  @Test
  void protocolAccessAndDirectionMustBeTheirEnums() {
    assertThat(putNsg("e1", nsg(rule("r", 300, "Inbound", "Http", "Allow", "*"))).errorCode()).isEqualTo("SecurityRuleParameterContainsUnsupportedValue");
    assertThat(putNsg("e2", nsg(rule("r", 300, "Inbound", "Tcp", "Permit", "*"))).status()).isEqualTo(400);
    assertThat(putNsg("e3", nsg(rule("r", 300, "Sideways", "Tcp", "Allow", "*"))).status()).isEqualTo(400);
    assertThat(putNsg("e4", nsg(rule("r", 300, "Outbound", "*", "Deny", "*"))).status()).isEqualTo(201);
  }

  @Test
  void serviceTagsAreAcceptedAsAddressPrefixes() {
    assertThat(putNsg("tags", nsg(rule("a", 100, "Inbound", "Tcp", "Allow", "BatchNodeManagement"),
        rule("b", 110, "Inbound", "Tcp", "Allow", "AzureMachineLearning"), rule("c", 120, "Inbound", "Tcp", "Allow", "VirtualNetwork"),
        rule("d", 130, "Inbound", "Tcp", "Allow", "10.0.0.0/8"))).status()).isEqualTo(201);
  }

  @Test
  void unknownServiceTagIsRefused() {
    assertThat(putNsg("bad-tag", nsg(rule("a", 100, "Inbound", "Tcp", "Allow", "NotAServiceTag"))).errorCode())
        .isEqualTo("SecurityRuleInvalidAddressPrefix");
  }

  @Test
  void atMost1000RulesPerGroup() {
    ObjectNode[] rules = new ObjectNode[1001];
    for (int i = 0; i < rules.length; i++) {
      rules[i] = rule("r" + i, 100 + i, i % 2 == 0 ? "Inbound" : "Outbound", "Tcp", "Allow", "*");
    }
    assertThat(putNsg("many", nsg(java.util.Arrays.copyOf(rules, 1000))).status()).isEqualTo(201);
    assertThat(putNsg("too-many", nsg(rules)).errorCode()).isEqualTo("SecurityRulesLimitReached");
  }

  @Test
  void defaultSecurityRulesAreFilledIn() {
    var body = putNsg("defaults", nsg()).body();
    assertThat(body.path("properties").path("defaultSecurityRules").findValuesAsText("name")).containsExactly(
        "AllowVnetInBound", "AllowAzureLoadBalancerInBound", "DenyAllInBound", "AllowVnetOutBound", "AllowInternetOutBound", "DenyAllOutBound");
  }

  @Test
  void inlineRulesAndChildRulesAreOneState() {
    putNsg("one-state", nsg(rule("inline", 100, "Inbound", "Tcp", "Allow", "*")));
    arm.put(net("rg-net", "networkSecurityGroups/one-state/securityRules/child"), Json.object().set("properties",
        rule("child", 110, "Inbound", "Tcp", "Allow", "*").get("properties")));
    assertThat(arm.get(net("rg-net", "networkSecurityGroups/one-state")).body().path("properties").path("securityRules")
        .findValuesAsText("name")).containsExactly("inline", "child");
    assertThat(arm.get(net("rg-net", "networkSecurityGroups/one-state/securityRules/inline")).status()).isEqualTo(200);
    assertThat(arm.get(net("rg-net", "networkSecurityGroups/one-state/securityRules")).body().path("value").size()).isEqualTo(2);
  }

  @Test
  void childRuleConflictingWithAnInlineRuleIsRefused() {
    putNsg("child-conflict", nsg(rule("inline", 100, "Inbound", "Tcp", "Allow", "*")));
    var r = arm.put(net("rg-net", "networkSecurityGroups/child-conflict/securityRules/child"),
        Json.object().set("properties", rule("child", 100, "Inbound", "Tcp", "Allow", "*").get("properties")));
    assertThat(r.errorCode()).isEqualTo("SecurityRuleConflict");
  }
}
