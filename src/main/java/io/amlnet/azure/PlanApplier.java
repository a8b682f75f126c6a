package io.amlnet.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlnet.plan.AzureFacts;
import io.amlnet.plan.ArmWrite;
import io.amlnet.plan.Plan;
import io.amlnet.plan.SubnetAssociations;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

/**
 * Makes Azure's network match a plan with as few writes as possible: each target's current state
 * (from the reconcile's facts) is compared with {@link Drift} and written only when it differs.
 * Independent objects (NSG, route table, public IP) go in parallel, then the NAT gateway, then the
 * subnet under its VNet's lock with If-Match, then the deletes of what is no longer declared. Objects
 * of other owners are never written. Compute writes are the compute reconciler's.
 */
public final class PlanApplier {
  private static final String SUBNETS = "Microsoft.Network/virtualNetworks/subnets";
  private static final String NAT_GATEWAYS = "Microsoft.Network/natGateways";
  private static final int SUBNET_ATTEMPTS = 3;

  private final ArmClient arm;
  private final VirtualNetworkLocks vnetLocks;
  private final ExecutorService executor;
  private final PendingWrites pending;

  public PlanApplier(ArmClient arm, VirtualNetworkLocks vnetLocks, ExecutorService executor) {
    this.arm = arm;
    this.pending = new PendingWrites(PendingWrites.Reader.of(arm));
    this.vnetLocks = vnetLocks;
    this.executor = executor;
  }

  /**
   * @param facts what the reconcile read before planning: the current state of each target, so it is
   *     not read twice; a target the facts do not cover is read here
   */
  public List<AppliedWrite> apply(Plan plan, AzureFacts facts, String owner) {
    List<ArmWrite> first = new ArrayList<>();
    List<ArmWrite> natGateways = new ArrayList<>();
    List<ArmWrite> deletes = new ArrayList<>();
    ArmWrite subnet = null;
    for (ArmWrite write : plan.writes()) {
      String type = write.resourceType();
      if (type.startsWith("Microsoft.MachineLearningServices")) {
        continue;
      } else if (write.isDelete()) {
        deletes.add(write);
      } else if (type.equals(SUBNETS)) {
        subnet = write;
      } else if (type.equals(NAT_GATEWAYS)) {
        natGateways.add(write);
      } else {
        first.add(write);
      }
    }
    List<AppliedWrite> applied = Collections.synchronizedList(new ArrayList<>());
    inParallel(first, w -> applyIfDrifted(w, facts, owner).ifPresent(applied::add));
    inParallel(natGateways, w -> applyIfDrifted(w, facts, owner).ifPresent(applied::add));
    if (subnet != null) {
      associate(subnet.id(), subnet.apiVersion(), plan.network().subnetAssociations()).ifPresent(applied::add);
    }
    // Removals last, in the plan's order: detached from the subnet first, NAT gateway before its IP.
    for (ArmWrite delete : deletes) {
      arm.delete(delete.id(), delete.apiVersion());
      applied.add(new AppliedWrite("DELETE", delete.id(), delete.resourceType(), List.of("no longer declared")));
    }
    return List.copyOf(applied);
  }

  private Optional<AppliedWrite> applyIfDrifted(ArmWrite write, AzureFacts facts, String owner) {
    Optional<JsonNode> current = pending.current(write, facts);
    if (current.isPresent() && !Ownership.ownedBy(current.get(), owner)) {
      throw Ownership.collision(write.id(), owner);
    }
    List<String> differences = current.map(c -> Drift.between(write.body(), c)).orElse(AppliedWrite.ABSENT);
    if (differences.isEmpty()) {
      return Optional.empty();
    }
    arm.put(write.id(), write.apiVersion(), write.body(), null);
    return Optional.of(new AppliedWrite("PUT", write.id(), write.resourceType(), differences));
  }

  /** The subnet's associations, set from a fresh read under the VNet's lock; If-Match guards the rest. */
  private Optional<AppliedWrite> associate(String subnetId, String apiVersion, SubnetAssociations associations) {
    return vnetLocks.withLock(subnetId, () -> {
      for (int attempt = 1; ; attempt++) {
        ArmResource fresh = arm.get(subnetId, apiVersion).orElseThrow(() -> new ArmException(404,
            "SubnetNotFound", "subnet " + subnetId + " does not exist"));
        List<String> differences = associations.differences(fresh.body());
        if (differences.isEmpty()) {
          return Optional.<AppliedWrite>empty();
        }
        try {
          arm.put(subnetId, apiVersion, associations.applyTo(fresh.body(), null), fresh.etag());
          return Optional.of(new AppliedWrite("PUT", subnetId, SUBNETS, differences));
        } catch (ArmException e) {
          if (e.status() != 412 || attempt == SUBNET_ATTEMPTS) {
            throw e;
          }
        }
      }
    });
  }

  private void inParallel(List<ArmWrite> writes, java.util.function.Consumer<ArmWrite> action) {
    List<CompletableFuture<Void>> futures = writes.stream()
        .map(w -> CompletableFuture.runAsync(() -> action.accept(w), executor)).toList();
    try {
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }
}
