package io.amlnet.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * How amlnet marks what it owns: tracked resources carry the owner tag, and rules inside someone
 * else's NSG (which have no tags) start their description with "amlnet OWNER ".
 */
public final class OwnerMark {
  private OwnerMark() {}

  public static boolean ownedBy(JsonNode resource, String owner) {
    return ownerOf(resource).filter(owner::equals).isPresent()
        || resource.path("tags").path(ArmBodies.OWNER_TAG).isMissingNode()
            && resource.path("properties").path("description").asText("").startsWith("amlnet " + owner + " ");
  }

  /** The owner named by the tag, if the resource carries one: another environment's object says whose it is. */
  public static Optional<String> ownerOf(JsonNode resource) {
    JsonNode tag = resource.path("tags").path(ArmBodies.OWNER_TAG);
    return tag.isMissingNode() || tag.isNull() ? Optional.empty() : Optional.of(tag.asText());
  }

  /** An NSG that someone else owns but that holds rules of this owner: amlnet used it in Existing mode. */
  public static boolean holdsRulesOf(JsonNode networkSecurityGroup, String owner) {
    for (JsonNode rule : networkSecurityGroup.path("properties").path("securityRules")) {
      if (ownedBy(rule, owner)) {
        return true;
      }
    }
    return false;
  }
}
