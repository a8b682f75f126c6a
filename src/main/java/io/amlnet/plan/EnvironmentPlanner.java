package io.amlnet.plan;

import io.amlnet.api.ForcedTunneling.TunnelingMode;
import io.amlnet.api.NetworkSecurity.NsgMode;
import io.amlnet.api.TrainingEnvironmentSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
    boolean managedNsg = spec.effectiveNetworkSecurity().effectiveMode() == NsgMode.Managed;
    if (managedNsg) {
      writes.add(ArmWrite.put(ids.networkSecurityGroup(), ArmBodies.NETWORK_API_VERSION,
          ArmBodies.networkSecurityGroup(location, owner, rules)));
    } else {
      for (SecurityRule rule : rules) {
        writes.add(ArmWrite.put(ids.networkSecurityGroup() + "/securityRules/" + rule.name(),
            ArmBodies.NETWORK_API_VERSION, ArmBodies.securityRule(rule, owner)));
      }
      subnet.filter(s -> !ids.networkSecurityGroup().equalsIgnoreCase(Objects.toString(s.networkSecurityGroupId(), "")))
          .ifPresent(s -> findings.add(Finding.blocking("R9", "the subnet is associated with "
              + (s.networkSecurityGroupId() == null ? "no NSG" : s.networkSecurityGroupId()) + ", not with "
              + ids.networkSecurityGroup() + ", so amlnet's rules in it would not apply")));
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
    SubnetAssociations associations = new SubnetAssociations(managedNsg ? ids.networkSecurityGroup() : null,
        tunneling == TunnelingMode.UserDefinedRoutes ? ids.routeTable() : null,
        tunneling == TunnelingMode.NatGateway ? ids.natGateway() : null);
    associations.write(ids, subnet, findings).ifPresent(writes::add);
    for (PlanInput.BoundCompute compute : input.computes()) {
      writes.add(ComputePlanner.write(ids, location, owner, compute));
    }

    String changeNumber = input.facts().serviceTags() == null ? null : input.facts().serviceTags().changeNumber();
    DesiredNetwork network = new DesiredNetwork(rules, routes, changeNumber,
        managedNsg ? ids.networkSecurityGroup() : null,
        associations.routeTableId(), associations.natGatewayId(),
        tunneling == TunnelingMode.NatGateway ? ids.publicIpAddress() : null, ids.subnet());
    return new Plan(List.copyOf(writes), List.copyOf(findings), List.copyOf(assumed), List.copyOf(notes), network);
  }

  /** The associations amlnet sets on the subnet; null means "leave what is there". */
  private record SubnetAssociations(String networkSecurityGroupId, String routeTableId, String natGatewayId) {

    Optional<ArmWrite> write(AzureIds ids, Optional<SubnetFacts> current, List<Finding> findings) {
      if (current.isPresent()) {
        SubnetFacts s = current.get();
        warnOnReplace("R9", "NSG", s.networkSecurityGroupId(), networkSecurityGroupId, findings);
        warnOnReplace("R16", "route table", s.routeTableId(), routeTableId, findings);
        warnOnReplace("R15", "NAT gateway", s.natGatewayId(), natGatewayId, findings);
        if (same(s.networkSecurityGroupId(), networkSecurityGroupId) && same(s.routeTableId(), routeTableId)
            && same(s.natGatewayId(), natGatewayId)) {
          return Optional.empty();
        }
      }
      if (networkSecurityGroupId == null && routeTableId == null && natGatewayId == null) {
        return Optional.empty();
      }
      return Optional.of(ArmWrite.put(ids.subnet(), ArmBodies.NETWORK_API_VERSION,
          ArmBodies.subnetWithAssociations(current.map(SubnetFacts::armBody).orElse(null),
              current.map(SubnetFacts::addressPrefix).orElse(null),
              networkSecurityGroupId, routeTableId, natGatewayId)));
    }

    private static boolean same(String actual, String desired) {
      return desired == null || desired.equalsIgnoreCase(Objects.toString(actual, ""));
    }

    private static void warnOnReplace(String requirement, String what, String actual, String desired,
        List<Finding> findings) {
      if (actual != null && desired != null && !actual.equalsIgnoreCase(desired)) {
        findings.add(Finding.warning(requirement, "the subnet's " + what + " " + actual
            + " will be replaced by amlnet's " + desired));
      }
    }
  }
}
