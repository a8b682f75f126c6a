package io.amlnet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.amlnet.sandbox.WorldSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The emulated Azure of a benchmark run: examples/sandbox-world.yaml (what the examples need) plus
 * benchmark VNets of {@value #SUBNETS_PER_VNET} empty subnets each in rg-aml-network, and foreign
 * NSGs and route tables that no environment names (the faults benchmark checksums them).
 *
 * <p>One change to the example world: the workspace's storage account accepts every network, so
 * that environments in the benchmark VNets pass R4 (storage secured to the compute's VNet).
 */
final class BenchWorld {
  static final int SUBNETS_PER_VNET = 50;
  static final String SUBSCRIPTION = "6f1e6c2a-9d2b-4a43-8c1e-2a6f9d3b7c10";
  static final String NETWORK_GROUP = "rg-aml-network";
  static final String FOREIGN_PREFIX = "foreign-";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One subnet of a benchmark VNet. */
  record Subnet(String virtualNetwork, String name) {}

  private final int virtualNetworks;
  private final int foreignObjects;

  BenchWorld(int virtualNetworks, int foreignObjects) {
    this.virtualNetworks = virtualNetworks;
    this.foreignObjects = foreignObjects;
  }

  static String virtualNetwork(int index) {
    return String.format("vnet-bench-%02d", index);
  }

  /** The {@code i}-th subnet overall: VNet i / 50, subnet i % 50. */
  static Subnet subnet(int index) {
    return new Subnet(virtualNetwork(index / SUBNETS_PER_VNET), String.format("s-%03d", index % SUBNETS_PER_VNET));
  }

  int subnets() {
    return virtualNetworks * SUBNETS_PER_VNET;
  }

  WorldSpec spec() {
    try {
      ObjectNode world = (ObjectNode) YAML.readTree(Path.of("examples/sandbox-world.yaml").toFile());
      ArrayNode network = null;
      for (JsonNode group : world.path("subscriptions").get(0).path("resourceGroups")) {
        for (JsonNode resource : group.path("resources")) {
          if (resource.path("name").asText().equals("stmlcontoso")) {
            ((ObjectNode) resource.path("properties").path("networkAcls")).put("defaultAction", "Allow");
          }
        }
        if (group.path("name").asText().equals(NETWORK_GROUP)) {
          network = (ArrayNode) group.path("resources");
        }
      }
      for (int v = 0; v < virtualNetworks; v++) {
        network.add(benchVirtualNetwork(v));
      }
      for (int f = 0; f < foreignObjects; f++) {
        network.add(foreignSecurityGroup(f));
        network.add(foreignRouteTable(f));
      }
      return WorldSpec.parse(JSON.writeValueAsString(world));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode benchVirtualNetwork(int v) {
    ObjectNode vnet = JSON.createObjectNode().put("type", "Microsoft.Network/virtualNetworks")
        .put("name", virtualNetwork(v)).put("location", "eastus2");
    vnet.putObject("tags").put("owner", "platform-team");
    ObjectNode properties = vnet.putObject("properties");
    properties.putObject("addressSpace").putArray("addressPrefixes").add("10." + (100 + v) + ".0.0/16");
    ArrayNode subnets = properties.putArray("subnets");
    for (int s = 0; s < SUBNETS_PER_VNET; s++) {
      subnets.addObject().put("name", String.format("s-%03d", s)).putObject("properties")
          .put("addressPrefix", "10." + (100 + v) + "." + s + ".0/24");
    }
    return vnet;
  }

  /** A network team's NSG with one rule, named so that only its tag tells it from amlnet's. */
  private static ObjectNode foreignSecurityGroup(int f) {
    ObjectNode nsg = JSON.createObjectNode().put("type", "Microsoft.Network/networkSecurityGroups")
        .put("name", FOREIGN_PREFIX + "nsg-" + f).put("location", "eastus2");
    nsg.putObject("tags").put("owner", "network-team");
    ObjectNode rule = nsg.putObject("properties").putArray("securityRules").addObject().put("name", "amlnet-in-ssh");
    rule.putObject("properties").put("protocol", "Tcp").put("sourcePortRange", "*").put("destinationPortRange", "22")
        .put("sourceAddressPrefix", "10.0.0.0/24").put("destinationAddressPrefix", "*").put("access", "Allow")
        .put("priority", 1000 + f % 100).put("direction", "Inbound");
    return nsg;
  }

  private static ObjectNode foreignRouteTable(int f) {
    ObjectNode rt = JSON.createObjectNode().put("type", "Microsoft.Network/routeTables")
        .put("name", FOREIGN_PREFIX + "rt-" + f).put("location", "eastus2");
    rt.putObject("tags").put("owner", "network-team");
    ObjectNode route = rt.putObject("properties").putArray("routes").addObject().put("name", "to-firewall");
    route.putObject("properties").put("addressPrefix", "0.0.0.0/0").put("nextHopType", "VirtualAppliance")
        .put("nextHopIpAddress", "10.0.0.4");
    return rt;
  }
}
