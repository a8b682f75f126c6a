package io.amlnet.azure;

import java.util.Locale;
import java.util.Optional;

/**
 * Which ARM resources go through the typed network SDK: NSGs and their security rules, route tables
 * and their routes, NAT gateways and public IPs. Everything else (subnets, VNets, ML, storage,
 * authorization, policy) stays on the raw pipeline; see {@link ArmClient}.
 */
public final class NetworkSdkTypes {
  /** The SDK's operation groups amlnet uses, by ARM type. */
  public enum Kind {
    NETWORK_SECURITY_GROUP("networkSecurityGroups", null),
    SECURITY_RULE("networkSecurityGroups", "securityRules"),
    ROUTE_TABLE("routeTables", null),
    ROUTE("routeTables", "routes"),
    NAT_GATEWAY("natGateways", null),
    PUBLIC_IP_ADDRESS("publicIPAddresses", null);

    private final String type;
    private final String childType;

    Kind(String type, String childType) {
      this.type = type;
      this.childType = childType;
    }
  }

  /** One SDK-served resource, as the SDK's methods name it. {@code child} is null for a top-level one. */
  public record Target(String subscription, String resourceGroup, Kind kind, String name, String child) {}

  private NetworkSdkTypes() {}

  /**
   * The SDK target an ARM ID addresses ({@code /subscriptions/s/resourceGroups/g/providers/Microsoft.Network/t/n[/c/m]}),
   * or empty when it is not one of the SDK's.
   */
  public static Optional<Target> of(String id) {
    String[] s = id.replaceAll("^/+|/+$", "").split("/");
    if ((s.length != 8 && s.length != 10) || !s[0].equalsIgnoreCase("subscriptions")
        || !s[2].equalsIgnoreCase("resourceGroups") || !s[4].equalsIgnoreCase("providers")
        || !s[5].toLowerCase(Locale.ROOT).equals("microsoft.network")) {
      return Optional.empty();
    }
    String childType = s.length == 10 ? s[8] : null;
    for (Kind kind : Kind.values()) {
      boolean childMatches = kind.childType == null ? childType == null
          : childType != null && kind.childType.equalsIgnoreCase(childType);
      if (kind.type.equalsIgnoreCase(s[6]) && childMatches) {
        return Optional.of(new Target(s[1], s[3], kind, s[7], childType == null ? null : s[9]));
      }
    }
    return Optional.empty();
  }
}
