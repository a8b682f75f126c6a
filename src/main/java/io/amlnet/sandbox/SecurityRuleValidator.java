package io.amlnet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Network RP's checks on an NSG's securityRules: enums, priority 100-4096 unique per direction,
 * address prefixes (service tags allowed), port ranges, and at most 1,000 rules.
 */
public final class SecurityRuleValidator {
  public static final int MAX_RULES = 1000;
  private static final Set<String> PROTOCOLS = Set.of("Tcp", "Udp", "Icmp", "Esp", "Ah", "*");
  private static final Set<String> ACCESS = Set.of("Allow", "Deny");
  private static final Set<String> DIRECTIONS = Set.of("Inbound", "Outbound");
  private static final Pattern PORTS = Pattern.compile("^\\*$|^(\\d{1,5})(-(\\d{1,5}))?$");

  private SecurityRuleValidator() {}

  public static void validate(World world, JsonNode rules) {
    if (rules.size() > MAX_RULES) {
      throw ArmError.badRequest("SecurityRulesLimitReached",
          "Network security group has " + rules.size() + " security rules; at most " + MAX_RULES + " are allowed.");
    }
    Map<String, String> byPriority = new HashMap<>();
    for (JsonNode rule : rules) {
      String name = rule.path("name").asText();
      JsonNode p = rule.path("properties");
      requireOneOf(name, "protocol", p, PROTOCOLS);
      requireOneOf(name, "access", p, ACCESS);
      requireOneOf(name, "direction", p, DIRECTIONS);
      int priority = p.path("priority").asInt(-1);
      if (!p.path("priority").isNumber() || priority < 100 || priority > 4096) {
        throw ArmError.badRequest("SecurityRuleInvalidPriority",
            "Security rule " + name + " has invalid Priority " + p.path("priority")
                + ". Value provided: " + p.path("priority") + " Allowed range 100-4096.");
      }
      String key = p.path("direction").asText() + "/" + priority;
      String other = byPriority.putIfAbsent(key, name);
      if (other != null) {
        throw ArmError.badRequest("SecurityRuleConflict",
            "Security rule " + other + " conflicts with rule " + name
                + ". Rules cannot have the same Priority and Direction. To learn more, see aka.ms/nsgrules.");
      }
      for (String side : new String[] {"source", "destination"}) {
        checkPrefixes(world, name, side, p);
        checkPorts(name, side, p);
      }
    }
  }

  private static void requireOneOf(String rule, String field, JsonNode p, Set<String> allowed) {
    String v = p.path(field).asText(null);
    if (v == null || !allowed.contains(v)) {
      throw ArmError.badRequest("SecurityRuleParameterContainsUnsupportedValue",
          "Security rule " + rule + " has invalid " + field + " '" + v + "'. Allowed values: " + allowed + ".");
    }
  }

  private static void checkPrefixes(World world, String rule, String side, JsonNode p) {
    JsonNode one = p.get(side + "AddressPrefix");
    JsonNode many = p.get(side + "AddressPrefixes");
    boolean hasOne = one != null && !one.asText().isEmpty();
    boolean hasMany = many != null && many.size() > 0;
    boolean hasAsg = p.path(side + "ApplicationSecurityGroups").size() > 0;
    if (!hasOne && !hasMany && !hasAsg) {
      throw ArmError.badRequest("SecurityRuleParameterContainsUnsupportedValue",
          "Security rule " + rule + " must specify " + side + "AddressPrefix or " + side + "AddressPrefixes.");
    }
    if (hasOne) {
      requirePrefix(world, rule, one.asText());
    }
    if (hasMany) {
      many.forEach(m -> requirePrefix(world, rule, m.asText()));
    }
  }

  private static void requirePrefix(World world, String rule, String prefix) {
    if (!AddressPrefixes.validForRule(world, prefix)) {
      throw ArmError.badRequest("SecurityRuleInvalidAddressPrefix",
          "Security rule " + rule + " has invalid Address prefix. Value provided: " + prefix);
    }
  }

  private static void checkPorts(String rule, String side, JsonNode p) {
    JsonNode one = p.get(side + "PortRange");
    JsonNode many = p.get(side + "PortRanges");
    if (one != null && !one.asText().isEmpty()) {
      requirePorts(rule, one.asText());
    }
    if (many != null) {
      many.forEach(m -> requirePorts(rule, m.asText()));
    }
  }

  private static void requirePorts(String rule, String range) {
    Matcher m = PORTS.matcher(range);
    boolean ok = m.matches() && (range.equals("*") || inRange(m.group(1)) && (m.group(3) == null
        || inRange(m.group(3)) && Integer.parseInt(m.group(1)) <= Integer.parseInt(m.group(3))));
    if (!ok) {
      throw ArmError.badRequest("SecurityRuleInvalidPortRange",
          "Security rule " + rule + " has invalid Port range. Value provided: " + range
              + ". Value should be an integer OR integer range with '-' delimiter. Valid range 0-65535.");
    }
  }

  private static boolean inRange(String s) {
    int v = Integer.parseInt(s);
    return v >= 0 && v <= 65535;
  }
}
