package io.amlnet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * ARM's generic contract for a tracked resource: create-or-update PUT (201/200), GET, DELETE, PATCH
 * of tags, list; etags and If-Match; locks and deny policies; long-running writes; and child
 * collections kept inline in the parent. Subclasses add the rules of their type through the hooks.
 */
public class TrackedResourceHandler implements ResourceHandler {
  private final String type;
  private final int depth;
  private final boolean writable;
  private final boolean longRunning;
  private final Map<String, ChildCollection> children = new LinkedHashMap<>();

  public TrackedResourceHandler(String type, boolean writable, boolean longRunning) {
    this.type = type;
    this.depth = type.split("/").length - 1;
    this.writable = writable;
    this.longRunning = longRunning;
  }

  @Override
  public String type() {
    return type;
  }

  public int depth() {
    return depth;
  }

  protected final void addChild(ChildCollection child) {
    children.put(child.segment().toLowerCase(Locale.ROOT), child);
  }

  // ---- hooks ----

  /** Extra checks before a write; {@code existing} is null on create. */
  protected void validate(ArmCall call, ObjectNode existing, ObjectNode next) {}

  /** Fills in what ARM computes: defaults, child ids, read-only properties. */
  protected void normalize(World world, ObjectNode existing, ObjectNode next) {
    children.values().forEach(c -> c.normalizeAll(next));
  }

  /** Adds derived fields (back-references) to a copy about to be returned. */
  protected void decorate(World world, ObjectNode view) {}

  /** Refuses a delete that ARM would refuse (resource in use). */
  protected void beforeDelete(ArmCall call, ObjectNode existing) {}

  /** Side effects of a committed write, possibly making its operation fail. */
  protected void afterWrite(ArmCall call, ObjectNode existing, ObjectNode next, LroEngine.Builder op) {}

  /** Side effects of a completed delete. */
  protected void afterDelete(World world, ObjectNode deleted) {}

  /** What the latency profile knows an operation on {@code resource} as; null: its ARM type. */
  protected String latencyKey(ObjectNode resource) {
    return null;
  }

  private LroEngine.Builder operation(ArmCall call, ResourceId id, ObjectNode resource, String resourceId) {
    LroEngine.Builder op = new LroEngine.Builder(id, location(resource), resourceId)
        .delete(call.method().equals("DELETE"));
    String key = latencyKey(resource);
    return key == null ? op : op.latencyKey(key);
  }

  /** The state a long-running write shows while in flight. */
  protected String inFlightState(ObjectNode existing) {
    return "Updating";
  }

  // ---- dispatch ----

  @Override
  public ArmResponse handle(ArmCall call) {
    ResourceId id = call.id();
    requireScope(call);
    if (id.types().size() > depth) {
      ChildCollection child = children.get(id.types().get(depth).toLowerCase(Locale.ROOT));
      if (child == null) {
        throw new ArmError(404, "InvalidResourceType", "The resource type '" + id.types() + "' could not be found.");
      }
      return child.handle(call, this);
    }
    if (id.isCollection()) {
      return list(call);
    }
    return switch (call.method()) {
      case "GET", "HEAD" -> ArmResponse.of(200, view(call.world(), require(call)));
      case "PUT" -> put(call);
      case "DELETE" -> delete(call);
      case "PATCH" -> patchTags(call);
      default -> throw new ArmError(405, "MethodNotAllowed", "The method " + call.method() + " is not allowed.");
    };
  }

  /** 404 ResourceGroupNotFound, or ResourceNotFound for a missing parent. */
  protected void requireScope(ArmCall call) {
    ResourceId id = call.id();
    if (id.resourceGroup() != null && call.world().group(id.subscription(), id.resourceGroup()).isEmpty()) {
      throw ArmError.groupNotFound(id.resourceGroup());
    }
    for (int d = 1; d < depth; d++) {
      if (call.world().get(id.idAt(d)).isEmpty()) {
        throw ArmError.resourceNotFound(id.namespace() + "/" + id.types().get(d - 1), id.names().get(d - 1),
            id.resourceGroup());
      }
    }
  }

