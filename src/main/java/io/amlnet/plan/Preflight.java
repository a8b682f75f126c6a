package io.amlnet.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlnet.api.ForcedTunneling;
import io.amlnet.api.TrainingComputeSpec.ComputeKind;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The prerequisites of the document checked before anything touches Azure. Blocking findings stop
 * the apply; warnings are reported and the apply goes on. A fact that was not given is assumed
 * to be fine and listed in assumedFacts, so a plan made without facts says what it did not check.
 */
final class Preflight {
  static final String JOIN_VNET = "Microsoft.Network/virtualNetworks/join/action";
  static final String JOIN_SUBNET = "Microsoft.Network/virtualNetworks/subnets/join/action";
  static final String PUBLIC_IP_TYPE = "Microsoft.Network/publicIPAddresses";

  private final PlanInput input;
  private final AzureIds ids;
  private final List<Finding> findings;
  private final List<String> assumed;

  private Preflight(PlanInput input, AzureIds ids, List<Finding> findings, List<String> assumed) {
    this.input = input;
    this.ids = ids;
    this.findings = findings;
    this.assumed = assumed;
  }

  static void check(PlanInput input, AzureIds ids, Optional<SubnetFacts> subnet, List<Finding> findings,
      List<String> assumed) {
    Preflight preflight = new Preflight(input, ids, findings, assumed);
    preflight.targetsExist(subnet);
    preflight.sameSubscriptionAndRegion();
    subnet.ifPresentOrElse(preflight::subnetChecks, () -> {
      if (input.facts().resource(ids.virtualNetwork()).isEmpty()) {
        assumed.add("subnet " + ids.subnet() + ": exists with room for the computes, no delegation and"
            + " no service endpoint policy (R2, R5, R6); no subnet facts were given");
      }
    });
    preflight.locksAndPolicies();
    preflight.storageInTheSameVnet();
    preflight.joinPermissions();
    preflight.computes();
  }

  /**
   * What the environment points at must exist: a 404 read from ARM is a fact, and writing NSGs, route
   * tables or NAT gateways for a subnet that is not there would only leave objects to clean up.
   */
  private void targetsExist(Optional<SubnetFacts> subnet) {
    if (input.facts().isAbsent(ids.workspace())) {
      findings.add(Finding.blocking("R1", "workspace " + ids.workspace() + " does not exist")
          .withCode("WorkspaceNotFound"));
    }
    if (input.facts().isAbsent(ids.virtualNetwork())) {
      findings.add(Finding.blocking("R1", "virtual network " + ids.virtualNetwork() + " does not exist")
          .withCode("VirtualNetworkNotFound"));
    } else if (subnet.isEmpty() && input.facts().resource(ids.virtualNetwork()).isPresent()) {
      findings.add(Finding.blocking("R2", "virtual network " + input.spec().network().virtualNetwork()
          + " has no subnet " + input.spec().network().subnet()).withCode("SubnetNotFound"));
    }
    if (input.spec().effectiveNetworkSecurity().effectiveMode() == io.amlnet.api.NetworkSecurity.NsgMode.Existing
        && input.facts().isAbsent(ids.networkSecurityGroup())) {
      findings.add(Finding.blocking("R9", "network security group " + ids.networkSecurityGroup()
          + " named in networkSecurity (mode Existing) does not exist").withCode("NetworkSecurityGroupNotFound"));
    }
  }

  /** R1: the VNet in the workspace's subscription and region. */
  private void sameSubscriptionAndRegion() {
    String region = input.spec().workspace().region();
    Optional<JsonNode> workspace = input.facts().resource(ids.workspace());
    workspace.ifPresentOrElse(ws -> {
      if (!ws.path("location").asText(region).equalsIgnoreCase(region)) {
        findings.add(Finding.blocking("R1", "workspace " + input.spec().workspace().name() + " is in "
            + ws.path("location").asText() + ", not in spec.workspace.region " + region));
      }
    }, () -> assumed.add("workspace " + ids.workspace() + ": exists in " + region + " (R1)"));
    input.facts().resource(ids.virtualNetwork()).ifPresentOrElse(vnet -> {
      String vnetRegion = vnet.path("location").asText();
      String workspaceRegion = workspace.map(ws -> ws.path("location").asText(region)).orElse(region);
      if (!vnetRegion.equalsIgnoreCase(workspaceRegion)) {
        findings.add(Finding.blocking("R1", "virtual network " + input.spec().network().virtualNetwork()
            + " is in " + vnetRegion + " but the workspace is in " + workspaceRegion
            + "; they must share subscription and region"));
      }
    }, () -> assumed.add("virtual network " + ids.virtualNetwork() + ": exists in " + region + " (R1)"));
  }

