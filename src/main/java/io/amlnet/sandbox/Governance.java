package io.amlnet.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.Set;

/** Resource locks and the deny policies of the world, as ARM enforces them on writes and deletes. */
public final class Governance {
  private static final String LOCKS = "/providers/microsoft.authorization/locks/";

  /** The scope a lock id applies to: everything before {@code /providers/Microsoft.Authorization/locks/}. */
  public static String lockScope(String lockId) {
    int i = ResourceId.key(lockId).lastIndexOf(LOCKS);
    return i < 0 ? lockId : lockId.substring(0, i);
  }

  static boolean within(String resourceId, String scope) {
    String r = ResourceId.key(resourceId);
    String s = ResourceId.key(scope);
    return r.equals(s) || r.startsWith(s + "/");
  }

  /** A lock of one of {@code levels} on {@code resourceId} or any scope above it. */
  public Optional<ObjectNode> lockOn(World world, String resourceId, Set<String> levels) {
    for (ObjectNode lock : world.locks().values()) {
      String level = lock.path("properties").path("level").asText();
      if (levels.contains(level) && within(resourceId, lockScope(lock.get("id").asText()))) {
        return Optional.of(lock);
      }
    }
    return Optional.empty();
  }

  /** 409 ScopeLocked when a ReadOnly lock covers {@code resourceId}. */
  public void checkWrite(World world, String resourceId) {
    lockOn(world, resourceId, Set.of("ReadOnly")).ifPresent(l -> {
      throw scopeLocked(resourceId, "write", l);
    });
  }

  /** 409 ScopeLocked when a CanNotDelete or ReadOnly lock covers {@code resourceId}. */
  public void checkDelete(World world, String resourceId) {
    lockOn(world, resourceId, Set.of("CanNotDelete", "ReadOnly")).ifPresent(l -> {
      throw scopeLocked(resourceId, "delete", l);
    });
  }

  /** 403 RequestDisallowedByPolicy when an enabled deny policy forbids {@code type} at the resource's scope. */
  public void checkPolicy(World world, String resourceId, String type) {
    denyingPolicy(world, resourceId, type).ifPresent(p -> {
      throw disallowed(resourceId, p);
    });
  }

  public Optional<ObjectNode> denyingPolicy(World world, String resourceId, String type) {
    for (ObjectNode p : world.policies()) {
      boolean enabled = p.path("enabled").asBoolean(true);
      boolean deny = p.path("effect").asText("Deny").equalsIgnoreCase("Deny");
      if (enabled && deny && p.path("resourceType").asText().equalsIgnoreCase(type)
          && within(resourceId, p.path("scope").asText())) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  public static ArmError disallowed(String resourceId, ObjectNode policy) {
    return new ArmError(403, "RequestDisallowedByPolicy",
        "Resource '" + resourceId + "' was disallowed by policy. Policy identifiers: '[{\"policyAssignment\":{\"name\":\""
            + policy.path("name").asText() + "\"}}]'.");
  }

  public static ArmError scopeLocked(String resourceId, String operation, ObjectNode lock) {
    return new ArmError(409, "ScopeLocked",
        "The scope '" + resourceId + "' cannot perform " + operation + " operation because following scope(s) are locked: '"
            + lockScope(lock.get("id").asText()) + "'. Please remove the lock and try again.");
  }
}
