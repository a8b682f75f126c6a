package io.amlnet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** Optional inbound SSH for remote login to the nodes (R11). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Ssh(
    @JsonPropertyDescription("Allow inbound TCP 22 (default false).") Boolean enabled,
    @Pattern(ApiGroup.NSG_SOURCE) @Size(max = 80)
    @JsonPropertyDescription("Who may connect: a CIDR, an address or a service tag (default '*').")
    String sourceAddressPrefix) {

  public static final Ssh OFF = new Ssh(false, null);

  public boolean allowsSsh() {
    return Boolean.TRUE.equals(enabled);
  }

  public String effectiveSource() {
    return sourceAddressPrefix == null ? "*" : sourceAddressPrefix;
  }
}
