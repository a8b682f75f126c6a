package io.amlnet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A compute instance (R18); it must be created in the subnet and can never be moved (R8). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.vmSize == oldSelf.vmSize",
    message = "vmSize is immutable: Azure cannot resize a compute instance through its definition")
public record ComputeInstanceSpec(
    @Required @Pattern(ApiGroup.VM_SIZE) @Size(max = 64) @JsonPropertyDescription("e.g. Standard_DS3_v2.") String vmSize,
    @JsonPropertyDescription("SSH access to the instance (default false).") Boolean sshAccess) {

  public boolean sshEnabled() {
    return Boolean.TRUE.equals(sshAccess);
  }
}
