package io.amlnet.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlnet.plan.OwnerMark;

/** Whether an Azure object is amlnet's to change (see {@link OwnerMark}), and the error when it is not. */
public final class Ownership {
  private Ownership() {}

  public static boolean ownedBy(JsonNode resource, String owner) {
    return OwnerMark.ownedBy(resource, owner);
  }

  /** A NameCollision error: an object of someone else's stands where amlnet would write. */
  public static ArmException collision(String id, String owner) {
    return new ArmException(409, "NameCollision", id + " exists and is not owned by " + owner
        + "; amlnet never changes objects it does not own");
  }
}
