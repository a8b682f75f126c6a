package io.amlnet.plan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Writes the desired network as ARM's own JSON bodies (Microsoft.Network, api-version 2024-07-01). */
public final class ArmBodies {
  /** The version the operator sends: the network SDK's (2.53.0) for its types, and the same for subnets. */
  public static final String NETWORK_API_VERSION = "2024-07-01";
  public static final String OWNER_TAG = "amlnet.io/owner";
  public static final String MANAGED_BY_TAG = "amlnet.io/managed-by";
  /** Read-only subnet properties that ARM fills in and a PUT must not send back. */
  private static final List<String> SUBNET_READ_ONLY = List.of("provisioningState", "ipConfigurations",
      "ipConfigurationProfiles", "privateEndpoints", "purpose", "resourceNavigationLinks",
      "serviceAssociationLinks");

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private ArmBodies() {}

  static ObjectNode networkSecurityGroup(String location, String owner, List<SecurityRule> rules) {
    ObjectNode body = tracked(location, owner);
    ArrayNode array = body.putObject("properties").putArray("securityRules");
    rules.forEach(rule -> array.add(namedRule(rule, owner)));
    return body;
  }

  /** A child securityRules body, for an NSG amlnet does not own. */
  static ObjectNode securityRule(SecurityRule rule, String owner) {
    ObjectNode body = JSON.objectNode();
    body.set("properties", ruleProperties(rule, owner));
    return body;
  }

  static ObjectNode routeTable(String location, String owner, List<Route> routes) {
    ObjectNode body = tracked(location, owner);
    ObjectNode properties = body.putObject("properties");
    properties.put("disableBgpRoutePropagation", false);
    ArrayNode array = properties.putArray("routes");
    for (Route route : routes) {
      ObjectNode item = array.addObject().put("name", route.name());
      item.putObject("properties").put("addressPrefix", route.addressPrefix()).put("nextHopType", route.nextHopType());
    }
    return body;
  }

  /** R15: the NAT gateway's address must be a Standard-SKU static public IP. */
  static ObjectNode natPublicIp(String location, String owner) {
    ObjectNode body = tracked(location, owner);
    body.putObject("sku").put("name", "Standard").put("tier", "Regional");
    body.putObject("properties").put("publicIPAllocationMethod", "Static").put("publicIPAddressVersion", "IPv4");
    return body;
  }

  static ObjectNode natGateway(String location, String owner, String publicIpId, int idleTimeoutMinutes) {
    ObjectNode body = tracked(location, owner);
    body.putObject("sku").put("name", "Standard");
    ObjectNode properties = body.putObject("properties");
    properties.put("idleTimeoutInMinutes", idleTimeoutMinutes);
    properties.putArray("publicIpAddresses").addObject().put("id", publicIpId);
    return body;
  }

  /** A subnet as ARM returned it, less what ARM fills in and a PUT must not send back. */
  public static ObjectNode subnetForPut(ObjectNode current) {
    ObjectNode body = current == null ? JSON.objectNode() : current.deepCopy();
    body.remove("etag");
    body.remove("type");
    ObjectNode properties = body.has("properties") ? (ObjectNode) body.get("properties") : body.putObject("properties");
    SUBNET_READ_ONLY.forEach(properties::remove);
    return body;
  }

  private static ObjectNode namedRule(SecurityRule rule, String owner) {
    ObjectNode item = JSON.objectNode().put("name", rule.name());
    item.set("properties", ruleProperties(rule, owner));
    return item;
  }

  private static ObjectNode ruleProperties(SecurityRule rule, String owner) {
    return JSON.objectNode()
        .put("description", "amlnet " + owner + " " + rule.requirement() + ": " + rule.description())
        .put("protocol", rule.protocol())
        .put("sourcePortRange", "*")
        .put("destinationPortRange", rule.destinationPortRange())
        .put("sourceAddressPrefix", rule.sourceAddressPrefix())
        .put("destinationAddressPrefix", rule.destinationAddressPrefix())
        .put("access", rule.access().name())
        .put("priority", rule.priority())
        .put("direction", rule.direction().name());
  }

  static ObjectNode ownerTags(String owner) {
    return JSON.objectNode().put(OWNER_TAG, owner).put(MANAGED_BY_TAG, "amlnet");
  }

  private static ObjectNode tracked(String location, String owner) {
    ObjectNode body = JSON.objectNode().put("location", location);
    body.set("tags", ownerTags(owner));
    return body;
  }
}
