package io.amlnet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Azure RBAC as the world states it: each permission entry grants {@code actions} minus
 * {@code notActions} (with {@code *} wildcards) at its scope and everything below it, to one
 * identity: the one its {@code clientId} names, or without one the default caller (amlnet's own
 * identity in the sandbox). Enforced only when the world asks for it
 * ({@code sandbox.enforcePermissions: true}).
 */
public final class Permissions {
  private final boolean enforced;

  public Permissions(boolean enforced) {
    this.enforced = enforced;
  }

  public boolean enforced() {
    return enforced;
  }

  /** True when an entry of {@code caller} covering {@code scope} grants {@code action}. */
  public static boolean allows(World world, Caller caller, String scope, String action) {
    for (ObjectNode p : world.permissions()) {
      if (appliesTo(p, caller) && Governance.within(scope, p.path("scope").asText()) && matchesAny(p.path("actions"), action)
          && !matchesAny(p.path("notActions"), action)) {
        return true;
      }
    }
    return false;
  }

  /** An entry with a {@code clientId} is that identity's; one without is the default caller's. */
  static boolean appliesTo(JsonNode entry, Caller caller) {
    String clientId = entry.path("clientId").asText(null);
    return caller.named() ? caller.clientId().equalsIgnoreCase(clientId) : clientId == null;
  }

  private static boolean matchesAny(JsonNode patterns, String action) {
    for (JsonNode p : patterns) {
      String regex = Pattern.quote(p.asText().toLowerCase(Locale.ROOT)).replace("*", "\\E.*\\Q");
      if (action.toLowerCase(Locale.ROOT).matches(regex)) {
        return true;
      }
    }
    return false;
  }

  /** 403 AuthorizationFailed when enforced and {@code action} is not granted at {@code scope}. */
  public void authorize(World world, Caller caller, String scope, String action) {
    if (enforced && !allows(world, caller, scope, action)) {
      throw new ArmError(403, "AuthorizationFailed", "The client " + caller.describe() + " does not have authorization to perform action '"
          + action + "' over scope '" + scope + "' or the scope is invalid.");
    }
  }

  /** 403 LinkedAuthorizationFailed when enforced and a referenced resource's {@code action} is not granted. */
  public void authorizeLinked(World world, Caller caller, String linkedScope, String action) {
    if (enforced && !allows(world, caller, linkedScope, action)) {
      throw new ArmError(403, "LinkedAuthorizationFailed", "The client " + caller.describe() + " has permission to perform the request but does not have permission to perform action '"
          + action + "' on linked scope(s) '" + linkedScope + "' or the linked scope(s) are invalid.");
    }
  }

  /** The RBAC action of a request on {@code id}: {@code namespace/type[/child]/(read|write|delete)}. */
  public static String actionOf(ResourceId id, ArmRequest.Kind kind) {
    String verb = switch (kind) {
      case READ -> "read";
      case WRITE -> "write";
      case DELETE -> "delete";
    };
    if (id.namespace() == null) {
      return "Microsoft.Resources/subscriptions/resourceGroups/" + verb;
    }
    return id.namespace() + "/" + String.join("/", id.types()) + "/" + verb;
  }
}
