package io.amlnet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * Microsoft.Authorization at any scope: {@code permissions} (the caller's effective actions,
 * inherited from every scope above: the entries of the identity its token names) and management {@code locks} (list, PUT, GET, DELETE).
 */
public final class Authorization {
  public static final String LOCK_TYPE = "Microsoft.Authorization/locks";

  private Authorization() {}

  public static ArmResponse handle(ArmCall call) {
    ResourceId id = call.id();
    requireScopeExists(call);
    String kind = id.types().isEmpty() ? "" : id.types().get(0).toLowerCase(Locale.ROOT);
    return switch (kind) {
      case "permissions" -> permissions(call);
      case "locks" -> id.isCollection() ? listLocks(call) : lock(call);
      default -> throw new ArmError(404, "InvalidResourceType", "The resource type '" + kind + "' could not be found.");
    };
  }

  private static void requireScopeExists(ArmCall call) {
    ResourceId id = call.id();
    if (id.resourceGroup() != null && call.world().group(id.subscription(), id.resourceGroup()).isEmpty()) {
      throw ArmError.groupNotFound(id.resourceGroup());
    }
    ResourceId scope = ResourceId.parse(id.scope());
    if (scope != null && scope.namespace() != null && !scope.types().isEmpty() && call.world().get(scope.topId()).isEmpty()) {
      throw ArmError.resourceNotFound(scope.topType(), scope.name(), scope.resourceGroup());
    }
  }

  private static ArmResponse permissions(ArmCall call) {
    ObjectNode body = Json.object();
    ArrayNode value = body.putArray("value");
    for (ObjectNode p : call.world().permissions()) {
      if (Permissions.appliesTo(p, call.caller()) && Governance.within(call.id().scope(), p.path("scope").asText())) {
        ObjectNode entry = value.addObject();
        entry.set("actions", p.has("actions") ? p.get("actions").deepCopy() : Json.array());
        entry.set("notActions", p.has("notActions") ? p.get("notActions").deepCopy() : Json.array());
        entry.set("dataActions", Json.array());
        entry.set("notDataActions", Json.array());
      }
    }
    return ArmResponse.of(200, body);
  }

  private static ArmResponse listLocks(ArmCall call) {
    String scope = call.id().scope();
    ObjectNode body = Json.object();
    ArrayNode value = body.putArray("value");
    for (ObjectNode lock : call.world().locks().values()) {
      String lockScope = Governance.lockScope(lock.get("id").asText());
      if (Governance.within(lockScope, scope) || Governance.within(scope, lockScope)) {
        value.add(lock.deepCopy());
      }
    }
    return ArmResponse.of(200, body);
  }

  private static ArmResponse lock(ArmCall call) {
    String lockId = call.id().scope() + "/providers/" + LOCK_TYPE + "/" + call.id().name();
    String key = ResourceId.key(lockId);
    ObjectNode existing = call.world().locks().get(key);
    switch (call.method()) {
      case "GET":
        if (existing == null) {
          throw new ArmError(404, "LockNotFound", "The lock '" + call.id().name() + "' could not be found.");
        }
        return ArmResponse.of(200, existing.deepCopy());
      case "PUT":
        JsonNode level = call.request().jsonObject().path("properties").path("level");
        if (!level.asText().equals("CanNotDelete") && !level.asText().equals("ReadOnly")) {
          throw ArmError.badRequest("LockLevelInvalid", "The lock level must be CanNotDelete or ReadOnly.");
        }
        ObjectNode lock = newLock(lockId, call.id().name(), level.asText(),
            call.request().jsonObject().path("properties").path("notes").asText(""));
        call.world().locks().put(key, lock);
        return ArmResponse.of(existing == null ? 201 : 200, lock.deepCopy());
      case "DELETE":
        return ArmResponse.empty(call.world().locks().remove(key) == null ? 204 : 200);
      default:
        throw new ArmError(405, "MethodNotAllowed", "The method " + call.method() + " is not allowed.");
    }
  }

  public static ObjectNode newLock(String lockId, String name, String level, String notes) {
    ObjectNode lock = Json.object();
    lock.put("id", lockId);
    lock.put("name", name);
    lock.put("type", LOCK_TYPE);
    ObjectNode props = lock.putObject("properties");
    props.put("level", level);
    props.put("notes", notes);
    return lock;
  }
}
