package io.amlnet.plan;

import io.amlnet.api.ForcedTunneling.TunnelingMode;
import io.amlnet.api.NetworkSecurity.NsgMode;
import io.amlnet.api.TrainingEnvironmentSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * spec + facts -> plan: the pure core of amlnet. It reads no clock, file or network, so the same
 * input always gives the same plan, and `amlnet plan` shows exactly what the operator would write.
 */
public final class EnvironmentPlanner {
  private final RegionPairs regionPairs;

  public EnvironmentPlanner(RegionPairs regionPairs) {
    this.regionPairs = regionPairs;
  }

  public Plan plan(PlanInput input) {
    TrainingEnvironmentSpec spec = input.spec();
    AzureIds ids = AzureIds.of(input.namespace(), input.name(), spec);
    String owner = ResourceNames.owner(input.namespace(), input.name());
    String location = spec.workspace().region();
    List<Finding> findings = new ArrayList<>();
    List<String> assumed = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    if (input.facts().serviceTags() == null) {
      assumed.add("no service-tag list: regional tag names follow the documented <Tag>.<Region> spelling");
    }
    ServiceTagNames tags = new ServiceTagNames(input.facts().serviceTags(), assumed, findings);
    Optional<SubnetFacts> subnet = input.facts().subnet(ids.subnet());

    Preflight.check(input, ids, subnet, findings, assumed);
    ComputeInputChecks.check(input, ids, findings);
    List<SecurityRule> rules = SecurityRulePlanner.plan(input, tags, notes, findings);
    NetworkSecurityChecks.check(input, ids, rules, findings);
    TunnelingMode tunneling = spec.effectiveForcedTunneling().effectiveMode();
    List<Route> routes = tunneling == TunnelingMode.UserDefinedRoutes
        ? RoutePlanner.plan(input, regionPairs, tags, findings) : List.of();
    if (tunneling == TunnelingMode.UserDefinedRoutes) {
      findings.add(Finding.warning("R16", "forced tunnelling: the on-premises appliance must still allow"
          + " storage traffic to <account>.blob|queue|table.core.windows.net; amlnet cannot configure it"));
    }

    List<ArmWrite> writes = new ArrayList<>();
    List<String> declaredRules = new ArrayList<>();
    boolean managedNsg = spec.effectiveNetworkSecurity().effectiveMode() == NsgMode.Managed;
    if (managedNsg) {
      writes.add(ArmWrite.put(ids.networkSecurityGroup(), ArmBodies.NETWORK_API_VERSION,
          ArmBodies.networkSecurityGroup(location, owner, rules)));
    } else {
      for (SecurityRule rule : rules) {
        String ruleId = ids.networkSecurityGroup() + "/securityRules/" + rule.name();
        declaredRules.add(ruleId);
        writes.add(ArmWrite.put(ruleId, ArmBodies.NETWORK_API_VERSION, ArmBodies.securityRule(rule, owner)));
      }
    }
    if (tunneling == TunnelingMode.NatGateway) {
      writes.add(ArmWrite.put(ids.publicIpAddress(), ArmBodies.NETWORK_API_VERSION,
          ArmBodies.natPublicIp(location, owner)));
      writes.add(ArmWrite.put(ids.natGateway(), ArmBodies.NETWORK_API_VERSION, ArmBodies.natGateway(location,
          owner, ids.publicIpAddress(), spec.effectiveForcedTunneling().effectiveIdleTimeoutMinutes())));
    }
    if (tunneling == TunnelingMode.UserDefinedRoutes) {
      writes.add(ArmWrite.put(ids.routeTable(), ArmBodies.NETWORK_API_VERSION,
          ArmBodies.routeTable(location, owner, routes)));
    }
    SubnetAssociations associations = SubnetOwnership.plan(ids, owner, managedNsg, tunneling, subnet,
        input.facts(), findings);
    subnetWrite(ids, subnet, associations).ifPresent(writes::add);
    String publicIp = tunneling == TunnelingMode.NatGateway ? ids.publicIpAddress() : null;
    writes.addAll(Removals.plan(input.facts(), owner, Removals.keys(java.util.Arrays.asList(
        managedNsg ? ids.networkSecurityGroup() : null, associations.routeTableId(), associations.natGatewayId(),
        publicIp)), Removals.keys(declaredRules)));
    for (PlanInput.BoundCompute compute : input.computes()) {
      writes.add(ComputePlanner.write(ids, location, owner, compute));
    }

    String changeNumber = input.facts().serviceTags() == null ? null : input.facts().serviceTags().changeNumber();
    DesiredNetwork network = new DesiredNetwork(rules, routes, changeNumber,
        managedNsg ? ids.networkSecurityGroup() : null,
        associations.routeTableId(), associations.natGatewayId(), publicIp, ids.subnet(), associations);
    return new Plan(List.copyOf(writes), List.copyOf(findings), List.copyOf(assumed), List.copyOf(notes), network);
  }

  /**
   * The subnet PUT, when its associations differ from what the plan needs (or were never read), or
   * when it is in provisioningState Failed: Microsoft's remedy for a Failed network resource is to put
   * it again as it is.
   */
  private static Optional<ArmWrite> subnetWrite(AzureIds ids, Optional<SubnetFacts> current,
      SubnetAssociations associations) {
    boolean failed = current.map(s -> s.armBody().path("properties").path("provisioningState").asText("")
        .equals("Failed")).orElse(false);
    if (current.isPresent() && !failed && associations.differences(current.get().armBody()).isEmpty()) {
      return Optional.empty();
    }
    if (current.isEmpty() && associations.networkSecurityGroupId() == null && associations.routeTableId() == null
        && associations.natGatewayId() == null) {
      return Optional.empty();
    }
    return Optional.of(ArmWrite.put(ids.subnet(), ArmBodies.NETWORK_API_VERSION,
        associations.applyTo(current.map(SubnetFacts::armBody).orElse(null),
            current.map(SubnetFacts::addressPrefix).orElse(null))));
  }
}
