package io.amlnet.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/** Sends an authenticated ARM request to the part of the emulator that serves its path. */
final class Router {
  private final ResourceTypes types;

  Router(ResourceTypes types) {
    this.types = types;
  }

  ArmResponse route(ArmCall call) {
    ResourceId id = call.id();
    if (id == null) {
      throw new ArmError(404, "NotFound", "The path '" + call.request().path() + "' is not an ARM path served here.");
    }
    if (!call.world().hasSubscription(id.subscription())) {
      throw new ArmError(404, "SubscriptionNotFound", "The subscription '" + id.subscription() + "' could not be found.");
    }
    if (!isExempt(id)) {
      String scope = id.isCollection() || id.namespace() == null ? id.scope() : id.idAt(id.names().size());
      call.permissions().authorize(call.world(), call.caller(), scope, Permissions.actionOf(id, call.request().kind()));
    }
    if (id.namespace() == null) {
      return subscriptionOrGroup(call);
    }
    if (id.namespace().equalsIgnoreCase("Microsoft.Authorization")) {
      return Authorization.handle(call);
    }
    if (id.namespace().equalsIgnoreCase("Microsoft.PolicyInsights")) {
      return PolicyRestrictions.handle(call);
    }
    if (id.types().size() >= 2 && id.types().get(0).equalsIgnoreCase("locations")) {
      return locations(call);
    }
    ResourceHandler handler = types.find(id);
    if (handler == null) {
      throw new ArmError(400, "NoRegisteredProviderFound",
          "The resource type '" + id.namespace() + "/" + String.join("/", id.types()) + "' is not served by the emulator.");
    }
    return handler.handle(call);
  }

  /**
   * Reading one's own permissions, polling one's own operations and asking which policies would
   * refuse a resource need no RBAC action (a guess for the policy check: see the README).
   */
  private static boolean isExempt(ResourceId id) {
    if ("Microsoft.PolicyInsights".equalsIgnoreCase(id.namespace())) {
      return true;
    }
    boolean permissions = "Microsoft.Authorization".equalsIgnoreCase(id.namespace()) && !id.types().isEmpty()
        && id.types().get(0).equalsIgnoreCase("permissions");
    boolean operation = id.types().size() >= 2 && id.types().get(0).equalsIgnoreCase("locations")
        && !id.types().get(1).equalsIgnoreCase("serviceTags");
    return permissions || operation;
  }

  private static ArmResponse locations(ArmCall call) {
    ResourceId id = call.id();
    String what = id.types().get(1).toLowerCase(Locale.ROOT);
    return switch (what) {
      case "operations" -> call.lro().status(id.names().get(1));
      case "operationresults" -> call.lro().result(id.names().get(1),
          call.baseUrl() + call.request().path() + "?api-version=" + call.apiVersion());
      case "servicetags" -> ServiceTags.list(call);
      default -> throw new ArmError(404, "InvalidResourceType", "locations/" + what + " is not served.");
    };
  }

  private static ArmResponse subscriptionOrGroup(ArmCall call) {
    ResourceId id = call.id();
    if (id.resourceGroup() == null) {
      ObjectNode sub = Json.object();
      sub.put("id", id.subscriptionId());
      sub.put("subscriptionId", id.subscription());
      sub.put("state", "Enabled");
      return ArmResponse.of(200, sub);
    }
    ObjectNode group = call.world().group(id.subscription(), id.resourceGroup())
        .orElseThrow(() -> ArmError.groupNotFound(id.resourceGroup()));
    return call.method().equals("HEAD") ? ArmResponse.empty(204) : ArmResponse.of(200, group.deepCopy());
  }
}
