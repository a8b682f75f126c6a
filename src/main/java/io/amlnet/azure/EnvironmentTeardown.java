package io.amlnet.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlnet.plan.ArmWrite;
import io.amlnet.plan.AzureFacts;
import io.amlnet.plan.AzureIds;
import io.amlnet.plan.Removals;
import io.amlnet.plan.SubnetAssociations;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Removes what amlnet created for an environment, in dependency order: first the subnet's
 * associations to amlnet's objects (ARM refuses to delete an NSG, route table or NAT gateway a
 * subnet still uses), then the NAT gateway, its public IP, the route table and the NSG; in an NSG
 * that is not amlnet's only amlnet's own rules. Objects that are not amlnet's are left alone. The
 * objects are found as convergence finds them: by deterministic name, by what status recorded and
 * by what the subnet points at.
 */
public final class EnvironmentTeardown {
  private static final String API = ApiVersions.NETWORK;
  private final ArmClient arm;
  private final FactsReader facts;
  private final VirtualNetworkLocks vnetLocks;

  public EnvironmentTeardown(ArmClient arm, FactsReader facts, VirtualNetworkLocks vnetLocks) {
    this.arm = arm;
    this.facts = facts;
    this.vnetLocks = vnetLocks;
  }

  /**
   * One step of the teardown, never waiting on ARM: the subnet's detach, then the deletes in order,
   * each started only when the one before it has ended. The caller records the returned operations,
   * polls them on a later call, and calls again until the result is {@link ApplyResult#inSync()}
   * apart from its writes (nothing started, nothing waited for).
   */
  public ApplyResult delete(AzureIds ids, String owner, Collection<String> recorded) {
    AzureFacts owned = facts.readNetworkObjects(ids, recorded);
    List<ArmWrite> deletes = Removals.everythingOwnedBy(owned, owner);
    ApplyResult result = new ApplyResult();
    List<String> objects = deletes.stream().map(ArmWrite::id).filter(id -> !id.contains("/securityRules/")).toList();
    for (String subnet : subnetsToDetach(ids, owned, objects)) {
      detach(subnet, objects, owner, result);
      if (result.busy()) {
        return result;
      }
    }
    for (ArmWrite delete : deletes) {
      String purpose = OperationPurpose.of(delete.resourceType());
      ArmClient.Accepted accepted;
      try {
        accepted = arm.startDelete(delete.id(), API, purpose);
      } catch (ArmException e) {
        if (!PlanApplier.busy(e)) {
          throw e;
        }
        result.waitFor(purpose);
        return result;
      }
      result.wrote(new AppliedWrite("DELETE", delete.id(), delete.resourceType(), List.of("deleted with its environment")),
          accepted);
      if (!accepted.done()) {
        return result;
      }
    }
    return result;
  }

  /**
   * The subnet amlnet last wrote, and any other subnet of the VNet still associated with one of
   * amlnet's objects: a move of the environment that was under way when it was deleted leaves the
   * NSG on both, and ARM refuses to delete an NSG that any subnet still uses.
   */
  static List<String> subnetsToDetach(AzureIds ids, AzureFacts owned, List<String> objects) {
    Set<String> ownedObjects = objects.stream().map(id -> id.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    Map<String, String> subnets = new LinkedHashMap<>();
    subnets.put(ids.subnet().toLowerCase(Locale.ROOT), ids.subnet());
    owned.resource(ids.virtualNetwork()).ifPresent(vnet -> {
      for (JsonNode subnet : vnet.path("properties").path("subnets")) {
        for (String field : List.of("networkSecurityGroup", "routeTable", "natGateway")) {
          String associated = subnet.path("properties").path(field).path("id").asText("");
          if (ownedObjects.contains(associated.toLowerCase(Locale.ROOT))) {
            subnets.putIfAbsent(subnet.path("id").asText().toLowerCase(Locale.ROOT), subnet.path("id").asText());
          }
        }
      }
    });
    return List.copyOf(subnets.values());
  }

  /** Finished: nothing left started or waited for. */
  public static boolean finished(ApplyResult step) {
    return step.operations().isEmpty() && step.waitingFor().isEmpty();
  }

  private void detach(String subnetId, List<String> owned, String owner, ApplyResult result) {
    if (owned.isEmpty()) {
      return;
    }
    if (!vnetLocks.tryAcquire(subnetId, owner)) {
      result.waitFor(OperationPurpose.VIRTUAL_NETWORK);
      return;
    }
    boolean keep = false;
    try {
      SubnetAssociations detach = SubnetAssociations.detachOnly(owned);
      Optional<ArmResource> subnet = arm.get(subnetId, API);
      if (subnet.isEmpty() || detach.differences(subnet.get().body()).isEmpty()) {
        return;
      }
      if (OperationPurpose.inFlight(subnet.get().body())) {
        result.waitFor(OperationPurpose.VIRTUAL_NETWORK);
        return;
      }
      ArmClient.Accepted accepted;
      try {
        accepted = arm.startPut(subnetId, API, detach.applyTo(subnet.get().body(), null), subnet.get().etag(),
            OperationPurpose.SUBNET);
      } catch (ArmException e) {
        if (!PlanApplier.busy(e)) {
          throw e;
        }
        result.waitFor(OperationPurpose.SUBNET);
        return;
      }
      result.wrote(new AppliedWrite("PUT", subnetId, "Microsoft.Network/virtualNetworks/subnets",
          List.of("associations removed")), accepted);
      keep = !accepted.done();
      if (keep) {
        result.waitFor(OperationPurpose.SUBNET);
      }
    } finally {
      if (!keep) {
        vnetLocks.release(subnetId, owner);
      }
    }
  }
}
