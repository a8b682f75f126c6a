package io.amlnet.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Microsoft.Network/networkSecurityGroups with inline and child securityRules, and default rules. */
public final class NetworkSecurityGroups extends AttachableNetworkHandler {
  public static final String TYPE = "Microsoft.Network/networkSecurityGroups";

  /** name, description, source, destination, access, priority, direction. */
  private static final String[][] DEFAULT_RULES = {
    {"AllowVnetInBound", "Allow inbound traffic from all VMs in VNET", "VirtualNetwork", "VirtualNetwork", "Allow", "65000", "Inbound"},
    {"AllowAzureLoadBalancerInBound", "Allow inbound traffic from azure load balancer", "AzureLoadBalancer", "*", "Allow", "65001", "Inbound"},
    {"DenyAllInBound", "Deny all inbound traffic", "*", "*", "Deny", "65500", "Inbound"},
    {"AllowVnetOutBound", "Allow outbound traffic from all VMs to all VMs in VNET", "VirtualNetwork", "VirtualNetwork", "Allow", "65000", "Outbound"},
    {"AllowInternetOutBound", "Allow outbound traffic from all VMs to Internet", "*", "Internet", "Allow", "65001", "Outbound"},
    {"DenyAllOutBound", "Deny all outbound traffic", "*", "*", "Deny", "65500", "Outbound"},
  };

  public NetworkSecurityGroups() {
    super(TYPE, "networkSecurityGroup", "InUseNetworkSecurityGroupCannotBeDeleted", "securityRules",
        SecurityRuleValidator::validate);
  }

  @Override
  protected void normalize(World world, ObjectNode existing, ObjectNode next) {
    super.normalize(world, existing, next);
    ObjectNode props = Json.child(next, "properties");
    props.put("resourceGuid", existing != null
        ? existing.path("properties").path("resourceGuid").asText()
        : java.util.UUID.nameUUIDFromBytes(ResourceId.key(next.get("id").asText()).getBytes()).toString());
    props.put("flushConnection", props.path("flushConnection").asBoolean(false));
    ArrayNode defaults = props.putArray("defaultSecurityRules");
    for (String[] r : DEFAULT_RULES) {
      ObjectNode rule = defaults.addObject();
      rule.put("name", r[0]);
      rule.put("id", next.get("id").asText() + "/defaultSecurityRules/" + r[0]);
      rule.put("type", TYPE + "/defaultSecurityRules");
      rule.put("etag", next.path("etag").asText());
      ObjectNode p = rule.putObject("properties");
      p.put("provisioningState", "Succeeded");
      p.put("description", r[1]);
      p.put("protocol", "*");
      p.put("sourcePortRange", "*");
      p.put("destinationPortRange", "*");
      p.put("sourceAddressPrefix", r[2]);
      p.put("destinationAddressPrefix", r[3]);
      p.put("access", r[4]);
      p.put("priority", Integer.parseInt(r[5]));
      p.put("direction", r[6]);
    }
  }
}
