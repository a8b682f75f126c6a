package io.amlnet.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlnet.api.NetworkSecurity.NsgMode;
import java.util.List;
import java.util.Set;

/**
 * What ARM would refuse in amlnet's NSG rules, found before anything is written: a source that names
 * no service tag (R11), and a priority that a foreign rule in an Existing NSG already holds, which
 * ARM answers with SecurityRuleConflict after amlnet has written the rules before it.
 */
final class NetworkSecurityChecks {
  /** NSG default tags: valid sources that the service-tag list does not carry. */
  private static final Set<String> DEFAULT_TAGS = Set.of("virtualnetwork", "azureloadbalancer", "internet");

  private NetworkSecurityChecks() {}

  static void check(PlanInput input, AzureIds ids, List<SecurityRule> rules, List<Finding> findings) {
    sshSource(input, findings);
    if (input.spec().effectiveNetworkSecurity().effectiveMode() == NsgMode.Existing) {
      String owner = ResourceNames.owner(input.namespace(), input.name());
      input.facts().resource(ids.networkSecurityGroup()).ifPresent(nsg -> collisions(nsg, owner, rules, findings));
    }
  }

  private static void sshSource(PlanInput input, List<Finding> findings) {
    if (!input.spec().effectiveSsh().allowsSsh() || input.facts().serviceTags() == null) {
      return;
    }
    String source = input.spec().effectiveSsh().effectiveSource();
    boolean tagLike = Character.isLetter(source.charAt(0));
    if (tagLike && !DEFAULT_TAGS.contains(source.toLowerCase(java.util.Locale.ROOT))
        && input.facts().serviceTags().named(source).isEmpty()) {
      findings.add(Finding.blocking("R11", "spec.ssh.sourceAddressPrefix " + source + " is neither an address,"
          + " a CIDR nor a service tag of the workspace's region; ARM would refuse the SSH rule"));
    }
  }

  private static void collisions(JsonNode nsg, String owner, List<SecurityRule> rules, List<Finding> findings) {
    for (SecurityRule rule : rules) {
      for (JsonNode existing : nsg.path("properties").path("securityRules")) {
        JsonNode p = existing.path("properties");
        String name = existing.path("name").asText();
        // amlnet's own rules (a stale port's, say) are the applier's to replace, not a collision.
        boolean ours = p.path("description").asText("").startsWith("amlnet " + owner + " ");
        if (!ours && !name.equalsIgnoreCase(rule.name()) && p.path("priority").asInt(-1) == rule.priority()
            && p.path("direction").asText().equalsIgnoreCase(rule.direction().name())) {
          findings.add(Finding.blocking(rule.requirement(), "rule " + name + " of the existing NSG already holds "
              + rule.direction().name().toLowerCase(java.util.Locale.ROOT) + " priority " + rule.priority()
              + ", which amlnet's " + rule.name() + " needs; move spec.networkSecurity.priorityBase or that rule"));
        }
      }
    }
  }
}
