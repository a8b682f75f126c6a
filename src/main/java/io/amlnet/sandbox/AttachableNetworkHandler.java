package io.amlnet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A Network resource that subnets reference (NSG, route table, NAT gateway): its {@code subnets}
 * back-references are derived from the VNets, and deleting it while a subnet references it fails
 * with ARM's in-use error. An optional inline child collection (security rules, routes) is
 * validated as a whole on every write of the parent or of one child.
 */
public class AttachableNetworkHandler extends TrackedResourceHandler {
  private final String subnetField;
  private final String inUseCode;
  private final String childSegment;
  private final BiConsumer<World, JsonNode> childRules;

  public AttachableNetworkHandler(String type, String subnetField, String inUseCode) {
    this(type, subnetField, inUseCode, null, null);
  }

  public AttachableNetworkHandler(String type, String subnetField, String inUseCode, String childSegment,
      BiConsumer<World, JsonNode> childRules) {
    super(type, true, true);
    this.subnetField = subnetField;
    this.inUseCode = inUseCode;
    this.childSegment = childSegment;
    this.childRules = childRules;
    if (childSegment != null) {
      addChild(new ChildCollection(type, childSegment));
    }
  }

  @Override
  protected void validate(ArmCall call, ObjectNode existing, ObjectNode next) {
    if (childRules != null) {
      childRules.accept(call.world(), next.path("properties").path(childSegment));
    }
  }

  @Override
  protected void decorate(World world, ObjectNode view) {
    ArrayNode subnets = Json.array();
    for (ObjectNode[] pair : world.subnetsReferencing(subnetField, view.get("id").asText())) {
      subnets.add(Json.idRef(pair[1].get("id").asText()));
    }
    if (!subnets.isEmpty()) {
      Json.child(view, "properties").set("subnets", subnets);
    } else {
      Json.child(view, "properties").remove("subnets");
    }
  }

  @Override
  protected void beforeDelete(ArmCall call, ObjectNode existing) {
    List<ObjectNode[]> users = call.world().subnetsReferencing(subnetField, existing.get("id").asText());
    if (!users.isEmpty()) {
      throw ArmError.badRequest(inUseCode,
          existing.path("type").asText().replace("Microsoft.Network/", "") + " " + existing.get("name").asText()
              + " cannot be deleted because it is in use by subnet(s) "
              + users.stream().map(p -> p[1].get("id").asText()).toList() + ".");
    }
  }
}
