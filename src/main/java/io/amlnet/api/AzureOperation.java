package io.amlnet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A long-running ARM operation amlnet started and has not yet seen end: the next reconcile polls
 * its URL once. Kept in status so that a restarted operator polls it too.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AzureOperation(
    @JsonPropertyDescription("The ARM resource the operation writes or deletes.")
    String resourceId,
    @JsonPropertyDescription("What it is for, e.g. NatGateway, Subnet, NetworkSecurityGroup, Compute.")
    String purpose,
    @JsonPropertyDescription("PUT or DELETE.")
    String method,
    @JsonPropertyDescription("Azure-AsyncOperation (a status body) or Location (202 until done).")
    String pollingKind,
    @JsonPropertyDescription("The URL ARM gave to poll.")
    String pollingUrl,
    @JsonPropertyDescription("When amlnet started it (RFC 3339).")
    String startedAt) {

  public static final String ASYNC_OPERATION = "Azure-AsyncOperation";
  public static final String LOCATION = "Location";
}
