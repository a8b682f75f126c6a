package io.amlnet.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlnet.plan.AzureFacts;
import io.amlnet.plan.ArmWrite;
import io.amlnet.plan.Plan;
import io.amlnet.plan.SubnetAssociations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

/**
 * Moves Azure's network toward a plan with as few writes as possible, without waiting for any
 * long-running operation: each target's current state (from the reconcile's facts) is compared
 * with {@link Drift} and written only when it differs, and the operations ARM starts are returned
 * for the caller to record and poll on a later reconcile. Writes go in dependency phases, and a
 * phase starts only when nothing of the earlier ones is in flight: independent objects (NSG, route
 * table, public IP; at most one write per object at a time), then the NAT gateway, then the subnet
 * (in its VNet's write slot, with If-Match), then one delete at a time of what is no longer
 * declared. Objects of other owners are never written. Compute writes are the compute reconciler's.
 */
public final class PlanApplier {
  private static final String SECURITY_RULES = "Microsoft.Network/networkSecurityGroups/securityRules";
  private static final String SUBNETS = "Microsoft.Network/virtualNetworks/subnets";
  private static final String NAT_GATEWAYS = "Microsoft.Network/natGateways";

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
  public ApplyResult apply(Plan plan, AzureFacts facts, String owner) {
    ApplyResult result = new ApplyResult();
    try {
      applyInPhases(plan, facts, owner, result);
    } finally {
      // The reconcile polled this owner's recorded operations before applying, so unless this apply
      // left a subnet write running, nothing of the owner runs on the VNet: it holds no slot. Otherwise
      // a record lost to an error (a throttled poll) would keep the slot until it expires, queueing
      // every other environment of the VNet behind a write that ended long ago.
      if (result.operations().stream().noneMatch(op -> OperationPurpose.SUBNET.equals(op.purpose()))) {
        vnetLocks.release(plan.network().subnetId(), owner);
      }
    }
    return result;
  }

  private void applyInPhases(Plan plan, AzureFacts facts, String owner, ApplyResult result) {
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
    startDrifted(first, facts, owner, result);
    if (result.busy()) {
      return;
    }
    startDrifted(natGateways, facts, owner, result);
    if (result.busy()) {
      return;
    }
    if (subnet != null) {
      associate(subnet.id(), subnet.apiVersion(), plan.network().subnetAssociations(), owner, result);
      if (result.busy() || !result.writes().isEmpty()) {
        return;
      }
    }
    // Removals last, one at a time in the plan's order: detached from the subnet first, NAT gateway before its IP.
    for (ArmWrite delete : deletes) {
      String purpose = OperationPurpose.of(delete.resourceType());
      ArmClient.Accepted accepted = busyAsWaiting(() -> arm.startDelete(delete.id(), delete.apiVersion(), purpose),
          purpose, result);
      if (accepted == null) {
        return;
      }
      result.wrote(new AppliedWrite("DELETE", delete.id(), delete.resourceType(), List.of("no longer declared")), accepted);
      if (!accepted.done()) {
        return;
      }
    }
  }

  /**
   * Starts the writes whose targets differ, at most one per ARM object (rules of one NSG share it);
   * a target with an operation still running is waited for, never written over.
   */
  private void startDrifted(List<ArmWrite> writes, AzureFacts facts, String owner, ApplyResult result) {
    Map<String, ArmWrite> chosen = new LinkedHashMap<>();
    Map<String, List<String>> differences = new LinkedHashMap<>();
    for (ArmWrite write : writes) {
      Optional<JsonNode> current = pending.current(write, facts);
      if (current.isPresent() && !Ownership.ownedBy(current.get(), owner)) {
        throw Ownership.collision(write.id(), owner);
      }
      String slot = slotOf(write);
      if (current.isPresent() && OperationPurpose.inFlight(current.get()) || parentInFlight(write, facts)) {
        result.waitFor(OperationPurpose.of(write.resourceType()));
        continue;
      }
      List<String> diff = current.map(c -> failed(c) ? List.of("provisioningState Failed")
          : Drift.between(write.body(), c)).orElse(AppliedWrite.ABSENT);
      if (diff.isEmpty()) {
        continue;
      }
      if (chosen.containsKey(slot)) {
        result.waitFor(OperationPurpose.of(write.resourceType())); // its object's next write, after this one
        continue;
      }
      chosen.put(slot, write);
      differences.put(slot, diff);
    }
    inParallel(List.copyOf(chosen.entrySet()), e -> {
      ArmWrite write = e.getValue();
      String purpose = OperationPurpose.of(write.resourceType());
      ArmClient.Accepted accepted = busyAsWaiting(() -> arm.startPut(write.id(), write.apiVersion(), write.body(), null,
          purpose), purpose, result);
      if (accepted != null) {
        result.wrote(new AppliedWrite("PUT", write.id(), write.resourceType(), differences.get(e.getKey())), accepted);
      }
    });
  }

