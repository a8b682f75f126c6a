package io.amlnet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** An AmlCompute cluster (R17). vmSize and vmPriority cannot be changed in Azure once created. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.minNodes) || self.minNodes <= self.maxNodes",
    message = "minNodes must be less than or equal to maxNodes")
// The pattern bounds each part to 6 digits; this adds them up (hours, minutes, seconds) for AML's bound.
@ValidationRule(value = "!has(self.idleTimeBeforeScaleDown)"
    + " || (self.idleTimeBeforeScaleDown.contains('H') ? int(self.idleTimeBeforeScaleDown.substring(2, self.idleTimeBeforeScaleDown.indexOf('H'))) * 3600 : 0)"
    + " + (self.idleTimeBeforeScaleDown.contains('M') ? int(self.idleTimeBeforeScaleDown.substring((self.idleTimeBeforeScaleDown.contains('H') ? self.idleTimeBeforeScaleDown.indexOf('H') + 1 : 2), self.idleTimeBeforeScaleDown.indexOf('M'))) * 60 : 0)"
    + " + (self.idleTimeBeforeScaleDown.contains('S') ? int(self.idleTimeBeforeScaleDown.substring((self.idleTimeBeforeScaleDown.contains('M') ? self.idleTimeBeforeScaleDown.indexOf('M') + 1 : (self.idleTimeBeforeScaleDown.contains('H') ? self.idleTimeBeforeScaleDown.indexOf('H') + 1 : 2)), self.idleTimeBeforeScaleDown.indexOf('S'))) : 0)"
    + " <= 604800",
    message = "idleTimeBeforeScaleDown must be at most 7 days (PT168H)")
@ValidationRule(value = "self.vmSize == oldSelf.vmSize",
    message = "vmSize is immutable: Azure cannot resize an AmlCompute cluster in place")
@ValidationRule(value = "(has(self.vmPriority) ? self.vmPriority : 'Dedicated') == (has(oldSelf.vmPriority) ? oldSelf.vmPriority : 'Dedicated')",
    message = "vmPriority is immutable: Azure cannot change it on an existing cluster")
public record AmlComputeSpec(
    @Required @Pattern(ApiGroup.VM_SIZE) @Size(max = 64) @JsonPropertyDescription("e.g. Standard_DS3_v2.") String vmSize,
    @JsonPropertyDescription("Dedicated (default) or LowPriority.") VmPriority vmPriority,
    @Min(0) @JsonPropertyDescription("Nodes kept when idle (default 0).") Integer minNodes,
    @Required @Min(1) @Max(1000) @JsonPropertyDescription("Upper bound of the cluster (R2 sizes the subnet for it).")
    Integer maxNodes,
    @Pattern(ApiGroup.SCALE_DOWN_DURATION) @Size(max = 24)
    @JsonPropertyDescription("Idle time before scale-down, ISO-8601 (default PT120S).")
    String idleTimeBeforeScaleDown,
    @JsonPropertyDescription("Remote login (SSH) to the nodes (default false).") Boolean remoteLogin) {

  public VmPriority effectiveVmPriority() {
    return vmPriority == null ? VmPriority.Dedicated : vmPriority;
  }

  public int effectiveMinNodes() {
    return minNodes == null ? 0 : minNodes;
  }

  public String effectiveIdleTime() {
    return idleTimeBeforeScaleDown == null ? "PT120S" : idleTimeBeforeScaleDown;
  }

  public boolean remoteLoginEnabled() {
    return Boolean.TRUE.equals(remoteLogin);
  }

  public enum VmPriority { Dedicated, LowPriority }
}
