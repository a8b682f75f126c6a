package io.amlnet.plan;

import io.amlnet.api.ForcedTunneling;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * User-defined routes for forced tunnelling (R16): BatchNodeManagement and AzureMachineLearning of
 * the workspace's region and of its paired region go straight to the Internet, either prefix by prefix
 * (refreshed as the service-tag list changes) or as service-tag routes that Azure keeps current.
 */
final class RoutePlanner {
  /** Azure's limit of routes in one route table. */
  static final int MAX_ROUTES_PER_TABLE = 400;
  private static final List<String> TUNNELLED_TAGS =
      List.of(SecurityRulePlanner.BATCH, SecurityRulePlanner.AML);

  private RoutePlanner() {}

  static List<Route> plan(PlanInput input, RegionPairs pairs, ServiceTagNames tags, List<Finding> findings) {
    ForcedTunneling tunneling = input.spec().effectiveForcedTunneling();
    String primary = input.spec().workspace().region();
    Optional<String> secondary = Optional.ofNullable(tunneling.namedSecondaryRegion()).or(() -> pairs.pairOf(primary));
    if (secondary.isEmpty()) {
      findings.add(Finding.blocking("R16", "region " + primary + " has no paired region in Azure's table;"
          + " set spec.forcedTunneling.secondaryRegion"));
    }
    Set<String> regions = new LinkedHashSet<>();
    regions.add(primary);
    secondary.ifPresent(regions::add);

    List<Route> routes = tunneling.effectivePrefixMode() == ForcedTunneling.PrefixMode.ServiceTags
        ? tagRoutes(regions, tags)
        : prefixRoutes(regions, tags, findings);
    if (routes.size() > MAX_ROUTES_PER_TABLE) {
      findings.add(Finding.blocking("R16", routes.size() + " routes are needed but a route table holds at most "
          + MAX_ROUTES_PER_TABLE + "; use prefixMode ServiceTags"));
    }
    return routes;
  }

  private static List<Route> tagRoutes(Set<String> regions, ServiceTagNames tags) {
    List<Route> routes = new ArrayList<>();
    for (String region : regions) {
      for (String tag : TUNNELLED_TAGS) {
        String regional = tags.regional(tag, region, "R16");
        routes.add(new Route(routeName(regional), regional, "Internet", regional));
      }
    }
    return List.copyOf(routes);
  }

  private static List<Route> prefixRoutes(Set<String> regions, ServiceTagNames tags, List<Finding> findings) {
    if (!tags.haveList()) {
      findings.add(Finding.blocking("R16", "prefixMode IpPrefixes needs the service-tag list to know the"
          + " prefixes; give it as facts, or use prefixMode ServiceTags"));
      return List.of();
    }
    // One route per prefix; a prefix listed by two tags or regions is routed once, under its first source.
    Map<String, Route> byPrefix = new LinkedHashMap<>();
    for (String region : regions) {
      for (String tag : TUNNELLED_TAGS) {
        tags.regionalTag(tag, region, "R16").ifPresent(regional -> {
          for (String prefix : regional.addressPrefixes()) {
            byPrefix.putIfAbsent(prefix, new Route(routeName(prefix), prefix, "Internet", regional.name()));
          }
        });
      }
    }
    return List.copyOf(byPrefix.values());
  }

  /**
   * A stable name from what the route routes, one-to-one so two prefixes never share a name:
   * amlnet-20-36-106-68-31 for 20.36.106.68/31, amlnet-2603_1030__-47 for 2603:1030::/47.
   */
  static String routeName(String destination) {
    return "amlnet-" + destination.toLowerCase().replace('.', '-').replace('/', '-').replace(':', '_');
  }
}
