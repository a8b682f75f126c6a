package io.amlnet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Which NSG carries the documented rules. Managed: amlnet owns the whole NSG. Existing: amlnet only
 * writes its own {@code amlnet-*} rules inside someone else's NSG and never rewrites the NSG itself.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
// has(self.mode) first: without it an omitted mode (Managed) makes CEL fail with "no such key: mode".
@ValidationRule(value = "!has(self.mode) || self.mode != 'Existing' || has(self.name)",
    message = "name is required when mode is Existing")
public record NetworkSecurity(
    @JsonPropertyDescription("Managed (default) or Existing.") NsgMode mode,
    @Pattern(ApiGroup.NETWORK_NAME) @Size(max = 80)
    @JsonPropertyDescription("NSG name; required for Existing, derived from the resource name for Managed.")
    String name,
    @Pattern(ApiGroup.RESOURCE_GROUP) @Size(max = 90)
    @JsonPropertyDescription("Resource group of the NSG; default: the VNet's.")
    String resourceGroup,
    @Min(100) @Max(3997)
    @JsonPropertyDescription("First priority of the band of 100 that amlnet's rules use (default 1000).")
    Integer priorityBase) {

  public static final NetworkSecurity DEFAULT = new NetworkSecurity(NsgMode.Managed, null, null, null);
  public static final int DEFAULT_PRIORITY_BASE = 1000;
  /** amlnet's rules stay within [base, base + BAND_WIDTH). */
  public static final int BAND_WIDTH = 100;

  public NsgMode effectiveMode() {
    return mode == null ? NsgMode.Managed : mode;
  }

  public int effectivePriorityBase() {
    return priorityBase == null ? DEFAULT_PRIORITY_BASE : priorityBase;
  }

  public enum NsgMode { Managed, Existing }
}
