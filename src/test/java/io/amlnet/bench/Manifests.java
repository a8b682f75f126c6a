package io.amlnet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmarks' objects, made from the examples (so they are what users apply): an example's
 * TrainingEnvironment or TrainingCompute document renamed, put into a namespace and, for an
 * environment, moved to a benchmark subnet.
 */
final class Manifests {
  /** The varied environments of steady state, scale and faults: open, restricted, NAT and restricted-UDR. */
  static final List<String> VARIED = List.of("open-outbound", "restricted-outbound", "nat-gateway", "udr-ip-prefixes");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Manifests() {}

  /** Every document of examples/NAME.yaml. */
  static List<ObjectNode> example(String name) {
    try {
      List<JsonNode> docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(Path.of("examples", name + ".yaml")
          .toFile()).readAll();
      List<ObjectNode> out = new ArrayList<>();
      for (JsonNode d : docs) {
        if (d instanceof ObjectNode o) {
          out.add(o);
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode first(List<ObjectNode> documents, String kind) {
    return documents.stream().filter(d -> d.path("kind").asText().equals(kind)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no " + kind)).deepCopy();
  }

  /** The example's environment as {@code namespace/name} in a benchmark subnet. */
  static ObjectNode environment(String example, String namespace, String name, BenchWorld.Subnet subnet) {
    ObjectNode env = first(example(example), "TrainingEnvironment");
    place(env, namespace, name);
    ObjectNode network = (ObjectNode) env.path("spec").path("network");
    network.put("resourceGroup", BenchWorld.NETWORK_GROUP).put("virtualNetwork", subnet.virtualNetwork())
        .put("subnet", subnet.name());
    return env;
  }

  /** An AmlCompute cluster of at most 2 nodes (metadata.name is its name in the workspace). */
  static ObjectNode cluster(String namespace, String name, String environment) {
    ObjectNode tc = first(example("compute-aml-cluster"), "TrainingCompute");
    place(tc, namespace, name);
    ObjectNode spec = (ObjectNode) tc.path("spec");
    spec.remove("computeName");
    spec.put("environmentRef", environment);
    ((ObjectNode) spec.path("amlCompute")).put("minNodes", 0).put("maxNodes", 2);
    return tc;
  }

  static ObjectNode place(ObjectNode object, String namespace, String name) {
    ObjectNode metadata = object.withObjectProperty("metadata");
    metadata.put("namespace", namespace);
    if (name != null) {
      metadata.put("name", name);
    }
    return object;
  }
}