  /** The ARM object a write occupies: a child's parent (one NSG for all its rules), else itself. */
  private static String slotOf(ArmWrite write) {
    String id = write.id().toLowerCase(Locale.ROOT);
    return write.resourceType().equals(SECURITY_RULES) ? id.substring(0, id.lastIndexOf("/securityrules/")) : id;
  }

  /** A rule inside an NSG whose own operation still runs waits for it (read from the facts only). */
  private static boolean parentInFlight(ArmWrite write, AzureFacts facts) {
    return write.resourceType().equals(SECURITY_RULES)
        && facts.resource(slotOf(write)).map(OperationPurpose::inFlight).orElse(false);
  }

  private static boolean failed(JsonNode resource) {
    return resource.path("properties").path("provisioningState").asText("").equals("Failed");
  }

  /**
   * Runs a write; ARM's "busy" answers (AnotherOperationInProgress, a 412 from a concurrent change)
   * mean try again shortly, recorded as waiting, never an error. Null when it was busy.
   */
  private static ArmClient.Accepted busyAsWaiting(java.util.function.Supplier<ArmClient.Accepted> write, String purpose,
      ApplyResult result) {
    try {
      return write.get();
    } catch (ArmException e) {
      if (busy(e)) {
        result.waitFor(purpose);
        return null;
      }
      throw e;
    }
  }

  /** ARM's answers that mean "another write is under way": try again shortly. */
  public static boolean busy(ArmException e) {
    return e.status() == 412 || e.code().equals("AnotherOperationInProgress")
        || e.code().equals("ReferencedResourceNotProvisioned");
  }

  /**
   * The subnet's associations, set from a fresh read with If-Match, in the VNet's write slot: taken
   * here, kept while the operation runs (the caller gives it back once a poll sees it end), and
   * waited for, not blocked on, when another environment holds it.
   */
  private void associate(String subnetId, String apiVersion, SubnetAssociations associations, String owner,
      ApplyResult result) {
    if (!vnetLocks.tryAcquire(subnetId, owner)) {
      result.waitFor(OperationPurpose.VIRTUAL_NETWORK);
      return;
    }
    boolean keep = false;
    try {
      ArmResource fresh = arm.get(subnetId, apiVersion).orElseThrow(() -> new ArmException(404,
          "SubnetNotFound", "subnet " + subnetId + " does not exist"));
      if (OperationPurpose.inFlight(fresh.body())) {
        result.waitFor(OperationPurpose.VIRTUAL_NETWORK); // a write to this VNet by someone else still runs
        return;
      }
      // A subnet left Failed (e.g. its operation superseded) is put again as it is: Microsoft's remedy for a
      // network resource in provisioningState Failed, even when its associations already read as planned.
      List<String> differences = failed(fresh.body()) ? List.of("provisioningState Failed")
          : associations.differences(fresh.body());
      if (differences.isEmpty()) {
        return;
      }
      ArmClient.Accepted accepted = busyAsWaiting(() -> arm.startPut(subnetId, apiVersion,
          associations.applyTo(fresh.body(), null), fresh.etag(), OperationPurpose.SUBNET), OperationPurpose.SUBNET, result);
      if (accepted != null) {
        result.wrote(new AppliedWrite("PUT", subnetId, SUBNETS, differences), accepted);
        keep = !accepted.done();
      }
    } finally {
      if (!keep) {
        vnetLocks.release(subnetId, owner);
      }
    }
  }

  private <T> void inParallel(List<T> writes, java.util.function.Consumer<T> action) {
    if (writes.size() == 1) {
      action.accept(writes.get(0));
      return;
    }
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
