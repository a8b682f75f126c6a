package io.amlnet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** The compute as AML reports it, plus amlnet's conditions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TrainingComputeStatus {
  private Long observedGeneration;
  private List<Condition> conditions = new ArrayList<>();
  private String computeId;
  private String provisioningState;
  private Integer currentNodeCount;
  private Integer targetNodeCount;

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

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

  /** Equal statuses mean a reconcile found nothing new, so amlnet writes no status. */
  @Override
  public boolean equals(Object o) {
    return o instanceof TrainingComputeStatus other && java.util.Objects.equals(observedGeneration, other.observedGeneration) && java.util.Objects.equals(conditions, other.conditions) && java.util.Objects.equals(computeId, other.computeId) && java.util.Objects.equals(provisioningState, other.provisioningState) && java.util.Objects.equals(currentNodeCount, other.currentNodeCount) && java.util.Objects.equals(targetNodeCount, other.targetNodeCount);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(observedGeneration, conditions, computeId, provisioningState, currentNodeCount, targetNodeCount);
  }
}
