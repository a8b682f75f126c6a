package io.amlnet.metrics;

import io.amlnet.azure.AppliedWrite;
import io.amlnet.plan.Finding;
import io.amlnet.plan.Plan;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What reconciles find and change: preflight findings by requirement (R) and severity, once per
 * reconcile that reports them; and Azure objects created or corrected for drift, by resource type.
 */
public final class ReconcileOutcomes {
  private final MeterRegistry registry;

  public ReconcileOutcomes(MeterRegistry registry) {
    this.registry = registry;
  }

  public void planned(Plan plan) {
    for (Finding finding : plan.findings()) {
      Counter.builder("amlnet.preflight.findings")
          .description("Preflight findings reported by reconciles, by requirement and severity")
          .tag("requirement", finding.requirement())
          .tag("severity", String.valueOf(finding.severity()))
          .register(registry).increment();
    }
  }

  public void applied(AppliedWrite write) {
    Counter.builder(write.created() ? "amlnet.azure.creations" : "amlnet.drift.corrections")
        .description(write.created() ? "Azure objects amlnet created"
            : "Azure objects amlnet rewrote because they differed from the plan")
        .tag("resource_type", write.resourceType())
        .register(registry).increment();
  }
}
