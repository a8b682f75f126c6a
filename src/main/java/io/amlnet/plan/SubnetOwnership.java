package io.amlnet.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlnet.api.ForcedTunneling.TunnelingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One owner per subnet: decides, from what the subnet is associated with now, which associations
 * amlnet sets, which of its own it detaches, and when it must stop instead. Another environment's
 * object on the subnet is SubnetClaimed; a foreign object amlnet would have to replace is
 * SubnetHas...; amlnet never replaces either silently.
 */
final class SubnetOwnership {
  private enum Holder { OURS, ANOTHER_ENVIRONMENT, FOREIGN, GONE, UNREAD }

  private final AzureIds ids;
  private final String owner;
  private final AzureFacts facts;
  private final List<Finding> findings;

  private SubnetOwnership(AzureIds ids, String owner, AzureFacts facts, List<Finding> findings) {
    this.ids = ids;
    this.owner = owner;
    this.facts = facts;
    this.findings = findings;
  }

  static SubnetAssociations plan(AzureIds ids, String owner, boolean managedNsg, TunnelingMode tunneling,
      Optional<SubnetFacts> subnet, AzureFacts facts, List<Finding> findings) {
    String routeTable = tunneling == TunnelingMode.UserDefinedRoutes ? ids.routeTable() : null;
    String natGateway = tunneling == TunnelingMode.NatGateway ? ids.natGateway() : null;
    if (subnet.isEmpty()) {
      return new SubnetAssociations(managedNsg ? ids.networkSecurityGroup() : null, routeTable, natGateway, List.of());
    }
    SubnetOwnership ownership = new SubnetOwnership(ids, owner, facts, findings);
    List<String> detach = new ArrayList<>();
    String nsg = ownership.networkSecurityGroup(subnet.get().networkSecurityGroupId(), managedNsg, detach);
    ownership.optional("R16", "route table", "RouteTable", subnet.get().routeTableId(), routeTable, detach);
    ownership.optional("R15", "NAT gateway", "NatGateway", subnet.get().natGatewayId(), natGateway, detach);
    return new SubnetAssociations(nsg, routeTable, natGateway, detach);
  }

  /** The NSG to set: amlnet's own (Managed), or the named one (Existing) once the subnet is free of others. */
  private String networkSecurityGroup(String current, boolean managedNsg, List<String> detach) {
    String wanted = ids.networkSecurityGroup();
    if (current == null || current.equalsIgnoreCase(wanted)) {
      if (current == null && !managedNsg) {
        findings.add(Finding.blocking("R9", "the subnet is associated with no NSG, not with " + wanted
            + ", so amlnet's rules in it would not apply"));
      }
      return managedNsg ? wanted : null;
    }
    switch (holder(current)) {
      case OURS -> {
        // amlnet's own earlier NSG (Managed before, or the NSG it used in Existing mode): replace it.
        detach.add(current);
        return wanted;
      }
      case ANOTHER_ENVIRONMENT -> claimed("R9", "NSG", current);
      case GONE -> {
        if (managedNsg) {
          return wanted;
        }
        notTheExistingNsg(current);
      }
      case UNREAD -> {
        if (managedNsg) {
          findings.add(Finding.warning("R9", "the subnet's NSG " + current + " will be replaced by amlnet's " + wanted));
          return wanted;
        }
        notTheExistingNsg(current);
      }
      default -> {
        if (managedNsg) {
          findings.add(Finding.blocking("R9", "the subnet is associated with network security group " + current
              + ", which amlnet does not own, and amlnet never replaces it silently: adopt it with"
              + " networkSecurity.mode: Existing and networkSecurity.name: " + name(current)
              + " (and networkSecurity.resourceGroup), or remove that association first").withCode("SubnetHasForeignNsg"));
        } else {
          notTheExistingNsg(current);
        }
      }
    }
    return managedNsg ? wanted : null;
  }

  private void notTheExistingNsg(String current) {
    findings.add(Finding.blocking("R9", "the subnet is associated with " + current + ", not with "
        + ids.networkSecurityGroup() + ", so amlnet's rules in it would not apply"));
  }

  /** A route table or NAT gateway: set when the spec asks for one, detached when it was amlnet's. */
  private void optional(String requirement, String what, String codeSuffix, String current, String wanted,
      List<String> detach) {
    if (current == null || current.equalsIgnoreCase(wanted == null ? "" : wanted)) {
      return;
    }
    switch (holder(current)) {
      case OURS -> detach.add(current);
      case ANOTHER_ENVIRONMENT -> claimed(requirement, what, current);
      case GONE -> { }
      default -> {
        if (wanted != null) {
          findings.add(Finding.blocking(requirement, "the subnet is associated with " + what + " " + current
              + ", which amlnet does not own, and amlnet never replaces it silently: remove that association (or"
              + " choose another forcedTunneling mode) before amlnet attaches its own").withCode("SubnetHasForeign" + codeSuffix));
        } else {
          findings.add(Finding.warning(requirement, "the subnet uses " + what + " " + current + ", which amlnet"
              + " does not manage; if it forces 0.0.0.0/0 to an appliance, set spec.forcedTunneling"));
        }
      }
    }
  }

  private void claimed(String requirement, String what, String current) {
    String other = facts.resource(current).flatMap(OwnerMark::ownerOf).orElse("another environment");
    findings.add(Finding.blocking(requirement, "the subnet is already associated with " + what + " " + current
        + " of TrainingEnvironment " + other + "; a subnet has one owner: point this environment at another"
        + " subnet, or delete " + other + " first").withCode("SubnetClaimed"));
  }

  private Holder holder(String id) {
    if (facts.isAbsent(id)) {
      return Holder.GONE;
    }
    Optional<JsonNode> body = facts.resource(id);
    if (body.isEmpty()) {
      return Holder.UNREAD;
    }
    Optional<String> tagged = OwnerMark.ownerOf(body.get());
    if (tagged.isPresent()) {
      return tagged.get().equals(owner) ? Holder.OURS : Holder.ANOTHER_ENVIRONMENT;
    }
    return OwnerMark.holdsRulesOf(body.get(), owner) ? Holder.OURS : Holder.FOREIGN;
  }

  private static String name(String id) {
    return id.substring(id.lastIndexOf('/') + 1);
  }
}
