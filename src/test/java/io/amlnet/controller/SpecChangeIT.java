package io.amlnet.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlnet.api.TrainingEnvironment;
import io.amlnet.plan.ArmBodies;
import io.amlnet.plan.AzureIds;
import io.amlnet.plan.DesiredNetwork;
import io.amlnet.plan.Plan;
import io.amlnet.testing.ControlPlane;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Test the change, not only the creation: apply spec A and wait for Ready, apply spec B and wait for
 * Ready at B's generation, then Azure must hold exactly the plan of B: nothing of A that B does not
 * declare survives (objects, associations, amlnet rules in someone else's NSG), and nothing else in
 * the world changed.
 */
@ExtendWith(ControlPlane.class)
class SpecChangeIT {
  private static final Duration READY = OperatorIT.READY;
  private static final String SSH_ON = "{\"spec\":{\"ssh\":{\"enabled\":true,\"sourceAddressPrefix\":\"203.0.113.0/24\"}}}";
  private static final String SSH_OFF = "{\"spec\":{\"ssh\":null}}";
  private static final String NO_TUNNELLING = "{\"spec\":{\"forcedTunneling\":null}}";
  private static final String NAT = "{\"spec\":{\"forcedTunneling\":{\"mode\":\"NatGateway\",\"prefixMode\":null,"
      + "\"secondaryRegion\":null,\"natGatewayIdleTimeoutMinutes\":4}}}";
  private static final String UDR_TAGS = "{\"spec\":{\"forcedTunneling\":{\"mode\":\"UserDefinedRoutes\","
      + "\"prefixMode\":\"ServiceTags\",\"secondaryRegion\":\"centralus\",\"natGatewayIdleTimeoutMinutes\":null}}}";

  static Stream<Arguments> transitions() {
    return Stream.of(
        Arguments.of("ssh on -> off, Managed NSG", "open-outbound.yaml", SSH_ON, SSH_OFF),
        Arguments.of("ssh on -> off, Existing NSG", "existing-nsg.yaml", SSH_ON, SSH_OFF),
        Arguments.of("Restricted -> Open", "restricted-outbound.yaml", null,
            "{\"spec\":{\"outbound\":{\"mode\":\"Open\",\"microsoftDefaultImages\":null}}}"),
        Arguments.of("Open -> Restricted", "open-outbound.yaml", null,
            "{\"spec\":{\"outbound\":{\"mode\":\"Restricted\",\"microsoftDefaultImages\":true}}}"),
        Arguments.of("UDR -> None", "udr-service-tags.yaml", null, NO_TUNNELLING),
        Arguments.of("NAT -> None", "nat-gateway.yaml", null, NO_TUNNELLING),
        Arguments.of("UDR -> NAT", "udr-service-tags.yaml", null, NAT),
        Arguments.of("NAT -> UDR", "nat-gateway.yaml", null, UDR_TAGS),
        Arguments.of("None -> UDR", "open-outbound.yaml", null, UDR_TAGS),
        Arguments.of("None -> NAT", "open-outbound.yaml", null, NAT),
        Arguments.of("IpPrefixes -> ServiceTags", "udr-ip-prefixes.yaml", null,
            "{\"spec\":{\"forcedTunneling\":{\"prefixMode\":\"ServiceTags\"}}}"),
        Arguments.of("ServiceTags -> IpPrefixes", "udr-service-tags.yaml", null,
            "{\"spec\":{\"forcedTunneling\":{\"prefixMode\":\"IpPrefixes\"}}}"),
        Arguments.of("Managed -> Existing", "open-outbound.yaml", null,
            "{\"spec\":{\"networkSecurity\":{\"mode\":\"Existing\",\"name\":\"shared-training-nsg\",\"priorityBase\":3400}}}"),
        Arguments.of("Existing -> Managed", "existing-nsg.yaml", null,
            "{\"spec\":{\"networkSecurity\":{\"mode\":\"Managed\",\"name\":null,\"priorityBase\":null}}}"),
        Arguments.of("priorityBase moved in an Existing NSG", "existing-nsg.yaml", SSH_ON,
            "{\"spec\":{\"networkSecurity\":{\"priorityBase\":3500}}}"),
        Arguments.of("Managed NSG renamed", "open-outbound.yaml",
            "{\"spec\":{\"networkSecurity\":{\"mode\":\"Managed\",\"name\":\"training-nsg-a\"}}}",
            "{\"spec\":{\"networkSecurity\":{\"mode\":\"Managed\",\"name\":\"training-nsg-b\"}}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transitions")
  void azureEndsExactlyAtThePlanOfTheNewSpec(String transition, String example, String specA, String specB)
      throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(OperatorIT.NEVER, o -> { })) {
      String name = OperatorIT.environmentName(example);
      sandbox.apply(example, OperatorIT::environmentOnly);
      if (specA != null) {
        patch(sandbox, name, specA);
      }
      awaitReadyAtGeneration(sandbox, name);
      Map<String, String> before = othersChecksums(sandbox, name);

      patch(sandbox, name, specB);
      awaitReadyAtGeneration(sandbox, name);

      Plan plan = OperatorIT.plan(sandbox, name);
      assertThat(OperatorIT.pending(sandbox, plan)).as("what the planner would still write after %s", transition).isEmpty();
      DesiredNetwork desired = plan.network();
      AzureIds ids = OperatorIT.ids(sandbox, name);
      String owner = sandbox.namespace + "/" + name;
      List<String> expectedObjects = Stream.of(desired.networkSecurityGroupId(), desired.routeTableId(),
          desired.natGatewayId(), desired.publicIpAddressId()).filter(Objects::nonNull).map(SpecChangeIT::key).sorted().toList();
      assertThat(ownedObjects(sandbox, owner)).as("objects owned by %s after %s", owner, transition)
          .containsExactlyElementsOf(expectedObjects);
      List<String> expectedRules = desired.networkSecurityGroupId() != null ? List.of()
          : desired.securityRules().stream().map(r -> key(ids.networkSecurityGroup() + "/securityRules/" + r.name()))
              .sorted().toList();
      assertThat(ownedRulesInOthersNsgs(sandbox, owner)).as("amlnet rules in NSGs it does not own")
          .containsExactlyElementsOf(expectedRules);
      JsonNode subnet = subnet(sandbox, ids.subnet());
      assertThat(associated(subnet, "networkSecurityGroup")).isEqualTo(key(ids.networkSecurityGroup()));
      assertThat(associated(subnet, "routeTable")).isEqualTo(key(desired.routeTableId()));
      assertThat(associated(subnet, "natGateway")).isEqualTo(key(desired.natGatewayId()));
      Map<String, String> after = othersChecksums(sandbox, name);
      assertThat(after.keySet()).as("the rest of the world keeps its objects").isEqualTo(before.keySet());
      for (String id : before.keySet()) {
        assertThat(after.get(id)).as("untouched: %s", id).isEqualTo(before.get(id));
      }
      TrainingEnvironment env = sandbox.environment(name);
      assertThat(env.getStatus().getAzureResources().removing()).as("nothing is left being removed").isEmpty();
    }
  }

  private static void patch(OperatorSandbox sandbox, String name, String mergePatch) {
    sandbox.kube.resources(TrainingEnvironment.class).inNamespace(sandbox.namespace).withName(name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), mergePatch);
  }

  private static void awaitReadyAtGeneration(OperatorSandbox sandbox, String name) {
    sandbox.awaitArm(name + " Ready at its generation", arm -> {
      TrainingEnvironment env = sandbox.environment(name);
      return env.getStatus() != null && Objects.equals(env.getStatus().getObservedGeneration(),
          env.getMetadata().getGeneration()) && Conditions.isTrue(env.getStatus().getConditions(), Conditions.READY);
    }, READY);
  }

  private static List<String> ownedObjects(OperatorSandbox sandbox, String owner) {
    return sandbox.arm.snapshot().stream()
        .filter(r -> owner.equals(r.path("tags").path(ArmBodies.OWNER_TAG).asText(null)))
        .filter(r -> r.path("type").asText().startsWith("Microsoft.Network/"))
        .map(r -> key(r.path("id").asText())).sorted().toList();
  }

  private static List<String> ownedRulesInOthersNsgs(OperatorSandbox sandbox, String owner) {
    List<String> rules = new ArrayList<>();
    for (ObjectNode r : sandbox.arm.snapshot()) {
      if (r.path("type").asText().equalsIgnoreCase("Microsoft.Network/networkSecurityGroups")
          && !r.path("tags").has(ArmBodies.OWNER_TAG)) {
        for (JsonNode rule : r.path("properties").path("securityRules")) {
          if (rule.path("properties").path("description").asText("").startsWith("amlnet " + owner + " ")) {
            rules.add(key(r.path("id").asText() + "/securityRules/" + rule.path("name").asText()));
          }
        }
      }
    }
    return rules.stream().sorted().toList();
  }

  private static JsonNode subnet(OperatorSandbox sandbox, String subnetId) {
    String vnetId = subnetId.substring(0, subnetId.toLowerCase(Locale.ROOT).indexOf("/subnets/"));
    for (JsonNode s : sandbox.armResource(vnetId).path("properties").path("subnets")) {
      if (s.path("id").asText().equalsIgnoreCase(subnetId)) {
        return s;
      }
    }
    throw new AssertionError("no subnet " + subnetId);
  }

  private static String associated(JsonNode subnet, String field) {
    return key(subnet.path("properties").path(field).path("id").asText(null));
  }

  /**
   * Every resource that is not the environment's: not owned by it, its subnet left out of its VNet,
   * its own rules left out of a shared NSG, and the back-references ARM keeps of associations.
   */
  private static Map<String, String> othersChecksums(OperatorSandbox sandbox, String name) {
    String owner = sandbox.namespace + "/" + name;
    String subnetId = key(OperatorIT.ids(sandbox, name).subnet());
    Map<String, String> sums = new TreeMap<>();
    for (ObjectNode r : sandbox.arm.snapshot()) {
      if (owner.equals(r.path("tags").path(ArmBodies.OWNER_TAG).asText(null))) {
        continue;
      }
      ObjectNode copy = r.deepCopy();
      copy.remove("etag");
      ObjectNode properties = copy.with("properties");
      properties.remove("subnets");
      properties.remove("provisioningState");
      if (r.path("type").asText().equalsIgnoreCase("Microsoft.Network/virtualNetworks")) {
        ArrayNode subnets = properties.putArray("subnets");
        for (JsonNode s : r.path("properties").path("subnets")) {
          if (!key(s.path("id").asText()).equals(subnetId)) {
            ObjectNode other = s.deepCopy();
            other.remove("etag");
            subnets.add(other);
          }
        }
      }
      if (properties.has("securityRules")) {
        ArrayNode kept = properties.putArray("securityRules");
        for (JsonNode rule : r.path("properties").path("securityRules")) {
          if (!rule.path("properties").path("description").asText("").startsWith("amlnet " + owner + " ")) {
            ObjectNode other = rule.deepCopy();
            other.remove("etag");
            kept.add(other);
          }
        }
      }
      withoutEtags(copy);
      sums.put(key(r.path("id").asText()), copy.toString());
    }
    return sums;
  }

  /** ARM gives every child a new etag when its parent is written; that is not a change of content. */
  private static void withoutEtags(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.remove("etag");
    }
    node.forEach(SpecChangeIT::withoutEtags);
  }

  private static String key(String id) {
    return id == null ? null : id.toLowerCase(Locale.ROOT);
  }
}
