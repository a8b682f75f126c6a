package io.amlnet.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The objects of a rendered chart, parsed, to look up by kind and name. */
record Rendered(String yaml, List<JsonNode> objects) {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** `helm template RELEASE helm/amlnet --namespace NAMESPACE ARGS...`. */
  static Rendered chart(String release, String namespace, String... args) {
    List<String> command = new ArrayList<>(List.of("template", release, Tools.CHART.toString(), "--namespace",
        namespace));
    command.addAll(List.of(args));
    return parse(Tools.helmOffline(command.toArray(String[]::new)).ok().out());
  }

  static Rendered parse(String yaml) {
    try {
      List<JsonNode> objects = new ArrayList<>();
      for (JsonNode doc : YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll()) {
        if (doc != null && doc.has("kind")) {
          objects.add(doc);
        }
      }
      return new Rendered(yaml, objects);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<JsonNode> ofKind(String kind) {
    return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
  }

  Optional<JsonNode> find(String kind, String name) {
    return ofKind(kind).stream().filter(o -> name.equals(o.at("/metadata/name").asText())).findFirst();
  }

  JsonNode get(String kind, String name) {
    return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in\n" + yaml));
  }
}
