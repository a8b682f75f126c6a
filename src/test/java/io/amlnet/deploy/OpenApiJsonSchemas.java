package io.amlnet.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * kubeconform's JSON schemas for built-in kinds, made from the API server's own OpenAPI v2 document
 * (the published schema registry is not reachable offline), in kubeconform's standalone-strict
 * layout {@code <kind><KindSuffix>.json} (deployment-apps-v1.json): each file holds the kind's
 * definition and every definition it references. As kubeconform's own schemas do, int-or-string
 * fields take a string or an integer, quantities a string or a number, and objects that list their
 * properties reject others.
 */
final class OpenApiJsonSchemas {
  static final String LOCATION = "{{ .ResourceKind }}{{ .KindSuffix }}.json";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";

  private OpenApiJsonSchemas() {}

  /** Writes a schema for each "apiVersion kind" in {@code kinds} that the OpenAPI document defines; returns them. */
  static Set<String> write(String openApiV2, Set<String> kinds, Path dir) throws IOException {
    ObjectNode definitions = (ObjectNode) JSON.readTree(openApiV2).get("definitions").deepCopy();
    definitions.forEach(OpenApiJsonSchemas::adapt);
    definitions.set(QUANTITY, oneOf("string", "number"));
    Set<String> written = new TreeSet<>();
    for (Iterator<String> names = definitions.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      for (JsonNode gvk : definitions.get(name).path("x-kubernetes-group-version-kind")) {
        String group = gvk.path("group").asText();
        String apiVersion = (group.isEmpty() ? "" : group + "/") + gvk.path("version").asText();
        String kind = gvk.path("kind").asText();
        if (kinds.contains(apiVersion + " " + kind)) {
          ObjectNode schema = JsonNodeFactory.instance.objectNode().put("$ref", "#/definitions/" + name);
          schema.set("definitions", reachable(definitions, name));
          Files.createDirectories(dir);
          JSON.writeValue(dir.resolve(kind.toLowerCase() + kindSuffix(apiVersion) + ".json").toFile(), schema);
          written.add(apiVersion + " " + kind);
        }
      }
    }
    return written;
  }

  /** kubeconform's KindSuffix: -v1 for v1, -apps-v1 for apps/v1, -rbac-v1 for rbac.authorization.k8s.io/v1. */
  static String kindSuffix(String apiVersion) {
    String[] parts = apiVersion.split("/");
    String suffix = "-" + parts[0].split("\\.")[0].toLowerCase();
    return parts.length > 1 ? suffix + "-" + parts[1].toLowerCase() : suffix;
  }

  private static ObjectNode reachable(ObjectNode definitions, String root) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    Deque<String> todo = new ArrayDeque<>(Set.of(root));
    while (!todo.isEmpty()) {
      String name = todo.pop();
      if (!out.has(name) && definitions.has(name)) {
        out.set(name, definitions.get(name));
        definitions.get(name).findValuesAsText("$ref").forEach(ref -> todo.push(ref.replace("#/definitions/", "")));
      }
    }
    return out;
  }

  /** Walks a schema by its structure (properties, items, additionalProperties), never by key names. */
  private static void adapt(JsonNode node) {
    if (!(node instanceof ObjectNode schema) || schema.has("$ref")) {
      return;
    }
    if ("int-or-string".equals(schema.path("format").asText())) {
      schema.remove("type");
      schema.remove("format");
      schema.setAll(oneOf("string", "integer"));
    }
    if (schema.has("properties")) {
      schema.get("properties").forEach(OpenApiJsonSchemas::adapt);
      if (!schema.has("additionalProperties")) {
        schema.put("additionalProperties", false);
      }
    }
    adapt(schema.get("items"));
    adapt(schema.get("additionalProperties"));
  }

  private static ObjectNode oneOf(String first, String second) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.putArray("oneOf").addObject().put("type", first);
    ((com.fasterxml.jackson.databind.node.ArrayNode) node.get("oneOf")).addObject().put("type", second);
    return node;
  }
}
