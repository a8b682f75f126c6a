package io.amlnet.azure;

import java.util.Locale;

/** What an ARM write is for, named as the Reconciling reason says it: WaitingFor + purpose. */
public final class OperationPurpose {
  public static final String SUBNET = "Subnet";
  public static final String VIRTUAL_NETWORK = "VirtualNetwork";
  public static final String COMPUTE = "Compute";

  private OperationPurpose() {}

  /** By ARM type; a child (security rule, route) is for its parent. */
  public static String of(String resourceType) {
    String t = resourceType.toLowerCase(Locale.ROOT);
    if (t.startsWith("microsoft.network/networksecuritygroups")) {
      return "NetworkSecurityGroup";
    } else if (t.startsWith("microsoft.network/routetables")) {
      return "RouteTable";
    } else if (t.startsWith("microsoft.network/publicipaddresses")) {
      return "PublicIpAddress";
    } else if (t.startsWith("microsoft.network/natgateways")) {
      return "NatGateway";
    } else if (t.startsWith("microsoft.network/virtualnetworks/subnets")) {
      return SUBNET;
    } else if (t.startsWith("microsoft.machinelearningservices")) {
      return COMPUTE;
    }
    return "AzureOperation";
  }

  /** True for a provisioningState that says an operation on the resource is still running. */
  public static boolean inFlight(com.fasterxml.jackson.databind.JsonNode resource) {
    String state = resource.path("properties").path("provisioningState").asText("Succeeded");
    return state.equals("Updating") || state.equals("Creating") || state.equals("Deleting")
        || state.equals("Accepted") || state.equals("Provisioning") || state.equals("Resizing");
  }
}
