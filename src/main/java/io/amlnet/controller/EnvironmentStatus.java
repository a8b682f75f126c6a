package io.amlnet.controller;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlnet.api.TrainingCompute;
import io.amlnet.api.TrainingEnvironment;
import io.amlnet.api.TrainingEnvironmentStatus;
import io.amlnet.api.TrainingEnvironmentStatus.OwnedAzureResources;
import io.amlnet.api.TrainingEnvironmentStatus.PlannedCompute;
import io.amlnet.azure.AppliedWrite;
import io.amlnet.azure.ArmException;
import io.amlnet.plan.ArmWrite;
import io.amlnet.plan.AzureFacts;
import io.amlnet.plan.DesiredNetwork;
import io.amlnet.plan.Finding;
import io.amlnet.plan.OwnerMark;
import io.amlnet.plan.Plan;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Writes what one reconcile of an environment found into its status, in kstatus terms. Ready=True
 * is only ever written by a reconcile that read Azure and found nothing to write, so it always means
 * that Azure held exactly the plan for that generation; a reconcile that wrote says Reconciling and
 * lets the next read confirm it.
 */
final class EnvironmentStatus {
  private static final List<String> OWNED = List.of(Conditions.READY, Conditions.RECONCILING, Conditions.STALLED,
      Conditions.PREFLIGHT_PASSED, Conditions.NETWORK_SECURITY_READY, Conditions.ROUTING_READY,
      Conditions.COMPUTE_READY);
  private static final List<String> NETWORK_TYPES = List.of("microsoft.network/networksecuritygroups",
      "microsoft.network/routetables", "microsoft.network/natgateways", "microsoft.network/publicipaddresses");

  private final Clock clock;

  EnvironmentStatus(Clock clock) {
    this.clock = clock;
  }

  /** Preflight found Blocking findings: nothing was written. */
  TrainingEnvironmentStatus blocked(TrainingEnvironment env, List<Finding> blocking, List<TrainingCompute> computes) {
    String reason = blocking.get(0).reason();
    String message = Conditions.join(blocking.stream().map(f -> f.requirement() + ": " + f.message()).toList());
    Conditions c = conditions(env)
        .set(Conditions.READY, false, reason, message)
        .set(Conditions.STALLED, true, reason, message)
        .clear(Conditions.RECONCILING)
        .set(Conditions.PREFLIGHT_PASSED, false, reason, message);
    computeReady(c, computes);
    return status(env, c, current(env));
  }

  /** This reconcile read Azure and found it equal to the plan: nothing was written. */
  TrainingEnvironmentStatus ready(TrainingEnvironment env, Plan plan, AzureFacts facts, String owner,
      List<TrainingCompute> computes) {
    DesiredNetwork network = plan.network();
    String tunneling = env.getSpec().effectiveForcedTunneling().effectiveMode().name();
    Conditions c = conditions(env)
        // The message must not carry per-reconcile numbers, or every write would churn the status;
        // the writes themselves are reported as events.
        .set(Conditions.READY, true, "Reconciled", "Azure matches the documented secure state")
        .clear(Conditions.RECONCILING)
        .clear(Conditions.STALLED)
        .set(Conditions.PREFLIGHT_PASSED, true, "Passed", warnings(plan))
        .set(Conditions.NETWORK_SECURITY_READY, true, "RulesInSync", network.securityRules().size()
            + " NSG rule(s) in " + env.getSpec().effectiveNetworkSecurity().effectiveMode() + " mode")
        .set(Conditions.ROUTING_READY, true, tunneling.equals("None") ? "NotRequired" : tunneling,
            tunneling.equals("UserDefinedRoutes") ? network.routes().size() + " route(s) to Internet"
                : tunneling.equals("NatGateway") ? "NAT gateway associated with the subnet" : "no forced tunnelling");
    computeReady(c, computes);
    TrainingEnvironmentStatus status = status(env, c, owned(network, existing(facts, owner)));
    status.setServiceTagsChangeNumber(network.serviceTagsChangeNumber());
    status.setRouteCount(network.routes().isEmpty() ? null : network.routes().size());
    status.setComputes(computes.stream().filter(StoredSpecs::valid).map(tc -> new PlannedCompute(tc.getMetadata().getName(),
        tc.getMetadata().getGeneration())).toList());
    return status;
  }

  /**
   * Observe: the reconcile read Azure and planned, and wrote nothing. Ready says the object is
   * reconciled as asked (observed); InSync and status.drift say whether Azure holds the plan.
   */
  TrainingEnvironmentStatus observed(TrainingEnvironment env, Plan plan, AzureFacts facts, String owner) {
    String message = "managementPolicy Observe: amlnet reads Azure and reports the drift, and writes nothing";
    Conditions c = conditions(env)
        .set(Conditions.READY, true, "Observed", message)
        .clear(Conditions.RECONCILING)
        .clear(Conditions.STALLED)
        .set(Conditions.PREFLIGHT_PASSED, true, "Passed", warnings(plan));
    TrainingEnvironmentStatus status = status(env, c, owned(plan.network(), existing(facts, owner)));
    status.setServiceTagsChangeNumber(plan.network().serviceTagsChangeNumber());
    status.setRouteCount(plan.network().routes().isEmpty() ? null : plan.network().routes().size());
    return status;
  }

