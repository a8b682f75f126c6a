package io.amlnet.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The resource types the emulator serves, each with its handler. */
public final class ResourceTypes {
  /** Types served read-only (GET and list), seeded from the world file. */
  static final String[] READ_ONLY = {
    "Microsoft.MachineLearningServices/workspaces",
    "Microsoft.Compute/virtualMachines",
    "Microsoft.HDInsight/clusters",
    "Microsoft.Databricks/workspaces",
    "Microsoft.Storage/storageAccounts",
    "Microsoft.Network/loadBalancers",
    "Microsoft.Network/networkInterfaces",
  };

  private final Map<String, ResourceHandler> handlers = new LinkedHashMap<>();

  public static ResourceTypes standard() {
    ResourceTypes t = new ResourceTypes();
    NetworkSecurityGroups nsgs = new NetworkSecurityGroups();
    PublicIpAddresses publicIps = new PublicIpAddresses();
    t.add(nsgs);
    t.add(publicIps);
    t.add(new RouteTables());
    t.add(new NatGateways());
    t.add(new VirtualNetworks());
    t.add(new MachineLearningComputes(nsgs, publicIps));
    for (String type : READ_ONLY) {
      t.add(new TrackedResourceHandler(type, false, false));
    }
    return t;
  }

  private void add(ResourceHandler h) {
    handlers.put(h.type().toLowerCase(Locale.ROOT), h);
  }

  /** The handler of the deepest served type that the id names, or null. */
  public ResourceHandler find(ResourceId id) {
    for (int depth = id.types().size(); depth >= 1; depth--) {
      ResourceHandler h = handlers.get(id.typeKeyAt(depth));
      if (h != null) {
        return h;
      }
    }
    return null;
  }

  /** Seeds a world-file resource; unknown types are stored as given (GET only through the admin API). */
  public void seed(World world, ObjectNode resource) {
    ResourceHandler h = handlers.get(resource.path("type").asText().toLowerCase(Locale.ROOT));
    if (h == null) {
      throw new IllegalArgumentException("The world file names type " + resource.path("type").asText()
          + ", which the emulator does not serve. Served: " + handlers.keySet());
    }
    h.seed(world, resource);
  }
}
