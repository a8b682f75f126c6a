package io.amlnet.controller;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlnet.api.TrainingCompute;
import io.amlnet.api.TrainingComputeStatus;
import java.time.Clock;
import java.util.List;

/** Writes one reconcile of a compute into its status: AML's provisioning state, nodes, conditions. */
final class ComputeStatus {
  private static final List<String> OWNED = List.of(Conditions.READY, Conditions.RECONCILING, Conditions.STALLED,
      Conditions.PREFLIGHT_PASSED, Conditions.COMPUTE_READY);
  private final Clock clock;

  ComputeStatus(Clock clock) {
    this.clock = clock;
  }

  TrainingComputeStatus waiting(TrainingCompute tc, String reason, String message) {
    Conditions c = conditions(tc)
        .set(Conditions.READY, false, reason, message)
        .set(Conditions.RECONCILING, true, reason, message)
        .clear(Conditions.STALLED);
    return status(tc, c, null);
  }

  /** An operation amlnet started on the compute still runs: Reconciling WaitingForCompute, recorded for the next poll. */
  TrainingComputeStatus waiting(TrainingCompute tc, TrainingComputeStatus base, List<String> purposes,
      List<io.amlnet.api.AzureOperation> operations) {
    base.setConditions(Waiting.conditions(base.getConditions(), tc.getMetadata().getGeneration(), clock, purposes,
        OWNED));
    base.setOperations(operations);
    return base;
  }

  /** Only waiting (nothing else learnt): the current status, Reconciling on what it waits for. */
  TrainingComputeStatus waiting(TrainingCompute tc, List<String> purposes, List<io.amlnet.api.AzureOperation> operations) {
    return waiting(tc, waiting(tc, Waiting.reason(purposes), Waiting.message(purposes)), purposes, operations);
  }

  TrainingComputeStatus stalled(TrainingCompute tc, String reason, String message) {
    Conditions c = conditions(tc)
        .set(Conditions.READY, false, reason, message)
        .set(Conditions.STALLED, true, reason, message)
        .clear(Conditions.RECONCILING);
    if (reason.startsWith("Preflight")) {
      c.set(Conditions.PREFLIGHT_PASSED, false, reason, message);
    }
    return status(tc, c, null);
  }

  /** From the compute as AML reports it after amlnet's write (if any). */
  TrainingComputeStatus observed(TrainingCompute tc, JsonNode compute, io.amlnet.api.Credential credential) {
    JsonNode p = compute.path("properties");
    String state = p.path("provisioningState").asText("Unknown");
    Conditions c = conditions(tc).set(Conditions.PREFLIGHT_PASSED, true, "Passed", "all prerequisites met");
    switch (state) {
      case "Succeeded" -> c.set(Conditions.READY, true, "Succeeded", "the compute is provisioned in the subnet")
          .set(Conditions.COMPUTE_READY, true, "Succeeded", p.path("computeType").asText() + " provisioned")
          .clear(Conditions.RECONCILING).clear(Conditions.STALLED);
      case "Failed", "Canceled" -> {
        // AML's own error code (e.g. RequestDisallowedByPolicy) is the reason, whether this reconcile
        // saw the operation fail or found the failed compute later.
        JsonNode error = p.path("provisioningErrors").path(0).path("error");
        String reason = error.path("code").asText("Provisioning" + state);
        String message = error.path("message").asText("AML reports provisioningState " + state);
        c.set(Conditions.READY, false, reason, message)
            .set(Conditions.COMPUTE_READY, false, reason, message)
            .set(Conditions.STALLED, true, reason, message).clear(Conditions.RECONCILING);
      }
      default -> c.set(Conditions.READY, false, state, "AML reports provisioningState " + state)
          .set(Conditions.COMPUTE_READY, false, state, "AML reports provisioningState " + state)
          .set(Conditions.RECONCILING, true, state, "waiting for AML").clear(Conditions.STALLED);
    }
    TrainingComputeStatus status = status(tc, c, compute.path("id").asText(null));
    status.setProvisioningState(state);
    status.setCredential(credential);
    JsonNode inner = p.path("properties");
    if (inner.has("currentNodeCount")) {
      status.setCurrentNodeCount(inner.get("currentNodeCount").asInt());
    }
    if (inner.has("targetNodeCount")) {
      status.setTargetNodeCount(inner.get("targetNodeCount").asInt());
    }
    return status;
  }

  private Conditions conditions(TrainingCompute tc) {
    return new Conditions(tc.getStatus() == null ? null : tc.getStatus().getConditions(),
        tc.getMetadata().getGeneration(), clock);
  }

  private TrainingComputeStatus status(TrainingCompute tc, Conditions c, String computeId) {
    TrainingComputeStatus status = new TrainingComputeStatus();
    status.setObservedGeneration(tc.getMetadata().getGeneration());
    status.setConditions(c.result(OWNED));
    TrainingComputeStatus old = tc.getStatus();
    status.setComputeId(computeId != null ? computeId : old == null ? null : old.getComputeId());
    status.setCredential(old == null ? null : old.getCredential());
    if (old != null && computeId == null) {
      status.setProvisioningState(old.getProvisioningState());
      status.setCurrentNodeCount(old.getCurrentNodeCount());
      status.setTargetNodeCount(old.getTargetNodeCount());
    }
    return status;
  }
}
