package io.amlnet.controller;

import io.amlnet.metrics.Probe;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RuntimeInfo;

/**
 * Liveness and readiness of the running operator, from java-operator-sdk's own view: started
 * means every informer has synced its cache; an informer that lost the API server is unhealthy.
 */
public final class OperatorHealth {
  private final Operator operator;

  OperatorHealth(Operator operator) {
    this.operator = operator;
  }

  /** Live unless started and an informer is unhealthy; during startup the startup probe waits for readiness. */
  public Probe liveness() {
    RuntimeInfo runtime = operator.getRuntimeInfo();
    if (runtime.isStarted() && !runtime.allEventSourcesAreHealthy()) {
      return Probe.failing("unhealthy event sources: " + runtime.unhealthyEventSources().keySet());
    }
    return Probe.ok("ok");
  }

  /** Ready once started with every informer synced and healthy, and leading or standing by. */
  public Probe readiness() {
    RuntimeInfo runtime = operator.getRuntimeInfo();
    if (!runtime.isStarted()) {
      return Probe.failing("starting: informers not synced yet");
    }
    if (!runtime.allEventSourcesAreHealthy()) {
      return Probe.failing("unhealthy event sources: " + runtime.unhealthyEventSources().keySet());
    }
    return leadership();
  }

  /**
   * The hook for leader election (not built yet): a replica is ready when it leads or stands by
   * as a healthy follower, so a standby is not restarted for waiting. Without leader election
   * every started replica leads.
   */
  private Probe leadership() {
    return Probe.ok("ok: started, informers synced, leading (no leader election configured)");
  }
}
