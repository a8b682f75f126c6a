package io.amlnet.metrics;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * How long each reconcile and cleanup takes, by controller and outcome ({@code success} or
 * {@code failure}, i.e. it threw and JOSDK will retry), as a histogram Prometheus can take
 * quantiles of. JOSDK's own execution timers are still recorded by the metrics it wraps.
 */
public final class ReconcileDuration extends ForwardingMetrics {
  private final MeterRegistry registry;

  public ReconcileDuration(Metrics next, MeterRegistry registry) {
    super(next);
    this.registry = registry;
  }

  @Override
  public <T> T timeControllerExecution(ControllerExecution<T> execution) throws Exception {
    long start = System.nanoTime();
    String outcome = "failure";
    try {
      T result = super.timeControllerExecution(execution);
      outcome = "success";
      return result;
    } finally {
      Timer.builder("amlnet.reconcile.duration")
          .description("Time of one reconcile or cleanup, ARM calls and waits for long-running operations included")
          .tag("controller", execution.controllerName())
          .tag("operation", execution.name())
          .tag("outcome", outcome)
          .publishPercentileHistogram()
          .register(registry)
          .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
  }
}
