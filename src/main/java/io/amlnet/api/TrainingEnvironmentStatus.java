package io.amlnet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/** What amlnet observed and did, in the Kubernetes API conventions (kstatus-compatible). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TrainingEnvironmentStatus extends ObservedStatus {
  private java.util.List<AzureOperation> operations;
  private OwnedAzureResources azureResources;
  private String serviceTagsChangeNumber;
  private Integer routeCount;
  private List<PlannedCompute> computes;
  private Drift drift;
  private DriftCorrection lastDriftCorrection;

  /** Where Azure differs from the plan, as the last reconcile read it; absent when in sync. */
  public Drift getDrift() {
    return drift;
  }

  public void setDrift(Drift drift) {
    this.drift = drift;
  }

  /** The last time amlnet rewrote an existing Azure object because it had drifted (Manage). */
  public DriftCorrection getLastDriftCorrection() {
    return lastDriftCorrection;
  }

  public void setLastDriftCorrection(DriftCorrection lastDriftCorrection) {
    this.lastDriftCorrection = lastDriftCorrection;
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

  /** The computes whose rules Azure held, at their generation, when the environment was last Ready. */
  public List<PlannedCompute> getComputes() {
    return computes;
  }

  public void setComputes(List<PlannedCompute> computes) {
    this.computes = computes;
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
    return o instanceof TrainingEnvironmentStatus other && sameObservation(other)
        && Objects.equals(operations, other.operations)
        && Objects.equals(azureResources, other.azureResources)
        && Objects.equals(serviceTagsChangeNumber, other.serviceTagsChangeNumber)
        && Objects.equals(routeCount, other.routeCount)
        && Objects.equals(computes, other.computes)
        && Objects.equals(drift, other.drift)
        && Objects.equals(lastDriftCorrection, other.lastDriftCorrection);
  }

  @Override
  public int hashCode() {
    return 31 * observationHash() + Objects.hash(operations, azureResources, serviceTagsChangeNumber, routeCount,
        computes, drift, lastDriftCorrection);
  }

  /** Up to {@link #MAX_ENTRIES} differences, and how many there are in all. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Drift(List<DriftEntry> entries, Integer total) {
    public static final int MAX_ENTRIES = 20;

    public Drift {
      entries = entries == null ? List.of() : List.copyOf(entries);
    }
  }

  /** One field of one Azure object: what the plan wants and what Azure holds. */
  public record DriftEntry(String resource, String field, String expected, String actual) {}

  /** When amlnet last corrected drift, and what it changed, in one line. */
  public record DriftCorrection(String time, String summary) {}

  /**
   * ARM IDs of the objects amlnet owns for this environment that exist in Azure; {@code removing}
   * lists those the spec no longer declares and that are not deleted yet.
   */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record OwnedAzureResources(
      String networkSecurityGroupId,
      String routeTableId,
      String natGatewayId,
      String publicIpAddressId,
      String subnetId,
      List<String> removing) {

    public OwnedAzureResources {
      removing = removing == null ? List.of() : List.copyOf(removing);
    }

    /** Every owned ID listed, for the next reconcile to look for. */
    public List<String> all() {
      List<String> ids = new java.util.ArrayList<>();
      java.util.stream.Stream.of(networkSecurityGroupId, routeTableId, natGatewayId, publicIpAddressId)
          .filter(Objects::nonNull).forEach(ids::add);
      ids.addAll(removing);
      return ids;
    }
  }

  /** A compute the environment planned rules for, at the generation it planned. */
  public record PlannedCompute(String name, Long generation) {}
}
