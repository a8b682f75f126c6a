package io.amlnet.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One ARM request amlnet would make; the body is ARM's own JSON for the resource type. */
public record ArmWrite(String method, String id, String apiVersion, ObjectNode body) {

  public static ArmWrite put(String id, String apiVersion, ObjectNode body) {
    return new ArmWrite("PUT", id, apiVersion, body);
  }

  /** A DELETE of an object amlnet owns and the spec no longer declares (no body). */
  public static ArmWrite delete(String id, String apiVersion) {
    return new ArmWrite("DELETE", id, apiVersion, null);
  }

  public boolean isDelete() {
    return method.equals("DELETE");
  }

  /** The resource type as ARM spells it, e.g. Microsoft.Network/networkSecurityGroups/securityRules. */
  public String resourceType() {
    String[] parts = id.split("/");
    int providers = java.util.Arrays.asList(parts).lastIndexOf("providers");
    StringBuilder type = new StringBuilder(parts[providers + 1]);
    for (int i = providers + 2; i < parts.length; i += 2) {
      type.append('/').append(parts[i]);
    }
    return type.toString();
  }
}
