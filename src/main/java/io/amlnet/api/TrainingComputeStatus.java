package io.amlnet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/** The compute as AML reports it, plus amlnet's conditions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TrainingComputeStatus extends ObservedStatus {
  private java.util.List<AzureOperation> operations;
  private String computeId;
  private String provisioningState;
  private Integer currentNodeCount;
  private Integer targetNodeCount;
  private Credential credential;

  public String getComputeId() {
    return computeId;
  }

  public void setComputeId(String computeId) {
    this.computeId = computeId;
  }

  public String getProvisioningState() {
    return provisioningState;
  }

  public void setProvisioningState(String provisioningState) {
    this.provisioningState = provisioningState;
  }

  public Integer getCurrentNodeCount() {
    return currentNodeCount;
  }

  public void setCurrentNodeCount(Integer currentNodeCount) {
    this.currentNodeCount = currentNodeCount;
  }

  public Integer getTargetNodeCount() {
    return targetNodeCount;
  }

  public void setTargetNodeCount(Integer targetNodeCount) {
    this.targetNodeCount = targetNodeCount;
  }

  /**
   * The environment's credential reference (names only, never a value) when the compute was written:
   * its cleanup can then delete or detach it even after the environment is gone.
   */
  public Credential getCredential() {
    return credential;
  }

  public void setCredential(Credential credential) {
    this.credential = credential;
  }

  /** The long-running ARM operations amlnet started and is waiting for (absent when none). */
  public java.util.List<AzureOperation> getOperations() {
    return operations;
  }

  public void setOperations(java.util.List<AzureOperation> operations) {
    this.operations = operations == null || operations.isEmpty() ? null : java.util.List.copyOf(operations);
  }

  /** Equal statuses mean a reconcile found nothing new, so amlnet writes no status. */
  @Override
  public boolean equals(Object o) {
    return o instanceof TrainingComputeStatus other && sameObservation(other)
        && Objects.equals(operations, other.operations)
        && Objects.equals(computeId, other.computeId)
        && Objects.equals(provisioningState, other.provisioningState)
        && Objects.equals(currentNodeCount, other.currentNodeCount)
        && Objects.equals(targetNodeCount, other.targetNodeCount)
        && Objects.equals(credential, other.credential);
  }

  @Override
  public int hashCode() {
    return 31 * observationHash() + Objects.hash(operations, computeId, provisioningState, currentNodeCount, targetNodeCount, credential);
  }
}