  public ObjectNode require(ArmCall call) {
    ResourceId id = call.id();
    return call.world().get(id.idAt(depth)).orElseThrow(() ->
        ArmError.resourceNotFound(type, String.join("/", id.names().subList(0, depth)), id.resourceGroup()));
  }

  public ObjectNode view(World world, ObjectNode stored) {
    ObjectNode copy = stored.deepCopy();
    decorate(world, copy);
    return copy;
  }

  private ArmResponse list(ArmCall call) {
    ResourceId id = call.id();
    String scope = depth > 1 ? id.idAt(depth - 1) : id.resourceGroup() != null ? id.groupId() : id.subscriptionId();
    ObjectNode body = Json.object();
    ArrayNode value = body.putArray("value");
    call.world().list(scope, type).forEach(r -> value.add(view(call.world(), r)));
    return ArmResponse.of(200, body);
  }

  private void requireWritable(ArmCall call) {
    if (!writable) {
      throw new ArmError(405, "MethodNotAllowed",
          "The emulator serves " + type + " read-only; " + call.method() + " is not supported.");
    }
  }

  /**
   * 409 AnotherOperationInProgress while a long-running operation on this resource runs (the status
   * Network's SDK clients report with this code for a synchronous refusal; README, known differences).
   */
  public void requireIdle(ArmCall call, String resourceId) {
    if (call.lro().inFlight(resourceId)) {
      throw new ArmError(409, "AnotherOperationInProgress",
          "Another operation on this or dependent resource is in progress. To retrieve status of the operation use uri: "
              + resourceId + ".",
          Map.of("Retry-After", "1"));
    }
  }

  private ArmResponse put(ArmCall call) {
    requireWritable(call);
    ResourceId id = call.id();
    String resourceId = id.idAt(depth);
    ObjectNode existing = call.world().get(resourceId).orElse(null);
    Preconditions.check(call.request(), existing);
    requireIdle(call, resourceId);
    call.governance().checkWrite(call.world(), resourceId);
    call.governance().checkPolicy(call.world(), resourceId, type);
    ObjectNode body = call.request().jsonObject();
    ObjectNode next = shape(resourceId, id.names().get(depth - 1), existing, body);
    if (depth == 1 && !next.hasNonNull("location")) {
      throw ArmError.badRequest("LocationRequired", "The location property is required for this definition.");
    }
    children.values().forEach(c -> c.requireNames(next));
    validate(call, existing, next);
    normalize(call.world(), existing, next);
    return commit(call, existing, next, existing == null ? 201 : 200, null);
  }

  /** The stored form of a PUT body: ARM's envelope fields set, properties copied. */
  protected ObjectNode shape(String resourceId, String name, ObjectNode existing, ObjectNode body) {
    ObjectNode next = Json.object();
    next.put("id", existing != null ? existing.get("id").asText() : resourceId);
    next.put("name", existing != null ? existing.get("name").asText() : name);
    next.put("type", type);
    next.put("etag", World.newEtag());
    for (String f : new String[] {"location", "tags", "sku", "zones", "identity", "kind"}) {
      JsonNode v = body.get(f);
      if (v != null && !v.isNull()) {
        next.set(f, v.deepCopy());
      } else if (existing != null && existing.has(f) && !f.equals("tags")) {
        next.set(f, existing.get(f).deepCopy());
      }
    }
    JsonNode props = body.get("properties");
    next.set("properties", props instanceof ObjectNode o ? o.deepCopy() : Json.object());
    return next;
  }

