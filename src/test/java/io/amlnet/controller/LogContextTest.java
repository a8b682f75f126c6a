package io.amlnet.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.amlnet.azure.ArmCorrelation;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Log lines of a reconcile carry its object and reconcile id, also from the threads it fans ARM writes out to. */
class LogContextTest {

  @AfterEach
  void clear() {
    MDC.clear();
  }

  /** A reconcile of ns/name as JOSDK hands it to the metrics, recording the log context it runs in. */
  private static Metrics.ControllerExecution<Map<String, String>> reconcile(String namespace, String name) {
    return new Metrics.ControllerExecution<>() {
      @Override public String name() {
        return "reconcile";
      }

      @Override public String controllerName() {
        return "trainingenvironment";
      }

      @Override public String successTypeName(Map<String, String> result) {
        return "done";
      }

      @Override public ResourceID resourceID() {
        return new ResourceID(name, namespace);
      }

      @Override public Map<String, Object> metadata() {
        return Map.of();
      }

      @Override public Map<String, String> execute() {
        return MDC.getCopyOfContextMap();
      }
    };
  }

  @Test
  void eachReconcileRunsWithItsObjectAndAFreshReconcileIdThatLeaveAfterIt() throws Exception {
    ReconcileLogContext context = new ReconcileLogContext(Metrics.NOOP);
    Map<String, String> first = context.timeControllerExecution(reconcile("ml-team", "open-outbound"));
    Map<String, String> second = context.timeControllerExecution(reconcile("ml-team", "open-outbound"));
    assertThat(first).containsEntry("object", "ml-team/open-outbound");
    assertThat(first.get(ArmCorrelation.RECONCILE_ID)).matches("[0-9a-f-]{36}")
        .isNotEqualTo(second.get(ArmCorrelation.RECONCILE_ID));
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
  }

  @Test
  void tasksRunWithTheSubmittersLogContextAndLeaveTheThreadAsTheyFoundIt() throws Exception {
    LogContextExecutor executor = new LogContextExecutor(Executors.newSingleThreadExecutor());
    try {
      MDC.put("object", "ml-team/udr");
      AtomicReference<Map<String, String>> seen = new AtomicReference<>();
      CompletableFuture.runAsync(() -> seen.set(MDC.getCopyOfContextMap()), executor).get();
      MDC.clear();
      AtomicReference<Map<String, String>> after = new AtomicReference<>();
      CompletableFuture.runAsync(() -> after.set(MDC.getCopyOfContextMap()), executor).get();
      assertThat(seen.get()).containsEntry("object", "ml-team/udr");
      assertThat(after.get()).isNullOrEmpty();
    } finally {
      executor.shutdownNow();
    }
  }
}
