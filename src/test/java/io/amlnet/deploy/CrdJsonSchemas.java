package io.amlnet.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * kubeconform's JSON schemas for amlnet's kinds, made from the CRDs' openAPIV3Schema: one file per
 * served version at {@code <dir>/<group>/<kind>_<version>.json}, which is what
 * {@link #LOCATION} names. Strict like kubectl's default field validation: an object that lists
 * its properties rejects others (the API server would drop them silently).
 */
final class CrdJsonSchemas {
  static final String LOCATION = "{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  private CrdJsonSchemas() {}

  /** Writes the schemas of every CRD in {@code crds} into {@code dir}; returns the files written. */
  static List<Path> write(Path crds, Path dir) throws IOException {
    List<Path> written = new ArrayList<>();
    try (Stream<Path> files = Files.list(crds)) {
      for (Path file : files.filter(f -> f.toString().matches(".*\\.ya?ml")).sorted().toList()) {
        JsonNode crd = YAML.readTree(file.toFile());
        String group = crd.at("/spec/group").asText();
        String kind = crd.at("/spec/names/kind").asText().toLowerCase();
        for (JsonNode version : crd.at("/spec/versions")) {
          ObjectNode schema = version.at("/schema/openAPIV3Schema").deepCopy();
          ObjectNode properties = (ObjectNode) schema.get("properties");
          properties.putObject("apiVersion").put("type", "string");
          properties.putObject("kind").put("type", "string");
          properties.putObject("metadata").put("type", "object");
          strict(schema);
          Path target = dir.resolve(group).resolve(kind + "_" + version.path("name").asText() + ".json");
          Files.createDirectories(target.getParent());
          JSON.writerWithDefaultPrettyPrinter().writeValue(target.toFile(), schema);
          written.add(target);
        }
      }
    }
    return written;
  }

  private static void strict(JsonNode node) {
    if (node instanceof ObjectNode object && object.has("properties") && !object.has("additionalProperties")
        && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
      object.put("additionalProperties", false);
    }
    node.forEach(CrdJsonSchemas::strict);
  }
}
