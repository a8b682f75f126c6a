package io.amlnet.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What amlnet does to a subnet's three associations. A non-null ID is set; an ID in {@code detach}
 * is removed, but only while the subnet still points at it (it is amlnet's own object); anything
 * else (a foreign route table amlnet does not need, say) is left as it is. Applied to a fresh read
 * of the subnet, so a concurrent change by someone else is never overwritten blindly.
 */
public record SubnetAssociations(String networkSecurityGroupId, String routeTableId, String natGatewayId,
    List<String> detach) {

  private static final List<String> FIELDS = List.of("networkSecurityGroup", "routeTable", "natGateway");

  public SubnetAssociations {
    detach = List.copyOf(detach);
  }

  /** Detach every one of these IDs, set nothing: what a teardown does. */
  public static SubnetAssociations detachOnly(List<String> ids) {
    return new SubnetAssociations(null, null, null, ids);
  }

  /** Field-level differences between the subnet as ARM returned it and what this would make of it. */
  public List<String> differences(JsonNode subnet) {
    return fieldDifferences(subnet).stream().map(FieldDifference::withValues).toList();
  }

  /** The same, each association with the ID the plan wants and the one the subnet has ("none": no association). */
  public List<FieldDifference> fieldDifferences(JsonNode subnet) {
    List<FieldDifference> out = new ArrayList<>();
    JsonNode properties = subnet.path("properties");
    for (String field : FIELDS) {
      String current = properties.path(field).path("id").asText(null);
      String wanted = wanted(field, current);
      if (!Objects.equals(key(current), key(wanted))) {
        out.add(new FieldDifference("subnet." + field, wanted == null ? "none" : wanted,
            current == null ? "none" : current));
      }
    }
    return out;
  }

  /** The body of the subnet PUT: ARM's subnet with only the association fields changed. */
  public ObjectNode applyTo(ObjectNode subnet, String addressPrefix) {
    ObjectNode body = ArmBodies.subnetForPut(subnet);
    ObjectNode properties = (ObjectNode) body.get("properties");
    if (!properties.has("addressPrefix") && !properties.has("addressPrefixes") && addressPrefix != null) {
      properties.put("addressPrefix", addressPrefix);
    }
    for (String field : FIELDS) {
      String wanted = wanted(field, properties.path(field).path("id").asText(null));
      if (wanted == null) {
        properties.remove(field);
      } else {
        properties.putObject(field).put("id", wanted);
      }
    }
    return body;
  }

  private String wanted(String field, String current) {
    String set = switch (field) {
      case "networkSecurityGroup" -> networkSecurityGroupId;
      case "routeTable" -> routeTableId;
      default -> natGatewayId;
    };
    if (set != null) {
      return set;
    }
    boolean ours = current != null && detach.stream().anyMatch(id -> id.equalsIgnoreCase(current));
    return ours ? null : current;
  }

  private static String key(String id) {
    return id == null ? null : id.toLowerCase(Locale.ROOT);
  }
}
