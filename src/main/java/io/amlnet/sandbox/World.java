package io.amlnet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The emulated Azure state: subscriptions, resource groups, resources (by id, case-insensitive),
 * locks, policies, permissions and the service-tag list. A plain store: rules live in handlers.
 * Callers serialize access (the server runs each request under the world's monitor).
 */
public final class World {
  private final Map<String, ObjectNode> subscriptions = new LinkedHashMap<>();
  private final Map<String, ObjectNode> groups = new LinkedHashMap<>();
  private final Map<String, ObjectNode> resources = new LinkedHashMap<>();
  private final Map<String, ObjectNode> locks = new LinkedHashMap<>();
  private final List<ObjectNode> policies = new ArrayList<>();
  private final List<ObjectNode> permissions = new ArrayList<>();
  private final Map<String, ObjectNode> computeCredentials = new LinkedHashMap<>();
  private ObjectNode serviceTags = Json.object();

  /** Empties the world (before seeding it again). */
  public void clear() {
    subscriptions.clear();
    groups.clear();
    resources.clear();
    locks.clear();
    policies.clear();
    permissions.clear();
    computeCredentials.clear();
    serviceTags = Json.object();
  }

  public static String newEtag() {
    return "W/\"" + UUID.randomUUID() + "\"";
  }

  public void addSubscription(String subscriptionId, String displayName) {
    ObjectNode s = Json.object();
    s.put("id", "/subscriptions/" + subscriptionId);
    s.put("subscriptionId", subscriptionId);
    s.put("displayName", displayName == null ? subscriptionId : displayName);
    s.put("state", "Enabled");
    subscriptions.put(subscriptionId.toLowerCase(Locale.ROOT), s);
  }

  public boolean hasSubscription(String subscriptionId) {
    return subscriptions.containsKey(subscriptionId.toLowerCase(Locale.ROOT));
  }

  public void addGroup(String subscriptionId, String name, String location) {
    ObjectNode g = Json.object();
    g.put("id", ResourceId.groupId(subscriptionId, name));
    g.put("name", name);
    g.put("type", "Microsoft.Resources/resourceGroups");
    g.put("location", location);
    Json.child(g, "properties").put("provisioningState", "Succeeded");
    groups.put(ResourceId.key(g.get("id").asText()), g);
  }

  public Optional<ObjectNode> group(String subscriptionId, String name) {
    return Optional.ofNullable(groups.get(ResourceId.key(ResourceId.groupId(subscriptionId, name))));
  }

  public Optional<ObjectNode> get(String id) {
    return Optional.ofNullable(resources.get(ResourceId.key(id)));
  }

  public void put(ObjectNode resource) {
    resources.put(ResourceId.key(resource.get("id").asText()), resource);
  }

  public void remove(String id) {
    resources.remove(ResourceId.key(id));
  }

  /** Every resource held, in no particular order. */
  public List<ObjectNode> all() {
    return new ArrayList<>(resources.values());
  }

  /** Resources of one type (case-insensitive), under a scope prefix such as a group id. */
  public List<ObjectNode> list(String scopePrefix, String type) {
    String prefix = ResourceId.key(scopePrefix) + "/";
    List<ObjectNode> out = new ArrayList<>();
    for (var e : resources.entrySet()) {
      if (e.getKey().startsWith(prefix) && e.getValue().path("type").asText().equalsIgnoreCase(type)) {
        out.add(e.getValue());
      }
    }
    return out;
  }

  /** Subnets (as {@code [vnet, subnet]} pairs) whose {@code properties.<field>.id} is {@code id}. */
  public List<ObjectNode[]> subnetsReferencing(String field, String id) {
    List<ObjectNode[]> out = new ArrayList<>();
    for (ObjectNode vnet : resources.values()) {
      if (!vnet.path("type").asText().equalsIgnoreCase("Microsoft.Network/virtualNetworks")) {
        continue;
      }
      for (JsonNode subnet : vnet.path("properties").path("subnets")) {
        if (id.equalsIgnoreCase(subnet.path("properties").path(field).path("id").asText())) {
          out.add(new ObjectNode[] {vnet, (ObjectNode) subnet});
        }
      }
    }
    return out;
  }

  public Map<String, ObjectNode> locks() {
    return locks;
  }

  public List<ObjectNode> policies() {
    return policies;
  }

  public List<ObjectNode> permissions() {
    return permissions;
  }

  /**
   * What AML keeps of each attached compute's credentials, by compute id (case-insensitive key): kept
   * apart from the resource because AML returns them only through listKeys, never on GET.
   */
  public Map<String, ObjectNode> computeCredentials() {
    return computeCredentials;
  }

  public ObjectNode serviceTags() {
    return serviceTags;
  }

  public void setServiceTags(ObjectNode tags) {
    this.serviceTags = tags;
  }
}
