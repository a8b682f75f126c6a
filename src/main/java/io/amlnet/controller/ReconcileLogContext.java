package io.amlnet.controller;

import io.amlnet.azure.ArmCorrelation;
import io.amlnet.metrics.ForwardingMetrics;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.UUID;
import org.slf4j.MDC;

/**
 * Puts the object ({@code namespace/name}) and a fresh reconcile id into the log context around
 * each reconcile and cleanup (and removes the Azure identity that {@link AzureSessions} adds). The
 * reconcile id also goes to ARM as the correlation id of every request that the reconcile makes, and
 * the object as its x-amlnet-object header ({@link ArmCorrelation}).
 */
final class ReconcileLogContext extends ForwardingMetrics {
  static final String OBJECT = ArmCorrelation.OBJECT;

  ReconcileLogContext(Metrics next) {
    super(next);
  }

  @Override
  public <T> T timeControllerExecution(ControllerExecution<T> execution) throws Exception {
    ResourceID id = execution.resourceID();
    MDC.put(OBJECT, id.getNamespace().map(ns -> ns + "/").orElse("") + id.getName());
    MDC.put(ArmCorrelation.RECONCILE_ID, UUID.randomUUID().toString());
    try {
      return super.timeControllerExecution(execution);
    } finally {
      MDC.remove(OBJECT);
      MDC.remove(ArmCorrelation.RECONCILE_ID);
      MDC.remove(AzureSessions.LOG_KEY);
    }
  }
}
