package io.amlnet.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The service-tag list as ARM's {@code locations/{region}/serviceTags} returns it. Regional tags are
 * found by their {@code systemService} and {@code region} properties, never by building a name, so
 * ARM's own spelling (e.g. {@code Storage.EastUS2}) is what lands in NSG rules and routes.
 */
public record ServiceTagList(String changeNumber, List<ServiceTag> tags) {

  /** Reads ARM's response body: {@code {changeNumber, cloud, values: [{name, properties: {...}}]}}. */
  public static ServiceTagList fromArm(JsonNode body) {
    List<ServiceTag> tags = new ArrayList<>();
    for (JsonNode value : body.path("values")) {
      JsonNode p = value.path("properties");
      List<String> prefixes = new ArrayList<>();
      p.path("addressPrefixes").forEach(prefix -> prefixes.add(prefix.asText()));
      tags.add(new ServiceTag(
          value.path("name").asText(value.path("id").asText()),
          p.path("region").asText(""),
          p.path("systemService").asText(""),
          p.path("changeNumber").asText(""),
          List.copyOf(prefixes)));
    }
    return new ServiceTagList(body.path("changeNumber").asText(""), List.copyOf(tags));
  }

  /** Back to ARM's shape, as {@link #fromArm} reads it: for a facts file saved from a live read. */
  public com.fasterxml.jackson.databind.node.ObjectNode toArm() {
    var json = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    json.put("changeNumber", changeNumber);
    var values = json.putArray("values");
    for (ServiceTag tag : tags) {
      var properties = values.addObject().put("name", tag.name()).put("id", tag.name()).putObject("properties");
      properties.put("changeNumber", tag.changeNumber()).put("region", tag.region())
          .put("systemService", tag.systemService());
      tag.addressPrefixes().forEach(properties.putArray("addressPrefixes")::add);
    }
    return json;
  }

  public Optional<ServiceTag> named(String name) {
    return tags.stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
  }

  /**
   * The regional tag of a global tag: same systemService, the given region. The global tag itself
   * names its systemService (Storage's is AzureStorage), so no mapping table is kept here.
   */
  public Optional<ServiceTag> regional(String globalTag, String region) {
    return named(globalTag)
        .filter(global -> !global.systemService().isEmpty())
        .flatMap(global -> tags.stream()
            .filter(t -> t.systemService().equalsIgnoreCase(global.systemService()))
            .filter(t -> t.region().equalsIgnoreCase(region))
            .findFirst());
  }
}
