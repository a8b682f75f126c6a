package io.amlnet.controller;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Status conditions in the Kubernetes API conventions, kstatus-compatible: Ready is the summary,
 * Reconciling and Stalled are "abnormal-true" and removed when false, lastTransitionTime changes
 * only when a condition's status does, so a steady state writes no new status.
 */
public final class Conditions {
  public static final String READY = "Ready";
  public static final String RECONCILING = "Reconciling";
  public static final String STALLED = "Stalled";
  public static final String PREFLIGHT_PASSED = "PreflightPassed";
  public static final String NETWORK_SECURITY_READY = "NetworkSecurityReady";
  public static final String ROUTING_READY = "RoutingReady";
  public static final String COMPUTE_READY = "ComputeReady";

  private final List<Condition> previous;
  private final List<Condition> next = new ArrayList<>();
  private final long generation;
  private final Clock clock;

  public Conditions(List<Condition> previous, long generation, Clock clock) {
    this.previous = previous == null ? List.of() : previous;
    this.generation = generation;
    this.clock = clock;
  }

  public Conditions set(String type, boolean status, String reason, String message) {
    String value = status ? "True" : "False";
    Condition old = find(previous, type);
    String since = old != null && value.equals(old.getStatus()) ? old.getLastTransitionTime()
        : Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    next.removeIf(c -> c.getType().equals(type));
    next.add(new ConditionBuilder().withType(type).withStatus(value).withReason(reason).withMessage(message)
        .withObservedGeneration(generation).withLastTransitionTime(since).build());
    return this;
  }

  /** Reconciling/Stalled when false: kstatus reads their absence as false, and absent is quieter. */
  public Conditions clear(String type) {
    next.removeIf(c -> c.getType().equals(type));
    return this;
  }

  /** The new conditions, keeping ones this reconcile did not touch (e.g. ComputeReady). */
  public List<Condition> result(List<String> owned) {
    List<Condition> out = new ArrayList<>(next);
    for (Condition c : previous) {
      if (find(out, c.getType()) == null && !owned.contains(c.getType())) {
        out.add(c);
      }
    }
    return out;
  }

  static Condition find(List<Condition> conditions, String type) {
    return conditions == null ? null
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
  }

  public static boolean isTrue(List<Condition> conditions, String type) {
    Condition c = find(conditions, type);
    return c != null && "True".equals(c.getStatus());
  }
}
