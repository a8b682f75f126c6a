package io.amlnet.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The other half of convergence: every object amlnet owns that the spec no longer declares is
 * deleted, and so is every amlnet rule in someone else's NSG that the plan does not contain (SSH
 * turned off, outbound mode or priorities changed, a compute removed). Deletes run after the subnet
 * write, NAT gateway before its public IP, because ARM refuses to delete what is still in use.
 */
public final class Removals {
  private static final List<String> DELETE_ORDER = List.of("microsoft.network/natgateways",
      "microsoft.network/publicipaddresses", "microsoft.network/routetables", "microsoft.network/networksecuritygroups");

  private Removals() {}

  /**
   * @param declared the IDs of the objects the plan keeps (NSG, route table, NAT gateway, public IP)
   * @param declaredRules the rule IDs the plan writes inside an NSG amlnet does not own
   */
  static List<ArmWrite> plan(AzureFacts facts, String owner, Set<String> declared, Set<String> declaredRules) {
    List<ArmWrite> rules = new ArrayList<>();
    List<ArmWrite> objects = new ArrayList<>();
    for (JsonNode resource : facts.resources().values()) {
      String id = resource.path("id").asText();
      String type = typeOf(id);
      if (!DELETE_ORDER.contains(type)) {
        continue;
      }
      boolean tagged = OwnerMark.ownerOf(resource).isPresent();
      if (tagged && OwnerMark.ownedBy(resource, owner) && !contains(declared, id)) {
        objects.add(ArmWrite.delete(id, ArmBodies.NETWORK_API_VERSION));
      } else if (!tagged && type.equals("microsoft.network/networksecuritygroups")) {
        for (JsonNode rule : resource.path("properties").path("securityRules")) {
          String ruleId = id + "/securityRules/" + rule.path("name").asText();
          if (OwnerMark.ownedBy(rule, owner) && !contains(declaredRules, ruleId)) {
            rules.add(ArmWrite.delete(ruleId, ArmBodies.NETWORK_API_VERSION));
          }
        }
      }
    }
    objects.sort(Comparator.comparing((ArmWrite w) -> DELETE_ORDER.indexOf(typeOf(w.id()))).thenComparing(ArmWrite::id));
    rules.sort(Comparator.comparing(ArmWrite::id));
    List<ArmWrite> all = new ArrayList<>(rules);
    all.addAll(objects);
    return all;
  }

  /** A teardown: every object and rule of the owner that the facts hold, in the order ARM allows. */
  public static List<ArmWrite> everythingOwnedBy(AzureFacts facts, String owner) {
    return plan(facts, owner, Set.of(), Set.of());
  }

  static Set<String> keys(List<String> ids) {
    Set<String> out = new TreeSet<>();
    ids.stream().filter(java.util.Objects::nonNull).forEach(id -> out.add(id.toLowerCase(Locale.ROOT)));
    return out;
  }

  private static boolean contains(Set<String> keys, String id) {
    return keys.contains(id.toLowerCase(Locale.ROOT));
  }

  private static String typeOf(String id) {
    String[] parts = id.toLowerCase(Locale.ROOT).split("/");
    int providers = java.util.Arrays.asList(parts).lastIndexOf("providers");
    return providers < 0 || providers + 2 >= parts.length ? "" : parts[providers + 1] + "/" + parts[providers + 2];
  }
}
