package io.amlnet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What amlnet observed and did, in the Kubernetes API conventions (kstatus-compatible). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TrainingEnvironmentStatus {
  private Long observedGeneration;
  private List<Condition> conditions = new ArrayList<>();
  private OwnedAzureResources azureResources;
  private String serviceTagsChangeNumber;
  private Integer routeCount;

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

  public OwnedAzureResources getAzureResources() {
    return azureResources;
  }

  public void setAzureResources(OwnedAzureResources azureResources) {
    this.azureResources = azureResources;
  }

  public String getServiceTagsChangeNumber() {
    return serviceTagsChangeNumber;
  }

  public void setServiceTagsChangeNumber(String serviceTagsChangeNumber) {
    this.serviceTagsChangeNumber = serviceTagsChangeNumber;
  }

  public Integer getRouteCount() {
    return routeCount;
  }

  public void setRouteCount(Integer routeCount) {
    this.routeCount = routeCount;
  }

  /** Equal statuses mean a reconcile found nothing new, so amlnet writes no status. */
  @Override
  public boolean equals(Object o) {
    return o instanceof TrainingEnvironmentStatus other && java.util.Objects.equals(observedGeneration, other.observedGeneration) && java.util.Objects.equals(conditions, other.conditions) && java.util.Objects.equals(azureResources, other.azureResources) && java.util.Objects.equals(serviceTagsChangeNumber, other.serviceTagsChangeNumber) && java.util.Objects.equals(routeCount, other.routeCount);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(observedGeneration, conditions, azureResources, serviceTagsChangeNumber, routeCount);
  }

  /** ARM IDs of the objects amlnet created and owns for this environment. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record OwnedAzureResources(
      String networkSecurityGroupId,
      String routeTableId,
      String natGatewayId,
      String publicIpAddressId,
      String subnetId) {}
}
