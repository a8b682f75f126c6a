package io.amlnet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * A compute in the environment's subnet: created by amlnet (AmlCompute R17, ComputeInstance R18) or
 * an existing resource attached to the workspace (Databricks R19, VirtualMachine and HDInsight R20).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.kind != 'AmlCompute' || has(self.amlCompute)",
    message = "amlCompute is required when kind is AmlCompute")
@ValidationRule(value = "self.kind != 'ComputeInstance' || has(self.computeInstance)",
    message = "computeInstance is required when kind is ComputeInstance")
@ValidationRule(value = "!(self.kind in ['VirtualMachine', 'HDInsight', 'Databricks']) || has(self.attach)",
    message = "attach is required when kind is VirtualMachine, HDInsight or Databricks")
@ValidationRule(
    value = "!(self.kind in ['VirtualMachine', 'HDInsight', 'Databricks']) || !has(self.attach) || has(self.attach.credentialsSecret)",
    message = "attach.credentialsSecret is required when kind is VirtualMachine, HDInsight or Databricks: AML needs"
        + " the VM's or cluster's SSH login, or a Databricks access token, to attach it")
// ARM compares IDs case-insensitively; ApiGroup.RESOURCE_ID has made the ID ASCII, so lowerAscii is exact.
@ValidationRule(
    value = "!has(self.attach) || (self.kind == 'VirtualMachine' && self.attach.resourceId.lowerAscii().matches('^/subscriptions/[^/]+/resourcegroups/[^/]+/providers/microsoft[.]compute/virtualmachines/[^/]+$'))"
        + " || (self.kind == 'HDInsight' && self.attach.resourceId.lowerAscii().matches('^/subscriptions/[^/]+/resourcegroups/[^/]+/providers/microsoft[.]hdinsight/clusters/[^/]+$'))"
        + " || (self.kind == 'Databricks' && self.attach.resourceId.lowerAscii().matches('^/subscriptions/[^/]+/resourcegroups/[^/]+/providers/microsoft[.]databricks/workspaces/[^/]+$'))",
    message = "attach.resourceId must be a Microsoft.Compute/virtualMachines, Microsoft.HDInsight/clusters or"
        + " Microsoft.Databricks/workspaces ID matching kind")
@ValidationRule(value = "self.kind == oldSelf.kind", message = "kind is immutable")
@ValidationRule(
    value = "!(self.kind in ['AmlCompute', 'ComputeInstance']) || self.environmentRef == oldSelf.environmentRef",
    message = "environmentRef is immutable for AmlCompute and ComputeInstance: Azure cannot move a compute to another subnet (R8)")
@ValidationRule(
    value = "!(self.kind in ['AmlCompute', 'ComputeInstance']) || self.enableNodePublicIp == oldSelf.enableNodePublicIp",
    message = "enableNodePublicIp is immutable: Azure cannot change it on an existing compute")
public record TrainingComputeSpec(
    @Required @Pattern("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$") @Size(max = 63)
    @JsonPropertyDescription("Name of the TrainingEnvironment (same namespace) whose subnet holds the compute.")
    String environmentRef,
    @Required @JsonPropertyDescription("AmlCompute, ComputeInstance, VirtualMachine, HDInsight or Databricks.")
    ComputeKind kind,
    @Pattern(ApiGroup.COMPUTE_NAME) @Size(max = 24)
    @JsonPropertyDescription("Name of the compute in the workspace; default: metadata.name.")
    String computeName,
    @io.fabric8.generator.annotation.Default("true")
    @JsonPropertyDescription("false: the nodes get no public IP, so no inbound rules from Azure are needed.")
    Boolean enableNodePublicIp,
    AmlComputeSpec amlCompute,
    ComputeInstanceSpec computeInstance,
    AttachedCompute attach) {

  public boolean hasNodePublicIp() {
    return !Boolean.FALSE.equals(enableNodePublicIp);
  }

  public enum ComputeKind {
    AmlCompute, ComputeInstance, VirtualMachine, HDInsight, Databricks;

    /** Computes AML creates in the subnet itself (and that carry an NSG, public IP and LB, R3). */
    public boolean isCreatedByAml() {
      return this == AmlCompute || this == ComputeInstance;
    }
  }
}
