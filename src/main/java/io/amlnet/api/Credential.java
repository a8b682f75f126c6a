package io.amlnet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** The Azure identity used for one environment; a Secret is only ever read from its own namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "[has(self.secretName), has(self.federatedClientId), has(self.serviceAccountName)]"
    + ".filter(x, x).size() <= 1",
    message = "set at most one of secretName, federatedClientId and serviceAccountName")
public record Credential(
    @Pattern("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$") @Size(max = 253)
    @JsonPropertyDescription("Secret in this namespace with tenantId, clientId and clientSecret of a service principal.")
    String secretName,
    @Pattern(ApiGroup.UUID) @Size(max = 36)
    @JsonPropertyDescription("Client ID of a managed identity federated with the operator's service account.")
    String federatedClientId,
    @Pattern("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$") @Size(max = 253)
    @JsonPropertyDescription("ServiceAccount in this namespace whose azure.workload.identity/client-id annotation names "
        + "the Azure identity; the operator exchanges a token of that ServiceAccount, so the identity is bound to "
        + "this namespace.")
    String serviceAccountName) {}
