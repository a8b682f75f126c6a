package io.amlnet.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;

/**
 * Everything amlnet knows of Azure before it plans, mostly as ARM returned it: ARM JSON of VNets,
 * workspaces, storage accounts, VMs, HDInsight and Databricks resources and existing computes, the
 * caller's permissions per scope, resource locks, deny policies and the service-tag list.
 * {@code fromJson} reads the facts file of {@code amlnet plan --facts} (see examples/facts.json).
 * {@code absent} holds the IDs that were read and found missing: a fact, unlike an ID nobody read,
 * which the planner can only assume.
 */
public record AzureFacts(
    ServiceTagList serviceTags,
    Map<String, JsonNode> resources,
    Map<String, List<Permission>> permissions,
    List<ResourceLock> locks,
    List<DenyPolicy> denyPolicies,
    Set<String> absent) {

  public static final AzureFacts NONE = new AzureFacts(null, Map.of(), Map.of(), List.of(), List.of(), Set.of());

  /** A caller's permission entry as ARM's {@code Microsoft.Authorization/permissions} lists it. */
  public record Permission(List<String> actions, List<String> notActions) {
    boolean allows(String action) {
      return actions.stream().anyMatch(a -> matches(a, action))
          && notActions.stream().noneMatch(a -> matches(a, action));
    }

    private static boolean matches(String pattern, String action) {
      // ARM action patterns use '*' as the only wildcard and compare case-insensitively.
      String regex = ("\\Q" + pattern + "\\E").replace("*", "\\E.*\\Q");
      return java.util.regex.Pattern.compile(regex, java.util.regex.Pattern.CASE_INSENSITIVE).matcher(action).matches();
    }
  }

  /** A management lock; it applies to its scope and everything below it. */
  public record ResourceLock(String id, String level) {
    public String scope() {
      int at = id.toLowerCase(Locale.ROOT).indexOf("/providers/microsoft.authorization/locks/");
      return at < 0 ? id : id.substring(0, at);
    }
  }

  /** A policy assignment whose effect denies creating a resource type in a scope (e.g. public IPs, R3). */
  public record DenyPolicy(String id, String scope, String resourceType) {}

  public static AzureFacts fromJson(JsonNode facts) {
    Map<String, JsonNode> resources = new HashMap<>();
    for (String section : List.of("virtualNetworks", "workspaces", "storageAccounts", "resources", "computes",
        "networkObjects")) {
      for (JsonNode resource : facts.path(section)) {
        resources.put(key(resource.path("id").asText()), resource);
      }
    }
    Map<String, List<Permission>> permissions = new HashMap<>();
    facts.path("permissions").fields().forEachRemaining(scope -> {
      List<Permission> list = new ArrayList<>();
      for (JsonNode p : scope.getValue().has("value") ? scope.getValue().get("value") : scope.getValue()) {
        list.add(new Permission(texts(p.path("actions")), texts(p.path("notActions"))));
      }
      permissions.put(key(scope.getKey()), List.copyOf(list));
    });
    List<ResourceLock> locks = new ArrayList<>();
    for (JsonNode lock : facts.path("locks")) {
      locks.add(new ResourceLock(lock.path("id").asText(), lock.path("properties").path("level").asText()));
    }
    List<DenyPolicy> policies = new ArrayList<>();
    for (JsonNode policy : facts.path("denyPolicies")) {
      policies.add(new DenyPolicy(policy.path("id").asText(), policy.path("scope").asText(),
          policy.path("resourceType").asText()));
    }
    Set<String> absent = new HashSet<>();
    facts.path("absent").forEach(id -> absent.add(key(id.asText())));
    ServiceTagList tags = facts.has("serviceTags") ? ServiceTagList.fromArm(facts.get("serviceTags")) : null;
    return new AzureFacts(tags, Map.copyOf(resources), Map.copyOf(permissions), List.copyOf(locks),
        List.copyOf(policies), Set.copyOf(absent));
  }

  /** The same facts with another service-tag list. */
  public AzureFacts withServiceTags(ServiceTagList tags) {
    return new AzureFacts(tags, resources, permissions, locks, denyPolicies, absent);
  }

  /** The ID was read and ARM said it does not exist (404). */
  public boolean isAbsent(String id) {
    return absent.contains(key(id));
  }

  /** An ARM resource by ID (IDs compare case-insensitively, as ARM does). */
  public Optional<JsonNode> resource(String id) {
    return Optional.ofNullable(resources.get(key(id)));
  }


  /** A subnet, found inside its VNet's ARM JSON. */
  public Optional<SubnetFacts> subnet(String subnetId) {
    String vnetId = subnetId.substring(0, subnetId.toLowerCase(Locale.ROOT).indexOf("/subnets/"));
    return resource(vnetId).flatMap(vnet -> {
      for (JsonNode subnet : vnet.path("properties").path("subnets")) {
        if (key(subnet.path("id").asText()).equals(key(subnetId))) {
          return Optional.of(SubnetFacts.fromArm(subnet));
        }
      }
      return Optional.empty();
    });
  }

  /** The caller's permissions at a scope, if they were read. */
  public Optional<List<Permission>> permissionsAt(String scope) {
    return Optional.ofNullable(permissions.get(key(scope)));
  }

  /** Locks on the scope or any scope above it. */
  public List<ResourceLock> locksCovering(String id) {
    return locks.stream().filter(l -> key(id).startsWith(key(l.scope()))).toList();
  }

  public List<DenyPolicy> denyPoliciesCovering(String id, String resourceType) {
    return denyPolicies.stream()
        .filter(p -> key(id).startsWith(key(p.scope())))
        .filter(p -> p.resourceType().equalsIgnoreCase(resourceType))
        .toList();
  }

  private static String key(String id) {
    return id.toLowerCase(Locale.ROOT);
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return List.copyOf(out);
  }
}
