package io.amlnet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A child resource type kept inline in its parent's {@code properties.<segment>} array (security
 * rules, routes, subnets): the child endpoints and the parent's array are one state. A child write
 * is a write of the parent, so it holds the parent's operation slot.
 */
public class ChildCollection {
  private final String parentType;
  private final String segment;

  public ChildCollection(String parentType, String segment) {
    this.parentType = parentType;
    this.segment = segment;
  }

  public String segment() {
    return segment;
  }

  public String childType() {
    return parentType + "/" + segment;
  }

  /** Refuses deleting this child, e.g. a subnet still in use. */
  protected void beforeDelete(ArmCall call, ObjectNode parent, ObjectNode child) {}

  /** Read-only fields of a child to carry over when a client rewrites it. */
  protected void carryOver(ObjectNode previous, ObjectNode next) {}

  /** 400 InvalidRequestFormat when an inline child has no name (ARM names every child). */
  public void requireNames(ObjectNode parent) {
    for (JsonNode item : parent.path("properties").path(segment)) {
      if (item.path("name").asText("").isBlank()) {
        throw ArmError.badRequest("InvalidRequestFormat",
            "Cannot parse the request: every item of properties." + segment + " needs a name.");
      }
    }
  }

  /** Gives each inline child its id, type and etag (normalization of the parent). */
  public void normalizeAll(ObjectNode parent) {
    String parentId = parent.get("id").asText();
    ArrayNode items = Json.childArray(Json.child(parent, "properties"), segment);
    for (JsonNode item : items) {
      if (item instanceof ObjectNode o) {
        o.put("id", parentId + "/" + segment + "/" + o.path("name").asText());
        o.put("type", childType());
        o.put("etag", parent.path("etag").asText());
        Json.child(o, "properties").put("provisioningState", "Succeeded");
      }
    }
  }

  /** Inline children of a rewritten parent keep the read-only fields of their previous versions. */
  public void carryOverAll(ObjectNode previousParent, ObjectNode nextParent) {
    if (previousParent == null) {
      return;
    }
    for (JsonNode item : nextParent.path("properties").path(segment)) {
      ObjectNode prev = find(previousParent, item.path("name").asText());
      if (prev != null && item instanceof ObjectNode o) {
        carryOver(prev, o);
      }
    }
  }

  public ObjectNode find(ObjectNode parent, String name) {
    return findIn(parent, segment, name);
  }

  /** The inline child {@code name} in {@code parent.properties.<segment>}, or null. */
  public static ObjectNode findIn(JsonNode parent, String segment, String name) {
    for (JsonNode item : parent.path("properties").path(segment)) {
      if (item.path("name").asText().equalsIgnoreCase(name)) {
        return (ObjectNode) item;
      }
    }
    return null;
  }

  ArmResponse handle(ArmCall call, TrackedResourceHandler owner) {
    ObjectNode parent = owner.require(call);
    ResourceId id = call.id();
    if (id.isCollection()) {
      ObjectNode body = Json.object();
      ArrayNode value = body.putArray("value");
      owner.view(call.world(), parent).path("properties").path(segment).forEach(value::add);
      return ArmResponse.of(200, body);
    }
    String name = id.names().get(owner.depth());
    return switch (call.method()) {
      case "GET", "HEAD" -> ArmResponse.of(200, viewChild(call.world(), owner, parent, name, id));
      case "PUT" -> put(call, owner, parent, name);
      case "DELETE" -> delete(call, owner, parent, name);
      default -> throw new ArmError(405, "MethodNotAllowed", "The method " + call.method() + " is not allowed.");
    };
  }

  private JsonNode viewChild(World world, TrackedResourceHandler owner, ObjectNode parent, String name, ResourceId id) {
    ObjectNode view = owner.view(world, parent);
    ObjectNode child = find(view, name);
    if (child == null) {
      throw ArmError.resourceNotFound(childType(), parent.get("name").asText() + "/" + name, id.resourceGroup());
    }
    return child;
  }

  private ArmResponse put(ArmCall call, TrackedResourceHandler owner, ObjectNode parent, String name) {
    ObjectNode current = find(parent, name);
    Preconditions.check(call.request(), current);
    String parentId = parent.get("id").asText();
    owner.requireIdle(call, parentId);
    call.governance().checkWrite(call.world(), parentId);
    ObjectNode body = call.request().jsonObject();
    ObjectNode next = parent.deepCopy();
    next.put("etag", World.newEtag());
    ArrayNode items = Json.childArray(Json.child(next, "properties"), segment);
    ObjectNode item = Json.object();
    item.put("name", current != null ? current.get("name").asText() : name);
    item.set("properties", body.get("properties") instanceof ObjectNode p ? p.deepCopy() : Json.object());
    if (current != null) {
      carryOver(current, item);
    }
    int index = indexOf(items, name);
    if (index >= 0) {
      items.set(index, item);
    } else {
      items.add(item);
    }
    owner.validate(call, parent, next);
    owner.normalize(call.world(), parent, next);
    World world = call.world();
    return owner.commit(call, parent, next, current == null ? 201 : 200,
        () -> world.get(parentId).map(p -> viewChild(world, owner, p, name, call.id())).orElse(null));
  }

  private ArmResponse delete(ArmCall call, TrackedResourceHandler owner, ObjectNode parent, String name) {
    ObjectNode current = find(parent, name);
    if (current == null) {
      return ArmResponse.empty(204);
    }
    Preconditions.check(call.request(), current);
    String parentId = parent.get("id").asText();
    owner.requireIdle(call, parentId);
    call.governance().checkDelete(call.world(), parentId + "/" + segment + "/" + name);
    beforeDelete(call, parent, current);
    ObjectNode next = parent.deepCopy();
    next.put("etag", World.newEtag());
    ArrayNode items = Json.childArray(Json.child(next, "properties"), segment);
    items.remove(indexOf(items, name));
    return owner.commit(call, parent, next, 202, () -> null);
  }

  private static int indexOf(ArrayNode items, String name) {
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i).path("name").asText().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }
}
