package io.amlnet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** The existing VNet and subnet that the compute goes into; amlnet never creates or deletes them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Network(
    @Pattern(ApiGroup.RESOURCE_GROUP) @Size(max = 90)
    @JsonPropertyDescription("Resource group of the VNet; default: the workspace's.")
    String resourceGroup,
    @Required @Pattern(ApiGroup.NETWORK_NAME) @Size(max = 80) String virtualNetwork,
    @Required @Pattern(ApiGroup.NETWORK_NAME) @Size(max = 80) String subnet) {

  public String effectiveResourceGroup(Workspace workspace) {
    return resourceGroup == null ? workspace.resourceGroup() : resourceGroup;
  }
}