  /**
   * Stores {@code next} and answers {@code status}: for a long-running type through an operation
   * (provisioningState in flight until it completes), otherwise at once.
   */
  public ArmResponse commit(ArmCall call, ObjectNode existing, ObjectNode next, int status, Supplier<JsonNode> view) {
    World world = call.world();
    String resourceId = next.get("id").asText();
    Supplier<JsonNode> body = view != null ? view : () -> world.get(resourceId).map(r -> view(world, r)).orElse(null);
    if (!longRunning) {
      setState(next, "Succeeded");
      world.put(next);
      afterWrite(call, existing, next, new LroEngine.Builder(call.id(), location(next), resourceId));
      return ArmResponse.of(status, body.get());
    }
    setState(next, inFlightState(existing));
    world.put(next);
    LroEngine.Builder op = operation(call, call.id(), next, resourceId)
        .result(body)
        .onSuccess(() -> world.get(resourceId).ifPresent(r -> setState(r, "Succeeded")));
    if (call.failOperation()) {
      op.failWith(new ArmError(500, call.operationError(), "The operation failed (injected fault)."),
          () -> world.get(resourceId).ifPresent(r -> setState(r, "Failed")));
    }
    afterWrite(call, existing, next, op);
    LroEngine.Operation started = call.lro().start(op);
    return call.lro().withPollingHeaders(ArmResponse.of(status, body.get()), started, call.baseUrl(), call.apiVersion());
  }

  private ArmResponse delete(ArmCall call) {
    requireWritable(call);
    ResourceId id = call.id();
    String resourceId = id.idAt(depth);
    ObjectNode existing = call.world().get(resourceId).orElse(null);
    if (existing == null) {
      return ArmResponse.empty(204);
    }
    Preconditions.check(call.request(), existing);
    requireIdle(call, resourceId);
    call.governance().checkDelete(call.world(), resourceId);
    beforeDelete(call, existing);
    World world = call.world();
    Runnable remove = () -> {
      world.remove(resourceId);
      afterDelete(world, existing);
    };
    if (!longRunning) {
      remove.run();
      return ArmResponse.empty(200);
    }
    setState(existing, "Deleting");
    LroEngine.Builder op = operation(call, id, existing, resourceId).onSuccess(remove);
    if (call.failOperation()) {
      op.failWith(new ArmError(500, call.operationError(), "The delete operation failed (injected fault)."),
          () -> setState(existing, "Failed"));
    }
    LroEngine.Operation started = call.lro().start(op);
    return call.lro().withPollingHeaders(ArmResponse.empty(202), started, call.baseUrl(), call.apiVersion());
  }

  private ArmResponse patchTags(ArmCall call) {
    requireWritable(call);
    ObjectNode existing = require(call);
    Preconditions.check(call.request(), existing);
    call.governance().checkWrite(call.world(), existing.get("id").asText());
    JsonNode tags = call.request().jsonObject().get("tags");
    if (tags != null) {
      existing.set("tags", tags.deepCopy());
    }
    existing.put("etag", World.newEtag());
    return ArmResponse.of(200, view(call.world(), existing));
  }

  @Override
  public void seed(World world, ObjectNode resource) {
    ResourceId id = ResourceId.parse(resource.get("id").asText());
    ObjectNode next = shape(resource.get("id").asText(), id.names().get(depth - 1), null, resource);
    normalize(world, null, next);
    setState(next, "Succeeded");
    world.put(next);
  }

  protected static String location(ObjectNode resource) {
    return resource.path("location").asText("global");
  }

  /** Sets provisioningState on the resource and on every inline child. */
  public static void setState(ObjectNode resource, String state) {
    ObjectNode props = Json.child(resource, "properties");
    props.put("provisioningState", state);
    props.fields().forEachRemaining(e -> {
      if (e.getValue().isArray()) {
        for (JsonNode item : e.getValue()) {
          if (item.path("properties") instanceof ObjectNode p && p.has("provisioningState") && item.has("id")
              && !e.getKey().equals("defaultSecurityRules")) {
            p.put("provisioningState", state);
          }
        }
      }
    });
  }
}
