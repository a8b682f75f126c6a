package io.amlnet.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Microsoft.Network/publicIPAddresses: SKU, allocation and version defaults; a Static address gets
 * an IP from the documentation range 203.0.113.0/24. A deny-public-IP policy refuses the PUT
 * (through the generic policy check).
 */
public final class PublicIpAddresses extends TrackedResourceHandler {
  public static final String TYPE = "Microsoft.Network/publicIPAddresses";

  public PublicIpAddresses() {
    super(TYPE, true, true);
  }

  @Override
  protected void normalize(World world, ObjectNode existing, ObjectNode next) {
    super.normalize(world, existing, next);
    if (!next.has("sku")) {
      next.putObject("sku").put("name", "Basic").put("tier", "Regional");
    }
    ObjectNode props = Json.child(next, "properties");
    boolean standard = next.path("sku").path("name").asText().equalsIgnoreCase("Standard");
    props.put("publicIPAllocationMethod", props.path("publicIPAllocationMethod").asText(standard ? "Static" : "Dynamic"));
    props.put("publicIPAddressVersion", props.path("publicIPAddressVersion").asText("IPv4"));
    props.put("idleTimeoutInMinutes", props.path("idleTimeoutInMinutes").asInt(4));
    if (props.path("publicIPAllocationMethod").asText().equals("Static") && !props.has("ipAddress")) {
      int octet = 1 + Math.floorMod(ResourceId.key(next.get("id").asText()).hashCode(), 254);
      props.put("ipAddress", "203.0.113." + octet);
    }
  }
}
