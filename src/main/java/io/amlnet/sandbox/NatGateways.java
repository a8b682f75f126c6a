package io.amlnet.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Microsoft.Network/natGateways: Standard SKU, idle timeout default 4 minutes. */
public final class NatGateways extends AttachableNetworkHandler {
  public static final String TYPE = "Microsoft.Network/natGateways";

  public NatGateways() {
    super(TYPE, "natGateway", "InUseNatGatewayCannotBeDeleted");
  }

  @Override
  protected void normalize(World world, ObjectNode existing, ObjectNode next) {
    super.normalize(world, existing, next);
    if (!next.has("sku")) {
      next.putObject("sku").put("name", "Standard");
    }
    ObjectNode props = Json.child(next, "properties");
    props.put("idleTimeoutInMinutes", props.path("idleTimeoutInMinutes").asInt(4));
    props.put("resourceGuid", java.util.UUID.nameUUIDFromBytes(ResourceId.key(next.get("id").asText()).getBytes()).toString());
  }
}