  /** This reconcile wrote to Azure: the next one reads it back before anything is called Ready. */
  TrainingEnvironmentStatus converging(TrainingEnvironment env, Plan plan, AzureFacts facts, String owner,
      List<AppliedWrite> writes, List<TrainingCompute> computes) {
    List<String> existing = new ArrayList<>(existing(facts, owner));
    for (AppliedWrite write : writes) {
      if (write.method().equals("DELETE")) {
        existing.removeIf(id -> id.equalsIgnoreCase(write.id()));
      } else if (NETWORK_TYPES.contains(write.resourceType().toLowerCase(Locale.ROOT))
          && existing.stream().noneMatch(id -> id.equalsIgnoreCase(write.id()))) {
        existing.add(write.id());
      }
    }
    // What the plan still removes stays recorded until a Ready reconcile confirms it gone: the next
    // reconcile must read it again (e.g. amlnet's rules in an NSG another team owns, after the subnet
    // has already moved to a new NSG and no longer points at it).
    for (ArmWrite removal : plan.writes()) {
      if (!removal.isDelete()) {
        continue;
      }
      String id = removal.id();
      int rule = id.toLowerCase(Locale.ROOT).indexOf("/securityrules/");
      String object = rule < 0 ? id : id.substring(0, rule);
      boolean started = rule < 0 && writes.stream().anyMatch(w -> w.method().equals("DELETE") && w.id().equalsIgnoreCase(id));
      if (!started && existing.stream().noneMatch(known -> known.equalsIgnoreCase(object))) {
        existing.add(object);
      }
    }
    String message = writes.size() + " change(s) made in Azure; reading them back";
    Conditions c = conditions(env)
        .set(Conditions.READY, false, "Converging", message)
        .set(Conditions.RECONCILING, true, "Converging", message)
        .clear(Conditions.STALLED)
        .set(Conditions.PREFLIGHT_PASSED, true, "Passed", warnings(plan));
    if (writes.stream().anyMatch(w -> w.resourceType().startsWith("Microsoft.Network/networkSecurityGroups"))) {
      c.set(Conditions.NETWORK_SECURITY_READY, false, "Converging", "NSG rules changed; reading them back");
    }
    if (writes.stream().anyMatch(w -> !w.resourceType().startsWith("Microsoft.Network/networkSecurityGroups"))) {
      c.set(Conditions.ROUTING_READY, false, "Converging", "routing or subnet associations changed; reading them back");
    }
    computeReady(c, computes);
    TrainingEnvironmentStatus status = status(env, c, owned(plan.network(), existing));
    if (env.getStatus() != null) {
      status.setComputes(env.getStatus().getComputes());
    }
    return status;
  }

  /**
   * Long-running operations amlnet started (or the VNet's write slot) are still awaited: Reconciling,
   * with a reason naming the first of them (WaitingForNatGateway, WaitingForSubnet...), and the
   * operations recorded so that the next reconcile, on this replica or another, polls them.
   */
  TrainingEnvironmentStatus waiting(TrainingEnvironment env, TrainingEnvironmentStatus base, List<String> purposes,
      List<io.amlnet.api.AzureOperation> operations) {
    base.setConditions(Waiting.conditions(base.getConditions(), env.getMetadata().getGeneration(), clock, purposes,
        OWNED));
    base.setOperations(operations);
    return base;
  }

  /** Only waiting (nothing else learnt): the current status, Reconciling on what it waits for. */
  TrainingEnvironmentStatus waiting(TrainingEnvironment env, List<String> purposes,
      List<io.amlnet.api.AzureOperation> operations) {
    return waiting(env, retrying(env, Waiting.reason(purposes), Waiting.message(purposes)), purposes, operations);
  }

  /** Deletion waits until every compute bound to the environment is gone (they need its subnet and rules). */
  TrainingEnvironmentStatus waitingForComputes(TrainingEnvironment env, List<String> computes) {
    return retrying(env, "WaitingForComputes",
        "deletion waits for the TrainingComputes bound to this environment: " + String.join(", ", computes));
  }

  /** ARM refused for a reason that will not pass by itself (permissions, a lock, a collision). */
  TrainingEnvironmentStatus stalled(TrainingEnvironment env, ArmException error) {
    return stalled(env, error.code(), error.getMessage());
  }

