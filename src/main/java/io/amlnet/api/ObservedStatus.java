package io.amlnet.api;

import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What every amlnet status has in the Kubernetes API conventions: observedGeneration and conditions. */
public abstract class ObservedStatus {
  private Long observedGeneration;
  private List<Condition> conditions = new ArrayList<>();

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

  protected boolean sameObservation(ObservedStatus other) {
    return Objects.equals(observedGeneration, other.observedGeneration) && Objects.equals(conditions, other.conditions);
  }

  protected int observationHash() {
    return Objects.hash(observedGeneration, conditions);
  }
}
