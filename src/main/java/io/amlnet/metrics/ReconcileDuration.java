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
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReconcileDuration.class);
  /** A reconcile that holds its thread longer than this is logged: no reconcile should wait on Azure. */
  static final long SLOW_NANOS = java.time.Duration.ofSeconds(2).toNanos();
  /** The longest one reconcile or cleanup has held a thread since start (a Timer's max decays). */
  public static final String LONGEST = "amlnet.reconcile.duration.longest";
  private final MeterRegistry registry;
  private final java.util.concurrent.atomic.AtomicLong longestNanos = new java.util.concurrent.atomic.AtomicLong();

  public ReconcileDuration(Metrics next, MeterRegistry registry) {
    super(next);
    this.registry = registry;
    io.micrometer.core.instrument.Gauge.builder(LONGEST, longestNanos, n -> n.get() / 1e9)
        .description("The longest time one reconcile or cleanup held a reconcile thread since the operator started")
        .baseUnit("seconds")
        .register(registry);
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
      long took = System.nanoTime() - start;
      longestNanos.accumulateAndGet(took, Math::max);
      if (took > SLOW_NANOS) {
        LOG.warn("{} of {} {} held its thread {} ms", execution.name(), execution.controllerName(),
            execution.resourceID(), took / 1_000_000);
      }
      Timer.builder("amlnet.reconcile.duration")
          .description("Time of one reconcile or cleanup, its ARM calls included (none waits for a long-running operation)")
          .tag("controller", execution.controllerName())
          .tag("operation", execution.name())
          .tag("outcome", outcome)
          .publishPercentileHistogram()
          .register(registry)
          .record(took, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
  }
}
