package io.amlnet.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** GET .../providers/Microsoft.Network/locations/{region}/serviceTags: the world's tag list. */
public final class ServiceTags {
  private ServiceTags() {}

  public static ArmResponse list(ArmCall call) {
    if (!call.method().equals("GET")) {
      throw new ArmError(405, "MethodNotAllowed", "serviceTags is read-only.");
    }
    ObjectNode tags = call.world().serviceTags().deepCopy();
    ObjectNode body = Json.object();
    body.put("name", "Public");
    body.put("id", "/subscriptions/" + call.id().subscription() + "/providers/Microsoft.Network/serviceTags/Public");
    body.put("type", "Microsoft.Network/serviceTags");
    body.put("changeNumber", tags.path("changeNumber").asText("1"));
    body.put("cloud", tags.path("cloud").asText("Public"));
    body.set("values", tags.has("values") ? tags.get("values") : Json.array());
    return ArmResponse.of(200, body);
  }

  /**
   * Admin change: replaces the prefixes of one tag (or only bumps it) and raises its changeNumber
   * and the list's, as Microsoft does when a service's addresses change.
   */
  public static ObjectNode bump(World world, String tagName, com.fasterxml.jackson.databind.JsonNode prefixes) {
    ObjectNode tags = world.serviceTags();
    ObjectNode found = null;
    for (var v : Json.childArray(tags, "values")) {
      if (v.path("name").asText().equalsIgnoreCase(tagName)) {
        found = (ObjectNode) v;
      }
    }
    if (found == null) {
      throw new ArmError(404, "ResourceNotFound", "Service tag '" + tagName + "' is not in the world.");
    }
    ObjectNode props = Json.child(found, "properties");
    if (prefixes != null && prefixes.isArray()) {
      props.set("addressPrefixes", prefixes.deepCopy());
    }
    props.put("changeNumber", String.valueOf(props.path("changeNumber").asLong(0) + 1));
    tags.put("changeNumber", String.valueOf(tags.path("changeNumber").asLong(0) + 1));
    return found;
  }
}
