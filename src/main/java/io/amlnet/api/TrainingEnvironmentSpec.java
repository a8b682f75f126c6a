package io.amlnet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** What the user declares: where the workspace and subnet are, and how the subnet is secured. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingEnvironmentSpec(
    @Required @Pattern(ApiGroup.UUID) @Size(max = 36)
    @JsonPropertyDescription("Azure subscription of the workspace and the VNet (R1).")
    String subscriptionId,
    @Required @JsonPropertyDescription("The Azure Machine Learning workspace.") Workspace workspace,
    @Required @JsonPropertyDescription("The VNet and subnet that hold the training compute.") Network network,
    @JsonPropertyDescription("The NSG that carries the documented rules (R9-R14, R20).")
    NetworkSecurity networkSecurity,
    @JsonPropertyDescription("Inbound SSH for remote login (R11); off unless asked for.") Ssh ssh,
    @JsonPropertyDescription("Outbound traffic: Open (the default) or Restricted to service tags (R12-R14).")
    Outbound outbound,
    @JsonPropertyDescription("How compute reaches Azure when 0.0.0.0/0 is forced to an appliance (R15, R16).")
    ForcedTunneling forcedTunneling,
    @JsonPropertyDescription("Credential for this environment only; default: the operator's own identity.")
    Credential credential,
    @JsonPropertyDescription("Delete (default) removes the Azure objects amlnet owns; Orphan leaves them.")
    DeletionPolicy deletionPolicy,
    @JsonPropertyDescription("Manage (default) applies the plan to Azure; Observe only reads, plans and reports"
        + " the drift (InSync, status.drift) and never writes to Azure, not even on deletion.")
    ManagementPolicy managementPolicy) {

  /** Without a management policy (Manage): the form code written before Observe existed uses. */
  public TrainingEnvironmentSpec(String subscriptionId, Workspace workspace, Network network,
      NetworkSecurity networkSecurity, Ssh ssh, Outbound outbound, ForcedTunneling forcedTunneling,
      Credential credential, DeletionPolicy deletionPolicy) {
    this(subscriptionId, workspace, network, networkSecurity, ssh, outbound, forcedTunneling, credential,
        deletionPolicy, null);
  }

  /** The same spec with another management policy. */
  public TrainingEnvironmentSpec withManagementPolicy(ManagementPolicy policy) {
    return new TrainingEnvironmentSpec(subscriptionId, workspace, network, networkSecurity, ssh, outbound,
        forcedTunneling, credential, deletionPolicy, policy);
  }

  public NetworkSecurity effectiveNetworkSecurity() {
    return networkSecurity == null ? NetworkSecurity.DEFAULT : networkSecurity;
  }

  public Ssh effectiveSsh() {
    return ssh == null ? Ssh.OFF : ssh;
  }

  public Outbound effectiveOutbound() {
    return outbound == null ? Outbound.OPEN : outbound;
  }

  public ForcedTunneling effectiveForcedTunneling() {
    return forcedTunneling == null ? ForcedTunneling.NONE : forcedTunneling;
  }

  public ManagementPolicy effectiveManagementPolicy() {
    return managementPolicy == null ? ManagementPolicy.Manage : managementPolicy;
  }

  /** Observe: amlnet makes no Azure write for this environment or its computes. */
  public boolean observeOnly() {
    return effectiveManagementPolicy() == ManagementPolicy.Observe;
  }

  public DeletionPolicy effectiveDeletionPolicy() {
    return deletionPolicy == null ? DeletionPolicy.Delete : deletionPolicy;
  }
}
