package io.amlnet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Outbound policy of the subnet: Open (R12) or Restricted to service tags (R13, R14). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Outbound(
    @JsonPropertyDescription("Open (default) or Restricted.") OutboundMode mode,
    @JsonPropertyDescription(
        "Restricted only: jobs use Microsoft's default Docker images with user-managed dependencies,"
            + " so MicrosoftContainerRegistry and AzureFrontDoor.FirstParty are allowed too (R14).")
    Boolean microsoftDefaultImages) {

  public static final Outbound OPEN = new Outbound(OutboundMode.Open, false);

  public OutboundMode effectiveMode() {
    return mode == null ? OutboundMode.Open : mode;
  }

  public boolean usesMicrosoftDefaultImages() {
    return Boolean.TRUE.equals(microsoftDefaultImages);
  }

  public enum OutboundMode { Open, Restricted }
}
