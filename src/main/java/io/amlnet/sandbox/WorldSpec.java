package io.amlnet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A world file (YAML): what exists before amlnet runs. Its top-level keys are {@code sandbox}
 * (emulator settings), {@code subscriptions} (each with locks and resourceGroups, each group with
 * locks and resources), {@code permissions} (each for the default caller or for one {@code clientId}),
 * {@code policies}, {@code serviceTags} (ARM's serviceTags response schema) and {@code entra} (the
 * tenants whose token endpoint the emulator serves, see {@link EntraId}).
 */
public final class WorldSpec {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private final JsonNode root;

  private WorldSpec(JsonNode root) {
    this.root = root == null || root.isNull() ? Json.object() : root;
  }

  public static WorldSpec load(Path file) throws IOException {
    return new WorldSpec(YAML.readTree(Files.readString(file)));
  }

  public static WorldSpec parse(String yaml) {
    try {
      return new WorldSpec(YAML.readTree(yaml));
    } catch (IOException e) {
      throw new IllegalArgumentException("invalid world YAML: " + e.getMessage(), e);
    }
  }

  public JsonNode root() {
    return root;
  }

  /** The {@code sandbox:} settings block (may be empty). */
  public JsonNode settings() {
    return root.path("sandbox");
  }

  /** Fills {@code world} (cleared first) from this spec. */
  public void seed(World world, ResourceTypes types) {
    world.clear();
    for (JsonNode sub : root.path("subscriptions")) {
      String subId = required(sub, "subscriptionId");
      world.addSubscription(subId, sub.path("displayName").asText(null));
      String subScope = "/subscriptions/" + subId;
      addLocks(world, subScope, sub.path("locks"));
      for (JsonNode group : sub.path("resourceGroups")) {
        String name = required(group, "name");
        world.addGroup(subId, name, group.path("location").asText("eastus2"));
        String groupScope = ResourceId.groupId(subId, name);
        addLocks(world, groupScope, group.path("locks"));
        for (JsonNode r : group.path("resources")) {
          ObjectNode resource = ((ObjectNode) r).deepCopy();
          String id = resourceId(groupScope, required(r, "type"), required(r, "name"));
          resource.put("id", id);
          resource.remove("locks");
          types.seed(world, resource);
          addLocks(world, id, r.path("locks"));
        }
      }
    }
    root.path("permissions").forEach(p -> world.permissions().add(((ObjectNode) p).deepCopy()));
    root.path("policies").forEach(p -> world.policies().add(((ObjectNode) p).deepCopy()));
    world.setServiceTags(root.path("serviceTags") instanceof ObjectNode t ? t.deepCopy() : Json.object());
  }

  /** {@code type} Microsoft.X/a/b with name n1/n2 becomes .../providers/Microsoft.X/a/n1/b/n2. */
  static String resourceId(String groupScope, String type, String name) {
    String[] t = type.split("/");
    String[] n = name.split("/");
    if (t.length - 1 != n.length) {
      throw new IllegalArgumentException("resource name '" + name + "' does not fit type '" + type + "'");
    }
    StringBuilder b = new StringBuilder(groupScope).append("/providers/").append(t[0]);
    for (int i = 1; i < t.length; i++) {
      b.append('/').append(t[i]).append('/').append(n[i - 1]);
    }
    return b.toString();
  }

  private static void addLocks(World world, String scope, JsonNode locks) {
    for (JsonNode l : locks) {
      String name = required(l, "name");
      String id = scope + "/providers/" + Authorization.LOCK_TYPE + "/" + name;
      world.locks().put(ResourceId.key(id),
          Authorization.newLock(id, name, l.path("level").asText("CanNotDelete"), l.path("notes").asText("")));
    }
  }

  private static String required(JsonNode node, String field) {
    String v = node.path(field).asText(null);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException("world file: '" + field + "' is required in " + node);
    }
    return v;
  }
}
