package io.amlnet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** The Network RP's checks on a route table's routes: nextHopType enum, address prefix, 400 routes at most. */
public final class RouteValidator {
  public static final int MAX_ROUTES = 400;
  private static final Set<String> NEXT_HOPS =
      Set.of("VirtualNetworkGateway", "VnetLocal", "Internet", "VirtualAppliance", "None");

  private RouteValidator() {}

  public static void validate(World world, JsonNode routes) {
    if (routes.size() > MAX_ROUTES) {
      throw ArmError.badRequest("RouteTableRouteLimitReached",
          "Route table has " + routes.size() + " routes; at most " + MAX_ROUTES + " routes are allowed per route table.");
    }
    for (JsonNode route : routes) {
      String name = route.path("name").asText();
      JsonNode p = route.path("properties");
      String hop = p.path("nextHopType").asText(null);
      if (hop == null || !NEXT_HOPS.contains(hop)) {
        throw ArmError.badRequest("InvalidRouteNextHopType",
            "Route " + name + " has invalid nextHopType '" + hop + "'. Allowed values: " + NEXT_HOPS + ".");
      }
      String prefix = p.path("addressPrefix").asText("");
      if (!AddressPrefixes.validForRoute(world, prefix)) {
        throw ArmError.badRequest("InvalidRouteAddressPrefix",
            "Route " + name + " has invalid AddressPrefix '" + prefix + "'. A CIDR or a service tag is required.");
      }
      String nextHopIp = p.path("nextHopIpAddress").asText("");
      if (hop.equals("VirtualAppliance") && !AddressPrefixes.isIpOrCidr(nextHopIp)) {
        throw ArmError.badRequest("InvalidNextHopIpAddress",
            "Route " + name + " with nextHopType VirtualAppliance requires a nextHopIpAddress.");
      }
      if (!hop.equals("VirtualAppliance") && !nextHopIp.isEmpty()) {
        throw ArmError.badRequest("NextHopIpAddressNotAllowed",
            "Route " + name + " with nextHopType " + hop + " cannot have a nextHopIpAddress.");
      }
    }
  }
}
