package io.amlnet.controller;

import io.amlnet.api.TrainingCompute;
import io.amlnet.api.TrainingEnvironment;
import io.amlnet.api.TrainingEnvironmentStatus;
import io.amlnet.azure.ArmException;
import io.amlnet.plan.DesiredNetwork;
import io.amlnet.plan.Finding;
import io.amlnet.plan.Plan;
import java.time.Clock;
import java.util.List;

/** Writes what one reconcile of an environment found into its status, in kstatus terms. */
final class EnvironmentStatus {
  private static final List<String> OWNED = List.of(Conditions.READY, Conditions.RECONCILING, Conditions.STALLED,
      Conditions.PREFLIGHT_PASSED, Conditions.NETWORK_SECURITY_READY, Conditions.ROUTING_READY,
      Conditions.COMPUTE_READY);

  private final Clock clock;

  EnvironmentStatus(Clock clock) {
    this.clock = clock;
  }

  /** Preflight found Blocking findings: nothing was written. */
  TrainingEnvironmentStatus blocked(TrainingEnvironment env, List<Finding> blocking, List<TrainingCompute> computes) {
    String reason = "Preflight" + blocking.get(0).requirement();
    String message = Conditions.join(blocking.stream().map(f -> f.requirement() + ": " + f.message()).toList());
    Conditions c = conditions(env)
        .set(Conditions.READY, false, reason, message)
        .set(Conditions.STALLED, true, reason, message)
        .clear(Conditions.RECONCILING)
        .set(Conditions.PREFLIGHT_PASSED, false, reason, message);
    computeReady(c, computes);
    return status(env, c, current(env));
  }

  /** The plan was applied: Azure matches it. */
  TrainingEnvironmentStatus ready(TrainingEnvironment env, Plan plan, List<TrainingCompute> computes) {
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
    TrainingEnvironmentStatus status = status(env, c, new TrainingEnvironmentStatus.OwnedAzureResources(
        network.networkSecurityGroupId(), network.routeTableId(), network.natGatewayId(),
        network.publicIpAddressId(), network.subnetId()));
    status.setServiceTagsChangeNumber(network.serviceTagsChangeNumber());
    status.setRouteCount(network.routes().isEmpty() ? null : network.routes().size());
    return status;
  }

  /** ARM refused for a reason that will not pass by itself (permissions, a lock, a collision). */
  TrainingEnvironmentStatus stalled(TrainingEnvironment env, ArmException error) {
    String message = error.getMessage();
    Conditions c = conditions(env)
        .set(Conditions.READY, false, error.code(), message)
        .set(Conditions.STALLED, true, error.code(), message)
        .clear(Conditions.RECONCILING);
    return status(env, c, current(env));
  }

  /** The spec itself is wrong (admitted under an older CRD): nothing was read or written. */
  TrainingEnvironmentStatus invalid(TrainingEnvironment env, String reason, String message) {
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

  private static TrainingEnvironmentStatus.OwnedAzureResources current(TrainingEnvironment env) {
    return env.getStatus() == null ? null : env.getStatus().getAzureResources();
  }

  private TrainingEnvironmentStatus status(TrainingEnvironment env, Conditions c,
      TrainingEnvironmentStatus.OwnedAzureResources resources) {
    TrainingEnvironmentStatus status = new TrainingEnvironmentStatus();
    status.setObservedGeneration(env.getMetadata().getGeneration());
    status.setConditions(c.result(OWNED));
    status.setAzureResources(resources);
    if (env.getStatus() != null) {
      status.setServiceTagsChangeNumber(env.getStatus().getServiceTagsChangeNumber());
      status.setRouteCount(env.getStatus().getRouteCount());
    }
    return status;
  }
}
