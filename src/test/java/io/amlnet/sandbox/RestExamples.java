package io.amlnet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Microsoft's REST examples in ../shared/azure-rest-examples (read at test time, never copied):
 * each one's operation, ARM path, request body, and the world it needs to exist beforehand.
 */
final class RestExamples {
  static final Path DIR = Path.of("..", "shared", "azure-rest-examples");

  /** One example file, understood. */
  record Example(String file, JsonNode json) {
    JsonNode params() {
      return json.path("parameters");
    }

    JsonNode responses() {
      return json.path("responses");
    }

    String p(String name) {
      return params().path(name).asText(null);
    }

    /** The request body parameter, or null for GET and DELETE. */
    JsonNode requestBody() {
      for (String key : new String[] {"parameters", "subnetParameters", "securityRuleParameters", "routeParameters"}) {
        if (params().get(key) instanceof ObjectNode o) {
          return o;
        }
      }
      return null;
    }

    String method() {
      if (requestBody() != null) {
        return "PUT";
      }
      return responses().has("202") || responses().has("204") ? "DELETE" : "GET";
    }

    String group() {
      return "/subscriptions/" + p("subscriptionId") + "/resourceGroups/" + p("resourceGroupName");
    }

    /** The ARM path the example's operation addresses, and the type of the top-level resource it touches. */
    String[] target() {
      String net = group() + "/providers/Microsoft.Network/";
      if (p("computeName") != null) {
        return new String[] {group() + "/providers/Microsoft.MachineLearningServices/workspaces/" + p("workspaceName")
            + "/computes/" + p("computeName"), MachineLearningComputes.TYPE};
      }
      if (p("securityRuleName") != null) {
        return new String[] {net + "networkSecurityGroups/" + p("networkSecurityGroupName") + "/securityRules/" + p("securityRuleName"), NetworkSecurityGroups.TYPE};
      }
      if (p("networkSecurityGroupName") != null) {
        return new String[] {net + "networkSecurityGroups/" + p("networkSecurityGroupName"), NetworkSecurityGroups.TYPE};
      }
      if (p("routeName") != null) {
        return new String[] {net + "routeTables/" + p("routeTableName") + "/routes/" + p("routeName"), RouteTables.TYPE};
      }
      if (p("routeTableName") != null) {
        return new String[] {net + "routeTables/" + p("routeTableName"), RouteTables.TYPE};
      }
      if (p("natGatewayName") != null) {
        return new String[] {net + "natGateways/" + p("natGatewayName"), NatGateways.TYPE};
      }
      if (p("publicIpAddressName") != null) {
        return new String[] {net + "publicIPAddresses/" + p("publicIpAddressName"), PublicIpAddresses.TYPE};
      }
      if (p("subnetName") != null) {
        return new String[] {net + "virtualNetworks/" + p("virtualNetworkName") + "/subnets/" + p("subnetName"), VirtualNetworks.TYPE};
      }
      if (p("virtualNetworkName") != null) {
        return new String[] {net + "virtualNetworks/" + p("virtualNetworkName"), VirtualNetworks.TYPE};
      }
      return new String[] {"/subscriptions/" + p("subscriptionId") + "/providers/Microsoft.Network/locations/"
          + p("location") + "/serviceTags", null};
    }

    String url() {
      String q = "?api-version=" + p("api-version");
      if (p("underlyingResourceAction") != null) {
        q += "&underlyingResourceAction=" + p("underlyingResourceAction");
      }
      return target()[0] + q;
    }

    boolean isMachineLearning() {
      return file.startsWith("machinelearningservices/");
    }

    /** The world this example presupposes: its subscription and group, and what it reads, deletes or writes into. */
    WorldSpec world() {
      ObjectNode root = Json.object();
      ObjectNode sub = root.putArray("subscriptions").addObject();
      sub.put("subscriptionId", p("subscriptionId"));
      ObjectNode group = p("resourceGroupName") == null ? Json.object() : sub.putArray("resourceGroups").addObject();
      group.put("name", p("resourceGroupName"));
      group.put("location", "eastus2");
      ArrayNode resources = group.putArray("resources");
      JsonNode ok = responses().path("200").path("body");
      String[] target = target();
      if (isMachineLearning()) {
        resources.addObject().put("type", "Microsoft.MachineLearningServices/workspaces").put("name", p("workspaceName"))
            .put("location", "eastus2");
        ObjectNode vnet = resources.addObject().put("type", VirtualNetworks.TYPE).put("name", "sandbox-vnet").put("location", "eastus2");
        vnet.putObject("properties").putArray("subnets").addObject().put("name", "default").putObject("properties")
            .put("addressPrefix", "10.0.0.0/24");
        if (!method().equals("PUT")) {
          resources.add(seed(ok, MachineLearningComputes.TYPE, p("workspaceName") + "/" + p("computeName")));
        }
      } else if (p("subnetName") != null) {
        ObjectNode vnet = resources.addObject().put("type", VirtualNetworks.TYPE).put("name", p("virtualNetworkName")).put("location", "eastus");
        ObjectNode props = vnet.putObject("properties");
        props.putObject("addressSpace").putArray("addressPrefixes").add("10.0.0.0/16");
        ArrayNode subnets = props.putArray("subnets");
        if (!method().equals("PUT")) {
          subnets.add(ok.deepCopy());
        }
      } else if (p("securityRuleName") != null || p("routeName") != null) {
        String name = p("securityRuleName") != null ? p("networkSecurityGroupName") : p("routeTableName");
        resources.addObject().put("type", target[1]).put("name", name).put("location", "westus");
      } else if (!method().equals("PUT") && target[1] != null) {
        resources.add(seed(ok, target[1], ResourceId.parse(target[0]).name()));
      }
      if (target[1] == null) {
        ObjectNode tags = root.putObject("serviceTags");
        tags.put("changeNumber", ok.path("changeNumber").asText());
        tags.put("cloud", ok.path("cloud").asText());
        tags.set("values", ok.path("values").deepCopy());
      }
      return WorldSpec.parse(root.toString());
    }

    private static ObjectNode seed(JsonNode body, String type, String name) {
      ObjectNode r = body.isObject() ? ((ObjectNode) body).deepCopy() : Json.object();
      r.put("type", type);
      r.put("name", name);
      if (!r.has("location")) {
        r.put("location", "eastus");
      }
      return r;
    }
  }

  private RestExamples() {}

  /** Every example in MANIFEST.tsv; fails, naming the folder, when the examples are not there. */
  static List<Example> all() {
    Path manifest = DIR.resolve("MANIFEST.tsv");
    if (!Files.isRegularFile(manifest)) {
      throw new AssertionError("Microsoft's REST examples are missing: expected " + manifest.toAbsolutePath().normalize()
          + " (the shared folder beside the project). The conformance replay reads them at test time.");
    }
    try {
      List<Example> out = new ArrayList<>();
      for (String line : Files.readAllLines(manifest)) {
        String file = line.split("\t")[0];
        if (line.isBlank() || file.equals("local_file")) {
          continue;
        }
        out.add(new Example(file, Json.MAPPER.readTree(DIR.resolve(file).toFile())));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Example named(String file) {
    return all().stream().filter(e -> e.file().equals(file)).findFirst().orElseThrow();
  }
}
