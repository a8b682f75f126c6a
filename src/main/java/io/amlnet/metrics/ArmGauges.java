package io.amlnet.metrics;

import io.amlnet.azure.OperationsInFlight;
import io.amlnet.azure.RequestBudget;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** Gauges of amlnet's ARM client: long-running operations being polled, and the budget's tokens per bucket. */
public final class ArmGauges {
  private ArmGauges() {}

  public static void register(MeterRegistry registry, OperationsInFlight operations, RequestBudget budget) {
    Gauge.builder("amlnet.arm.operations.in.flight", operations, OperationsInFlight::count)
        .description("ARM long-running operations amlnet started and has not yet seen end")
        .register(registry);
    budget.observeBuckets((subscription, kind, tokens) -> Gauge.builder("amlnet.arm.budget.tokens", tokens::getAsDouble)
        .description("Tokens left in amlnet's client-side ARM budget; negative while requests wait")
        .tag("subscription", subscription)
        .tag("kind", kind)
        .register(registry));
  }
}
