package io.amlnet.plan;

import io.amlnet.api.NetworkSecurity;
import io.amlnet.api.Outbound;
import io.amlnet.api.TrainingComputeSpec.ComputeKind;
import io.amlnet.plan.SecurityRule.Access;
import io.amlnet.plan.SecurityRule.Direction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The NSG rules of "Required ports" and "Restricted outbound" (R9-R14) and of attached VMs and
 * HDInsight clusters (R20). Names are fixed per purpose and priorities sit in one band of 100:
 * inbound and outbound both start at the band's base; deny-Internet takes the band's last slot so
 * every allow rule wins over it.
 */
final class SecurityRulePlanner {
  static final String BATCH = "BatchNodeManagement";
  static final String AML = "AzureMachineLearning";
  static final String STORAGE = "Storage";
  static final String ACR = "AzureContainerRegistry";

  private SecurityRulePlanner() {}

  static List<SecurityRule> plan(PlanInput input, ServiceTagNames tags, List<String> notes, List<Finding> findings) {
    NetworkSecurity nsg = input.spec().effectiveNetworkSecurity();
    int base = nsg.effectivePriorityBase();
    String region = input.spec().workspace().region();
    List<SecurityRule> rules = new ArrayList<>();

    if (input.allComputesWithoutPublicIp()) {
      notes.add("R9, R10: inbound rules from BatchNodeManagement and AzureMachineLearning are left out:"
          + " every compute bound to this environment has enableNodePublicIp=false, and no-public-IP"
          + " computes take no inbound connections from Azure (Microsoft's newer guidance)");
    } else {
      rules.add(inbound("amlnet-in-batchnodemanagement", base, "Tcp", tags.global(BATCH, "R9"), "29876-29877",
          "R9", "Azure Batch scheduler and node communication"));
      rules.add(inbound("amlnet-in-azuremachinelearning", base + 10, "Tcp", tags.global(AML, "R10"), "44224",
          "R10", "Azure Machine Learning to applications on compute instances"));
    }
    if (input.spec().effectiveSsh().allowsSsh()) {
      rules.add(inbound("amlnet-in-ssh", base + 20, "Tcp", input.spec().effectiveSsh().effectiveSource(), "22",
          "R11", "SSH for remote login, asked for in spec.ssh"));
    } else {
      warnAboutRemoteLoginWithoutSsh(input, findings);
    }
    int slot = 0;
    for (int port : attachedSshPorts(input, findings)) {
      // R20 spells this rule out: source AzureMachineLearning, any source port, any protocol, allow.
      rules.add(inbound("amlnet-in-ssh-azuremachinelearning" + (slot == 0 ? "" : "-" + port), base + 30 + slot,
          "*", tags.global(AML, "R20"), String.valueOf(port), "R20",
          "Azure Machine Learning to SSH on attached VMs and HDInsight clusters"));
      slot++;
    }

    rules.add(outbound("amlnet-out-virtualnetwork", base, Access.Allow, "VirtualNetwork", "R12",
        "any port to the virtual network"));
    Outbound outbound = input.spec().effectiveOutbound();
    if (outbound.effectiveMode() == Outbound.OutboundMode.Restricted) {
      int priority = base + 10;
      for (AllowedTag allowed : restrictedDestinations(input, outbound, region, tags)) {
        rules.add(outbound("amlnet-out-" + allowed.tag().toLowerCase().replace('.', '-'), priority++, Access.Allow,
            allowed.destination(), allowed.requirement(), "restricted outbound allows this service tag"));
      }
      rules.add(outbound("amlnet-out-deny-internet", base + NetworkSecurity.BAND_WIDTH - 1, Access.Deny, "Internet",
          "R13", "restricted outbound: everything else to the Internet is denied"));
    } else {
      notes.add("R12: outbound to the Internet stays open through the NSG's default rule AllowInternetOutBound");
    }
    return List.copyOf(rules);
  }

  /**
   * An outbound allow rule's destination: the tag as the document names it (which names the rule,
   * so a region in ARM's spelling never leaks into a rule name) and as ARM spells it.
   */
  private record AllowedTag(String tag, String destination, String requirement) {}

  /** The tags restricted outbound allows, in a fixed order, each once. */
  private static List<AllowedTag> restrictedDestinations(
      PlanInput input, Outbound outbound, String region, ServiceTagNames tags) {
    Map<String, AllowedTag> allowed = new LinkedHashMap<>();
    allowed.put(STORAGE, new AllowedTag(STORAGE, tags.regional(STORAGE, region, "R13"), "R13"));
    allowed.put(ACR, new AllowedTag(ACR, tags.regional(ACR, region, "R13"), "R13"));
    for (String global : List.of(AML, "AzureResourceManager", "AzureActiveDirectory")) {
      allowed.put(global, new AllowedTag(global, tags.global(global, "R13"), "R13"));
    }
    if (outbound.usesMicrosoftDefaultImages()) {
      for (String global : List.of("MicrosoftContainerRegistry", "AzureFrontDoor.FirstParty")) {
        allowed.put(global, new AllowedTag(global, tags.global(global, "R14"), "R14"));
      }
    }
    if (input.allComputesWithoutPublicIp()) {
      // No-public-IP nodes reach the Batch service outbound instead of being called inbound.
      allowed.putIfAbsent(BATCH, new AllowedTag(BATCH, tags.regional(BATCH, region, "R9"), "R9"));
    }
    return List.copyOf(allowed.values());
  }

  private static void warnAboutRemoteLoginWithoutSsh(PlanInput input, List<Finding> findings) {
    for (PlanInput.BoundCompute compute : input.computes()) {
      boolean wantsSsh = compute.spec().amlCompute() != null && compute.spec().amlCompute().remoteLoginEnabled()
          || compute.spec().computeInstance() != null && compute.spec().computeInstance().sshEnabled();
      if (wantsSsh && compute.spec().hasNodePublicIp()) {
        findings.add(Finding.warning("R11", "compute " + compute.name()
            + " asks for remote login, but spec.ssh.enabled is false, so inbound TCP 22 stays closed")
            .about(compute.name()));
      }
    }
  }

  /** The SSH ports of attached VMs and clusters, leaving out those preflight blocked (missing, Windows). */
  private static TreeSet<Integer> attachedSshPorts(PlanInput input, List<Finding> findings) {
    TreeSet<Integer> ports = new TreeSet<>();
    for (PlanInput.BoundCompute compute : input.computes()) {
      if (findings.stream().anyMatch(f -> f.isBlocking() && compute.name().equals(f.compute()))) {
        continue;
      }
      ComputeKind kind = compute.spec().kind();
      if ((kind == ComputeKind.VirtualMachine || kind == ComputeKind.HDInsight) && compute.spec().attach() != null) {
        ports.add(compute.spec().attach().effectiveSshPort());
      }
    }
    return ports;
  }

  private static SecurityRule inbound(String name, int priority, String protocol, String source, String ports,
      String requirement, String description) {
    return new SecurityRule(name, priority, Direction.Inbound, Access.Allow, protocol, source, "*", ports,
        requirement, description);
  }

  private static SecurityRule outbound(String name, int priority, Access access, String destination,
      String requirement, String description) {
    return new SecurityRule(name, priority, Direction.Outbound, access, "*", "*", destination, "*",
        requirement, description);
  }
}
