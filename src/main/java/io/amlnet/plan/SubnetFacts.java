package io.amlnet.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** What ARM says of the target subnet: its size, what uses it, and what is associated with it. */
public record SubnetFacts(
    String id,
    String addressPrefix,
    int ipsInUse,
    List<String> delegations,
    List<String> serviceEndpointPolicies,
    String networkSecurityGroupId,
    String routeTableId,
    String natGatewayId,
    ObjectNode armBody) {

  /** From ARM's subnet JSON; IPs in use are its ipConfigurations (one per NIC IP). */
  public static SubnetFacts fromArm(JsonNode subnet) {
    JsonNode p = subnet.path("properties");
    String prefix = p.path("addressPrefix").asText(null);
    if (prefix == null && p.path("addressPrefixes").size() > 0) {
      prefix = p.path("addressPrefixes").get(0).asText();
    }
    return new SubnetFacts(
        subnet.path("id").asText(),
        prefix,
        p.path("ipConfigurations").size(),
        texts(p.path("delegations"), "serviceName"),
        texts(p.path("serviceEndpointPolicies"), "id"),
        idOf(p.path("networkSecurityGroup")),
        idOf(p.path("routeTable")),
        idOf(p.path("natGateway")),
        subnet.deepCopy() instanceof ObjectNode o ? o : null);
  }

  /** Usable addresses: the prefix's size less the 5 Azure reserves less those in use (R2). */
  public long usableAddresses() {
    int bits = Integer.parseInt(addressPrefix.substring(addressPrefix.indexOf('/') + 1));
    return (1L << (32 - bits)) - 5 - ipsInUse;
  }

  private static String idOf(JsonNode ref) {
    return ref.hasNonNull("id") ? ref.get("id").asText() : null;
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    for (JsonNode item : array) {
      JsonNode value = item.has("properties") && item.path("properties").has(field)
          ? item.path("properties").path(field) : item.path(field);
      out.add(value.asText(item.path("name").asText()));
    }
    return List.copyOf(out);
  }
}
