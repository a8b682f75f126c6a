package io.amlnet.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** The AML workspace the computes belong to; its region is the primary region of R16. */
public record Workspace(
    @Required @Pattern(ApiGroup.RESOURCE_GROUP) @Size(max = 90) String resourceGroup,
    @Required @Pattern(ApiGroup.WORKSPACE_NAME) @Size(max = 33) String name,
    @Required @Pattern(ApiGroup.REGION) @Size(max = 40)
    @JsonPropertyDescription("ARM location of the workspace, e.g. eastus2.")
    String region) {}
