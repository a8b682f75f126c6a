package io.amlnet.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The compute properties Azure cannot change in place (R8, R17): changing them would need a new
 * compute, so amlnet stops and names the field instead of writing.
 */
public final class ImmutableFields {
  private static final Map<String, List<String>> BY_COMPUTE_TYPE = Map.of(
      "AmlCompute", List.of("vmSize", "vmPriority", "subnet.id", "enableNodePublicIp"),
      "ComputeInstance", List.of("vmSize", "subnet.id", "enableNodePublicIp"));

  private ImmutableFields() {}

  /** Fields of {@code desired} that differ from the existing compute's and cannot change in place. */
  public static List<String> changed(JsonNode desired, JsonNode existing) {
    String type = desired.path("properties").path("computeType").asText();
    List<String> changed = new ArrayList<>();
    for (String field : BY_COMPUTE_TYPE.getOrDefault(type, List.of())) {
      JsonNode want = at(desired, field);
      JsonNode have = at(existing, field);
      if (!want.isMissingNode() && !have.isMissingNode() && !want.asText().equalsIgnoreCase(have.asText())) {
        changed.add(field);
      }
    }
    return changed;
  }

  private static JsonNode at(JsonNode compute, String field) {
    JsonNode node = compute.path("properties").path("properties");
    for (String part : field.split("\\.")) {
      node = node.path(part);
    }
    return node;
  }
}
