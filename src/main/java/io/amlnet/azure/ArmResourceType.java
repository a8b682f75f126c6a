package io.amlnet.azure;

import java.util.ArrayList;
import java.util.List;

/**
 * The resource type a request URL addresses, as ARM spells types
 * ({@code Microsoft.Network/networkSecurityGroups/securityRules}): the last provider namespace
 * followed by every type segment after it, names left out. A bounded label for metrics.
 */
public final class ArmResourceType {
  private ArmResourceType() {}

  public static String of(String path) {
    String[] segments = path.replaceAll("^/+|/+$", "").split("/");
    int providers = -1;
    for (int i = 0; i < segments.length; i++) {
      if (segments[i].equalsIgnoreCase("providers")) {
        providers = i;
      }
    }
    if (providers < 0 || providers + 1 >= segments.length) {
      // /subscriptions/{id}[/resourceGroups/{name}]: ARM's own Microsoft.Resources types
      return segments.length >= 3 ? "Microsoft.Resources/resourceGroups"
          : segments[0].isEmpty() ? "unknown" : "Microsoft.Resources/subscriptions";
    }
    List<String> type = new ArrayList<>(List.of(segments[providers + 1]));
    for (int i = providers + 2; i < segments.length; i += 2) {
      type.add(segments[i]);
    }
    return String.join("/", type);
  }
}
