package io.amlnet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** What ARM accepts as an address prefix in NSG rules and routes: an IP, a CIDR, {@code *} or a service tag. */
public final class AddressPrefixes {
  private static final Pattern IPV4 = Pattern.compile(
      "^((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)(/(3[0-2]|[12]?\\d))?$");
  private static final Pattern IPV6 = Pattern.compile("^[0-9a-fA-F:]*:[0-9a-fA-F:.]*(/(12[0-8]|1[01]\\d|[1-9]?\\d))?$");
  /** Tags every NSG knows even when the service-tag list does not name them. */
  private static final Set<String> BUILT_IN = Set.of("virtualnetwork", "azureloadbalancer", "internet");

  private AddressPrefixes() {}

  public static boolean isIpOrCidr(String s) {
    return IPV4.matcher(s).matches() || IPV6.matcher(s).matches();
  }

  public static boolean isServiceTag(World world, String s) {
    String key = s.toLowerCase(Locale.ROOT);
    if (BUILT_IN.contains(key)) {
      return true;
    }
    for (JsonNode tag : world.serviceTags().path("values")) {
      if (tag.path("name").asText().equalsIgnoreCase(s)) {
        return true;
      }
    }
    return false;
  }

  /** Valid in an NSG rule: {@code *}, an IP or CIDR, or a service tag. */
  public static boolean validForRule(World world, String s) {
    return s.equals("*") || isIpOrCidr(s) || isServiceTag(world, s);
  }

  /** Valid as a route's addressPrefix: a CIDR or a service tag. */
  public static boolean validForRoute(World world, String s) {
    return isIpOrCidr(s) || isServiceTag(world, s);
  }
}