  private void subnetChecks(SubnetFacts subnet) {
    long needed = input.computes().stream().mapToLong(c -> switch (c.spec().kind()) {
      case AmlCompute -> c.spec().amlCompute().maxNodes();
      case ComputeInstance -> 1;
      default -> 0;
    }).sum();
    if (subnet.addressPrefix() != null && subnet.usableAddresses() < needed) {
      findings.add(Finding.blocking("R2", "subnet " + subnet.addressPrefix() + " has " + subnet.usableAddresses()
          + " unassigned addresses (less Azure's 5 reserved and " + subnet.ipsInUse() + " in use) but the computes"
          + " need " + needed + "; a cluster would be only partly allocated"));
    }
    if (!subnet.delegations().isEmpty()) {
      findings.add(Finding.blocking("R5", "subnet is delegated to " + String.join(", ", subnet.delegations())
          + "; AML compute needs a subnet that is not delegated to another service"));
    }
    if (!subnet.serviceEndpointPolicies().isEmpty()) {
      findings.add(Finding.blocking("R6", "subnet has service endpoint policies (" + subnet.serviceEndpointPolicies()
          .size() + "); they do not work for the compute's system storage accounts"));
    }
  }

  /** R3: locks break compute deletion (and a read-only lock, creation); a public-IP deny breaks creation. */
  private void locksAndPolicies() {
    for (AzureFacts.ResourceLock lock : input.facts().locksCovering(ids.networkResourceGroup())) {
      if (lock.level().equalsIgnoreCase("ReadOnly")) {
        findings.add(Finding.blocking("R3", "read-only lock " + lock.id() + " stops AML from creating the NSG,"
            + " public IP and load balancer of each compute in " + ids.networkResourceGroup()));
      } else {
        findings.add(Finding.warning("R3", "lock " + lock.id() + " (" + lock.level() + ") on the VNet's resource"
            + " group will make compute deletion fail until it is removed"));
      }
    }
    List<AzureFacts.DenyPolicy> denyPublicIp = input.facts().denyPoliciesCovering(ids.networkResourceGroup(),
        PUBLIC_IP_TYPE);
    if (denyPublicIp.isEmpty()) {
      return;
    }
    for (PlanInput.BoundCompute compute : input.computes()) {
      if (compute.spec().kind().isCreatedByAml() && compute.spec().hasNodePublicIp()) {
        findings.add(Finding.blocking("R3", "policy " + denyPublicIp.get(0).id() + " denies public IPs, so AML"
            + " cannot create compute " + compute.name() + " with node public IPs; set enableNodePublicIp: false")
            .about(compute.name()));
      }
    }
    if (input.spec().effectiveForcedTunneling().effectiveMode() == ForcedTunneling.TunnelingMode.NatGateway) {
      findings.add(Finding.blocking("R15", "policy " + denyPublicIp.get(0).id() + " denies public IPs, and the"
          + " NAT gateway needs one; use UserDefinedRoutes or exempt the resource group"));
    }
  }

  /** R4: storage accounts secured to VNets must admit this VNet. */
  private void storageInTheSameVnet() {
    Optional<JsonNode> workspace = input.facts().resource(ids.workspace());
    if (workspace.isEmpty()) {
      assumed.add("workspace storage: not secured in a VNet, or secured in this one (R4)");
      return;
    }
    String account = workspace.get().path("properties").path("storageAccount").asText("");
    Optional<JsonNode> storage = account.isEmpty() ? Optional.empty() : input.facts().resource(account);
    if (storage.isEmpty()) {
      assumed.add("workspace storage " + account + ": not secured in a VNet, or secured in this one (R4)");
      return;
    }
    JsonNode acls = storage.get().path("properties").path("networkAcls");
    if (!acls.path("defaultAction").asText("Allow").equalsIgnoreCase("Deny")) {
      return;
    }
    String vnetPrefix = ids.virtualNetwork().toLowerCase(Locale.ROOT) + "/subnets/";
    boolean sameVnet = false;
    for (JsonNode rule : acls.path("virtualNetworkRules")) {
      sameVnet |= rule.path("id").asText().toLowerCase(Locale.ROOT).startsWith(vnetPrefix);
    }
    if (!sameVnet) {
      findings.add(Finding.blocking("R4", "storage account " + account + " is secured in a virtual network"
          + " but admits no subnet of " + input.spec().network().virtualNetwork()
          + "; it must be in the same VNet as the compute"));
    }
  }

