package io.amlnet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/** What amlnet observed and did, in the Kubernetes API conventions (kstatus-compatible). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TrainingEnvironmentStatus extends ObservedStatus {
  private OwnedAzureResources azureResources;
  private String serviceTagsChangeNumber;
  private Integer routeCount;

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
    return o instanceof TrainingEnvironmentStatus other && sameObservation(other)
        && Objects.equals(azureResources, other.azureResources)
        && Objects.equals(serviceTagsChangeNumber, other.serviceTagsChangeNumber)
        && Objects.equals(routeCount, other.routeCount);
  }

  @Override
  public int hashCode() {
    return 31 * observationHash() + Objects.hash(azureResources, serviceTagsChangeNumber, routeCount);
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
