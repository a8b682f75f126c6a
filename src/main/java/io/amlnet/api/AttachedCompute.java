package io.amlnet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** An existing VM, HDInsight cluster or Databricks workspace attached to the AML workspace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AttachedCompute(
    // maxLength bounds the cost of the kind-matching CEL rule on TrainingCompute's spec: without it
    // the API server refuses the CRD ("estimated rule cost exceeds budget by factor of 1.195380x").
    @Required @Pattern(ApiGroup.RESOURCE_ID) @Size(max = 1024)
    @JsonPropertyDescription("ARM ID of the VM, HDInsight cluster or Databricks workspace.")
    String resourceId,
    @Min(1) @Max(65535)
    @JsonPropertyDescription("VM/HDInsight SSH port that AML connects to (default 22, R20).")
    Integer sshPort,
    @Pattern("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$") @Size(max = 253)
    @JsonPropertyDescription("Secret in this namespace with what AML needs to reach the resource: username plus"
        + " password or privateKey (SSH), optionally publicKey, for a VM or HDInsight cluster; accessToken for"
        + " Databricks. Required for those kinds; its values are sent to Azure only.")
    String credentialsSecret) {

  public int effectiveSshPort() {
    return sshPort == null ? 22 : sshPort;
  }
}
