package io.amlnet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** The Azure identity used for one environment; a Secret is only ever read from its own namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!(has(self.secretName) && has(self.federatedClientId))",
    message = "set secretName or federatedClientId, not both")
public record Credential(
    @Pattern("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$") @Size(max = 253)
    @JsonPropertyDescription("Secret in this namespace with tenantId, clientId and clientSecret of a service principal.")
    String secretName,
    @Pattern(ApiGroup.UUID) @Size(max = 36)
    @JsonPropertyDescription("Client ID of a managed identity federated with the operator's service account.")
    String federatedClientId) {}
