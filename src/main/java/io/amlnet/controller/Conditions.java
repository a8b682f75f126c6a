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
  /**
   * The longest condition message: a status must stay far below etcd's object limit however much
   * a bad input makes amlnet say (a 1 MiB prefix, hundreds of findings).
   */
  public static final int MAX_MESSAGE = 1024;

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
    next.add(new ConditionBuilder().withType(type).withStatus(value).withReason(bounded(reason, 128))
        .withMessage(bounded(message, MAX_MESSAGE))
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

  /** Items joined with "; " as far as they fit in a message, then how many were left out. */
  public static String join(List<String> items) {
    StringBuilder out = new StringBuilder();
    int shown = 0;
    for (String item : items) {
      String next = (shown == 0 ? "" : "; ") + item;
      if (shown > 0 && out.length() + next.length() > MAX_MESSAGE - 40) {
        break;
      }
      out.append(next);
      shown++;
    }
    if (shown < items.size()) {
      out.append(" (and ").append(items.size() - shown).append(" more)");
    }
    return out.toString();
  }

  /** The text cut to {@code max} characters, saying how many were left out. */
  static String bounded(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    // Room for the tail "... (N more characters)"; never split a surrogate pair.
    int keep = Math.max(0, max - 32);
    if (keep > 0 && Character.isHighSurrogate(text.charAt(keep - 1))) {
      keep--;
    }
    String cut = text.substring(0, keep);
    return cut + "... (" + (text.length() - cut.length()) + " more characters)";
  }

  /** The reason of the minimal status written when the API server refused the full one for size. */
  public static final String STATUS_TOO_LARGE = "StatusTooLarge";

  /** The API server or etcd refused a write because of its size. */
  static boolean refusedForSize(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof io.fabric8.kubernetes.client.KubernetesClientException k) {
        String message = String.valueOf(k.getMessage()).toLowerCase(java.util.Locale.ROOT);
        if (k.getCode() == 413 || message.contains("too large") || message.contains("too long")) {
          return true;
        }
      }
    }
    return false;
  }

  /** Stalled with a short reason and nothing else: what is written when the full status cannot be. */
  static List<Condition> minimal(long generation, Clock clock) {
    String message = "the status amlnet computed was refused by the API server for its size";
    return new Conditions(null, generation, clock)
        .set(READY, false, STATUS_TOO_LARGE, message)
        .set(STALLED, true, STATUS_TOO_LARGE, message)
        .result(List.of());
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
