package io.amlnet.azure;

import io.amlnet.plan.ArmWrite;
import io.amlnet.plan.AzureFacts;
import io.amlnet.plan.AzureIds;
import io.amlnet.plan.Removals;
import io.amlnet.plan.SubnetAssociations;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

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

  /** The deletions made, as "DELETE id" lines for events. */
  public List<String> delete(AzureIds ids, String owner, Collection<String> recorded) {
    AzureFacts owned = facts.readNetworkObjects(ids, recorded);
    List<ArmWrite> deletes = Removals.everythingOwnedBy(owned, owner);
    List<String> done = new ArrayList<>();
    List<String> objects = deletes.stream().map(ArmWrite::id).filter(id -> !id.contains("/securityRules/")).toList();
    detach(ids.subnet(), objects).ifPresent(done::add);
    for (ArmWrite delete : deletes) {
      arm.delete(delete.id(), API);
      done.add("DELETE " + delete.id());
    }
    return done;
  }

  private Optional<String> detach(String subnetId, List<String> owned) {
    if (owned.isEmpty()) {
      return Optional.empty();
    }
    SubnetAssociations detach = SubnetAssociations.detachOnly(owned);
    return vnetLocks.withLock(subnetId, () -> {
      Optional<ArmResource> subnet = arm.get(subnetId, API);
      if (subnet.isEmpty() || detach.differences(subnet.get().body()).isEmpty()) {
        return Optional.<String>empty();
      }
      arm.put(subnetId, API, detach.applyTo(subnet.get().body(), null), subnet.get().etag());
      return Optional.of("PUT " + subnetId + " (associations removed)");
    });
  }
}
