package io.amlnet.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlnet.plan.ArmBodies;

/**
 * Whether an Azure object is amlnet's to change: tracked resources carry the owner tag, and rules
 * inside someone else's NSG (which have no tags) carry the owner in their description.
 */
public final class Ownership {
  private Ownership() {}

  public static boolean ownedBy(JsonNode resource, String owner) {
    JsonNode tag = resource.path("tags").path(ArmBodies.OWNER_TAG);
    if (!tag.isMissingNode()) {
      return tag.asText().equals(owner);
    }
    return resource.path("properties").path("description").asText("").startsWith("amlnet " + owner + " ");
  }

  /** A NameCollision error: an object of someone else's stands where amlnet would write. */
  public static ArmException collision(String id, String owner) {
    return new ArmException(409, "NameCollision", id + " exists and is not owned by " + owner
        + "; amlnet never changes objects it does not own");
  }
}