  /** R7: the identity amlnet runs as may join the VNet and the subnet. */
  private void joinPermissions() {
    Optional<List<AzureFacts.Permission>> permissions = input.facts().permissionsAt(ids.virtualNetwork())
        .or(() -> input.facts().permissionsAt(ids.subnet()));
    if (permissions.isEmpty()) {
      assumed.add("the operator's identity may join the VNet and subnet (R7); its permissions were not read");
      return;
    }
    for (String action : List.of(JOIN_VNET, JOIN_SUBNET)) {
      if (permissions.get().stream().noneMatch(p -> p.allows(action))) {
        findings.add(Finding.blocking("R7", "the operator's identity lacks " + action + " on "
            + (action.equals(JOIN_VNET) ? "the virtual network" : "the subnet")));
      }
    }
  }

  private void computes() {
    for (PlanInput.BoundCompute compute : input.computes()) {
      switch (compute.spec().kind()) {
        case ComputeInstance -> computeInstanceStaysInItsSubnet(compute);
        case VirtualMachine, HDInsight -> ubuntuOnly(compute);
        case Databricks -> databricksPlacement(compute);
        default -> { }
      }
    }
  }

  /** R8: an existing instance cannot be moved into (or between) subnets. */
  private void computeInstanceStaysInItsSubnet(PlanInput.BoundCompute compute) {
    input.facts().resource(ids.compute(compute.computeName())).ifPresent(existing -> {
      String subnet = existing.path("properties").path("properties").path("subnet").path("id").asText("");
      if (!subnet.equalsIgnoreCase(ids.subnet())) {
        findings.add(Finding.blocking("R8", "compute instance " + compute.computeName() + " already exists "
            + (subnet.isEmpty() ? "outside any VNet" : "in " + subnet) + "; an instance cannot be moved into a"
            + " subnet: delete it, or give the TrainingCompute another computeName").about(compute.name()));
      }
    });
  }

  /** R20: AML supports only Ubuntu VMs; HDInsight clusters must run on Linux (Ubuntu). */
  private void ubuntuOnly(PlanInput.BoundCompute compute) {
    String id = compute.spec().attach().resourceId();
    Optional<JsonNode> resource = input.facts().resource(id);
    if (resource.isEmpty()) {
      assumed.add(compute.spec().kind() + " " + id + ": runs Ubuntu (R20)");
      return;
    }
    JsonNode p = resource.get().path("properties");
    boolean ubuntu;
    String seen;
    if (compute.spec().kind() == ComputeKind.HDInsight) {
      seen = "osType " + p.path("osType").asText("unknown");
      ubuntu = p.path("osType").asText().equalsIgnoreCase("Linux");
    } else {
      JsonNode image = p.path("storageProfile").path("imageReference");
      seen = "image " + image.path("publisher").asText("?") + "/" + image.path("offer").asText("?");
      ubuntu = image.path("offer").asText().toLowerCase(Locale.ROOT).contains("ubuntu")
          || image.path("publisher").asText().equalsIgnoreCase("Canonical");
    }
    if (!ubuntu) {
      findings.add(Finding.blocking("R20", compute.spec().kind() + " " + id + " has " + seen
          + "; Azure Machine Learning supports only Ubuntu").about(compute.name()));
    }
  }

  /** R19: Databricks in the same subscription and region, with its two subnets beside default. */
  private void databricksPlacement(PlanInput.BoundCompute compute) {
    String id = compute.spec().attach().resourceId();
    if (!id.toLowerCase(Locale.ROOT).startsWith(ids.subscription().toLowerCase(Locale.ROOT) + "/")) {
      findings.add(Finding.blocking("R19", "Databricks workspace " + id + " is not in subscription "
          + input.spec().subscriptionId()).about(compute.name()));
    }
    input.facts().resource(id).ifPresent(dbw -> {
      if (!dbw.path("location").asText().equalsIgnoreCase(input.spec().workspace().region())) {
        findings.add(Finding.blocking("R19", "Databricks workspace " + id + " is in " + dbw.path("location")
            .asText() + ", not in the workspace's region " + input.spec().workspace().region()).about(compute.name()));
      }
    });
    input.facts().resource(ids.virtualNetwork()).ifPresentOrElse(vnet -> {
      Set<String> subnets = new TreeSet<>();
      vnet.path("properties").path("subnets").forEach(s -> subnets.add(s.path("name").asText()));
      for (String required : List.of("databricks-private", "databricks-public", "default")) {
        if (!subnets.contains(required)) {
          findings.add(Finding.blocking("R19", "virtual network " + input.spec().network().virtualNetwork()
              + " has no subnet " + required + "; Databricks needs databricks-private, databricks-public"
              + " and default").about(compute.name()));
        }
      }
    }, () -> assumed.add("virtual network has the databricks-private, databricks-public and default subnets (R19)"));
  }
}
