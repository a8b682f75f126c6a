package io.amlnet.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Microsoft.Network/routeTables with inline and child routes. */
public final class RouteTables extends AttachableNetworkHandler {
  public static final String TYPE = "Microsoft.Network/routeTables";

  public RouteTables() {
    super(TYPE, "routeTable", "InUseRouteTableCannotBeDeleted", "routes", RouteValidator::validate);
  }

  @Override
  protected void normalize(World world, ObjectNode existing, ObjectNode next) {
    super.normalize(world, existing, next);
    ObjectNode props = Json.child(next, "properties");
    props.put("disableBgpRoutePropagation", props.path("disableBgpRoutePropagation").asBoolean(false));
  }
}