  /** Stalled for a reason that will not pass by itself, e.g. a spec admitted under an older CRD. */
  TrainingEnvironmentStatus stalled(TrainingEnvironment env, String reason, String message) {
    Conditions c = conditions(env)
        .set(Conditions.READY, false, reason, message)
        .set(Conditions.STALLED, true, reason, message)
        .clear(Conditions.RECONCILING);
    return status(env, c, current(env));
  }

  /** A transient failure: amlnet retries with backoff. */
  TrainingEnvironmentStatus retrying(TrainingEnvironment env, String reason, String message) {
    Conditions c = conditions(env)
        .set(Conditions.READY, false, reason, message)
        .set(Conditions.RECONCILING, true, reason, message)
        .clear(Conditions.STALLED);
    return status(env, c, current(env));
  }

  /** The network objects of this owner that the reconcile's read found in Azure. */
  private static List<String> existing(AzureFacts facts, String owner) {
    List<String> ids = new ArrayList<>();
    for (JsonNode resource : facts.resources().values()) {
      String id = resource.path("id").asText();
      boolean network = NETWORK_TYPES.contains(ArmWrite.typeOf(id).toLowerCase(Locale.ROOT));
      if (network && OwnerMark.ownerOf(resource).filter(owner::equals).isPresent()) {
        ids.add(id);
      }
    }
    ids.sort(String.CASE_INSENSITIVE_ORDER);
    return ids;
  }

  /** The declared objects in their fields; any other existing owned object is listed as being removed. */
  private static OwnedAzureResources owned(DesiredNetwork network, List<String> existing) {
    Map<String, String> left = new LinkedHashMap<>();
    existing.forEach(id -> left.put(id.toLowerCase(Locale.ROOT), id));
    String nsg = take(left, network.networkSecurityGroupId());
    String routeTable = take(left, network.routeTableId());
    String natGateway = take(left, network.natGatewayId());
    String publicIp = take(left, network.publicIpAddressId());
    return new OwnedAzureResources(nsg, routeTable, natGateway, publicIp, network.subnetId(), List.copyOf(left.values()));
  }

  private static String take(Map<String, String> left, String id) {
    return id == null ? null : left.remove(id.toLowerCase(Locale.ROOT));
  }

  private static String warnings(Plan plan) {
    List<Finding> warnings = plan.findings().stream().filter(f -> !f.isBlocking() && f.compute() == null).toList();
    return warnings.isEmpty() ? "all prerequisites met"
        : Conditions.join(warnings.stream().map(f -> f.requirement() + ": " + f.message()).toList());
  }

  private static void computeReady(Conditions c, List<TrainingCompute> computes) {
    List<String> notReady = computes.stream()
        .filter(tc -> tc.getStatus() == null || !Conditions.isTrue(tc.getStatus().getConditions(), Conditions.READY))
        .map(tc -> tc.getMetadata().getName()).sorted().toList();
    if (computes.isEmpty()) {
      c.set(Conditions.COMPUTE_READY, true, "NoComputes", "no TrainingCompute is bound to this environment");
    } else if (notReady.isEmpty()) {
      c.set(Conditions.COMPUTE_READY, true, "AllComputesReady", computes.size() + " compute(s) ready");
    } else {
      c.set(Conditions.COMPUTE_READY, false, "ComputesNotReady", "not ready: " + String.join(", ", notReady));
    }
  }

  private Conditions conditions(TrainingEnvironment env) {
    return new Conditions(env.getStatus() == null ? null : env.getStatus().getConditions(),
        env.getMetadata().getGeneration(), clock);
  }

  private static OwnedAzureResources current(TrainingEnvironment env) {
    return env.getStatus() == null ? null : env.getStatus().getAzureResources();
  }

  private TrainingEnvironmentStatus status(TrainingEnvironment env, Conditions c, OwnedAzureResources resources) {
    TrainingEnvironmentStatus status = new TrainingEnvironmentStatus();
    status.setObservedGeneration(env.getMetadata().getGeneration());
    status.setConditions(c.result(OWNED));
    status.setAzureResources(resources);
    if (env.getStatus() != null) {
      status.setServiceTagsChangeNumber(env.getStatus().getServiceTagsChangeNumber());
      status.setRouteCount(env.getStatus().getRouteCount());
      status.setComputes(env.getStatus().getComputes());
      status.setDrift(env.getStatus().getDrift());
      status.setLastDriftCorrection(env.getStatus().getLastDriftCorrection());
    }
    return status;
  }

  static boolean plannedFor(TrainingEnvironment env, TrainingCompute tc) {
    return env.getStatus() != null && env.getStatus().getComputes() != null
        && env.getStatus().getComputes().stream().anyMatch(p -> p.name().equals(tc.getMetadata().getName())
            && Objects.equals(p.generation(), tc.getMetadata().getGeneration()));
  }
}
