package io.amlnet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Microsoft.Network/virtualNetworks with inline and child subnets. Subnets reference NSGs, route
 * tables and NAT gateways (which must exist); a subnet with IP configurations cannot be deleted,
 * neither directly nor by a VNet PUT that leaves it out. Writes to a VNet or any of its subnets
 * share one operation slot, so a second one while the first runs gets 409 AnotherOperationInProgress.
 */
public final class VirtualNetworks extends TrackedResourceHandler {
  public static final String TYPE = "Microsoft.Network/virtualNetworks";
  private static final String[] REFERENCES = {"networkSecurityGroup", "routeTable", "natGateway"};
  private final Subnets subnets = new Subnets();

  /** The subnets child collection. */
  static final class Subnets extends ChildCollection {
    Subnets() {
      super(TYPE, "subnets");
    }

    @Override
    protected void beforeDelete(ArmCall call, ObjectNode parent, ObjectNode child) {
      requireUnused(child);
    }

    @Override
    protected void carryOver(ObjectNode previous, ObjectNode next) {
      JsonNode ipConfigurations = previous.path("properties").get("ipConfigurations");
      if (ipConfigurations != null) {
        Json.child(next, "properties").set("ipConfigurations", ipConfigurations.deepCopy());
      }
    }

    @Override
    public void normalizeAll(ObjectNode parent) {
      super.normalizeAll(parent);
      for (JsonNode subnet : parent.path("properties").path("subnets")) {
        ObjectNode props = Json.child((ObjectNode) subnet, "properties");
        expandIpsInUse(parent, subnet, props);
        for (JsonNode d : props.path("delegations")) {
          if (d instanceof ObjectNode delegation) {
            delegation.put("id", subnet.get("id").asText() + "/delegations/" + delegation.path("name").asText());
            delegation.put("type", TYPE + "/subnets/delegations");
            Json.child(delegation, "properties").put("provisioningState", "Succeeded");
          }
        }
      }
    }

    /** World-file shorthand {@code ipsInUse: N}: N IP configurations of sandbox NICs. */
    private static void expandIpsInUse(ObjectNode vnet, JsonNode subnet, ObjectNode props) {
      JsonNode n = props.remove("ipsInUse");
      if (n == null) {
        return;
      }
      ResourceId id = ResourceId.parse(vnet.get("id").asText());
      ArrayNode configs = props.putArray("ipConfigurations");
      for (int i = 1; i <= n.asInt(); i++) {
        configs.add(Json.idRef(id.groupId() + "/providers/Microsoft.Network/networkInterfaces/"
            + subnet.path("name").asText() + "-nic-" + i + "/ipConfigurations/ipconfig1"));
      }
    }
  }

  public VirtualNetworks() {
    super(TYPE, true, true);
    addChild(subnets);
  }

  static void requireUnused(JsonNode subnet) {
    if (subnet.path("properties").path("ipConfigurations").size() > 0) {
      throw ArmError.badRequest("InUseSubnetCannotBeDeleted",
          "Subnet " + subnet.path("name").asText() + " is in use by "
              + subnet.path("properties").path("ipConfigurations").get(0).path("id").asText()
              + " and cannot be deleted. In order to delete the subnet, delete all the resources within the subnet.");
    }
  }

  @Override
  protected void validate(ArmCall call, ObjectNode existing, ObjectNode next) {
    for (JsonNode subnet : next.path("properties").path("subnets")) {
      JsonNode props = subnet.path("properties");
      String prefix = props.path("addressPrefix").asText("");
      if (!prefix.isEmpty() && !AddressPrefixes.isIpOrCidr(prefix)) {
        throw ArmError.badRequest("InvalidAddressPrefixFormat",
            "Address prefix " + prefix + " of subnet " + subnet.path("name").asText() + " is not formatted correctly.");
      }
      for (String field : REFERENCES) {
        String ref = props.path(field).path("id").asText("");
        if (!ref.isEmpty() && call.world().get(ref).isEmpty()) {
          throw ArmError.badRequest("InvalidResourceReference",
              "Resource " + ref + " referenced by resource " + next.get("id").asText() + "/subnets/"
                  + subnet.path("name").asText() + " was not found. Please make sure that the referenced resource exists, and that both resources are in the same region.");
        }
      }
    }
    checkRanges(next);
    if (existing != null) {
      for (JsonNode old : existing.path("properties").path("subnets")) {
        if (subnets.find(next, old.path("name").asText()) == null) {
          requireUnused(old);
        }
      }
    }
  }

  /** IPv4 subnet prefixes must lie in the VNet's address space and must not overlap each other. */
  private static void checkRanges(ObjectNode vnet) {
    java.util.List<Cidr> space = new java.util.ArrayList<>();
    vnet.path("properties").path("addressSpace").path("addressPrefixes").forEach(p -> {
      Cidr c = Cidr.parse(p.asText());
      if (c != null) {
        space.add(c);
      }
    });
    java.util.Map<String, Cidr> seen = new java.util.LinkedHashMap<>();
    for (JsonNode subnet : vnet.path("properties").path("subnets")) {
      String name = subnet.path("name").asText();
      Cidr range = Cidr.parse(subnet.path("properties").path("addressPrefix").asText(""));
      if (range == null) {
        continue;
      }
      if (!space.isEmpty() && space.stream().noneMatch(s -> s.contains(range))) {
        throw ArmError.badRequest("NetcfgSubnetRangeOutsideVnet", "Subnet '" + name + "' is not valid because its IP address range "
            + subnet.path("properties").path("addressPrefix").asText() + " is outside the IP address range of virtual network '"
            + vnet.path("name").asText() + "'.");
      }
      for (var other : seen.entrySet()) {
        if (other.getValue().overlaps(range)) {
          throw ArmError.badRequest("NetcfgSubnetRangesOverlap", "Subnet '" + name + "' is not valid because its IP address range overlaps with that of an existing subnet '"
              + other.getKey() + "' in virtual network '" + vnet.path("name").asText() + "'.");
        }
      }
      seen.put(name, range);
    }
  }

  @Override
  protected void normalize(World world, ObjectNode existing, ObjectNode next) {
    subnets.carryOverAll(existing, next);
    super.normalize(world, existing, next);
    Json.child(next, "properties").put("resourceGuid",
        java.util.UUID.nameUUIDFromBytes(ResourceId.key(next.get("id").asText()).getBytes()).toString());
  }
}
