package io.amlnet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * How the compute keeps reaching Azure Batch and Azure ML when the subnet's 0.0.0.0/0 goes to an
 * appliance or on-premises: a NAT gateway (R15) or user-defined routes to Internet (R16).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
// has(self.mode) first: without it an omitted mode (None) makes CEL fail with "no such key: mode".
@ValidationRule(value = "(has(self.mode) && self.mode == 'UserDefinedRoutes') || (!has(self.prefixMode) && !has(self.secondaryRegion))",
    message = "prefixMode and secondaryRegion apply only to mode UserDefinedRoutes")
@ValidationRule(value = "(has(self.mode) && self.mode == 'NatGateway') || !has(self.natGatewayIdleTimeoutMinutes)",
    message = "natGatewayIdleTimeoutMinutes applies only to mode NatGateway")
public record ForcedTunneling(
    @JsonPropertyDescription("None (default), NatGateway or UserDefinedRoutes.") TunnelingMode mode,
    @JsonPropertyDescription(
        "IpPrefixes (default): one route per prefix of the service tags, refreshed as they change;"
            + " ServiceTags: one route per tag, kept current by Azure.")
    PrefixMode prefixMode,
    @Pattern("^(auto|[a-z][a-z0-9]{1,38})$") @Size(max = 40)
    @JsonPropertyDescription("The workspace's paired region for R16: 'auto' (default) from Azure's pair table, or a region.")
    String secondaryRegion,
    @Min(4) @Max(120)
    @JsonPropertyDescription("NAT gateway TCP idle timeout (default 4).")
    Integer natGatewayIdleTimeoutMinutes) {

  public static final ForcedTunneling NONE = new ForcedTunneling(TunnelingMode.None, null, null, null);

  public TunnelingMode effectiveMode() {
    return mode == null ? TunnelingMode.None : mode;
  }

  public PrefixMode effectivePrefixMode() {
    return prefixMode == null ? PrefixMode.IpPrefixes : prefixMode;
  }

  /** The named secondary region, or null for 'auto'. */
  public String namedSecondaryRegion() {
    return secondaryRegion == null || secondaryRegion.equals("auto") ? null : secondaryRegion;
  }

  public int effectiveIdleTimeoutMinutes() {
    return natGatewayIdleTimeoutMinutes == null ? 4 : natGatewayIdleTimeoutMinutes;
  }

  public enum TunnelingMode { None, NatGateway, UserDefinedRoutes }

  public enum PrefixMode { IpPrefixes, ServiceTags }
}
