package io.amlnet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlnet.azure.FactsReader;
import io.amlnet.plan.PlanInput;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The facts of every environment of a run read from ARM by the operator's own FactsReader, as one
 * facts file: what `--facts-out` saves, so `amlnet plan --facts` reproduces the same plan offline.
 */
final class LiveFacts {
  private LiveFacts() {}

  static ObjectNode read(FactsReader reader, List<PlanInput> inputs) {
    ObjectNode merged = JsonNodeFactory.instance.objectNode();
    for (PlanInput input : inputs) {
      merge(merged, reader.readAsFactsFile(input.namespace(), input.name(), input.spec(), input.computes()));
    }
    return merged;
  }

  /** Sections of resources are joined by ID, absent IDs and permissions by scope; service tags by name. */
  static void merge(ObjectNode into, ObjectNode facts) {
    facts.fields().forEachRemaining(section -> {
      JsonNode value = section.getValue();
      String name = section.getKey();
      if (name.equals("serviceTags")) {
        mergeServiceTags(into, value);
      } else if (value.isArray()) {
        ArrayNode target = into.withArray(name);
        Set<String> seen = new HashSet<>();
        target.forEach(item -> seen.add(key(item)));
        value.forEach(item -> {
          if (seen.add(key(item))) {
            target.add(item);
          }
        });
      } else if (value.isObject()) {
        into.with(name).setAll((ObjectNode) value);
      }
    });
  }

  /** Environments of several regions: one list holding every region's tags (a tag is looked up by region). */
  private static void mergeServiceTags(ObjectNode into, JsonNode tags) {
    if (!into.has("serviceTags")) {
      into.set("serviceTags", tags.deepCopy());
      return;
    }
    ArrayNode values = (ArrayNode) into.get("serviceTags").withArray("values");
    Set<String> names = new HashSet<>();
    values.forEach(v -> names.add(v.path("name").asText().toLowerCase(Locale.ROOT)));
    tags.path("values").forEach(v -> {
      if (names.add(v.path("name").asText().toLowerCase(Locale.ROOT))) {
        values.add(v);
      }
    });
  }

  private static String key(JsonNode item) {
    return (item.isTextual() ? item.asText() : item.path("id").asText(item.toString())).toLowerCase(Locale.ROOT);
  }
}
