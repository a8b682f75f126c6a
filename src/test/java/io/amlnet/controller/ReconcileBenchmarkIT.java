package io.amlnet.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlnet.sandbox.RequestLog;
import io.amlnet.testing.ControlPlane;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What one reconcile of the restricted-outbound UDR example costs in ARM requests, first apply and
 * steady state, and how long apply-to-Ready takes when ARM's long-running operations take 2 s; and
 * for every environment example, its time to Ready against its critical path (the chain of
 * operations ARM must run one after another for it). Prints and writes
 * target/bench/operator-reconcile.json; asserts only that steady state writes nothing and that every
 * example ends Ready.
 */
@ExtendWith(ControlPlane.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReconcileBenchmarkIT {
  private static final String EXAMPLE = "udr-ip-prefixes";
  private static final Duration RESYNC = Duration.ofSeconds(3);
  private static final Duration LATENCY = Duration.ofSeconds(2);
  private static final List<String> ENVIRONMENT_EXAMPLES = List.of("open-outbound", "restricted-outbound", "nat-gateway",
      "udr-ip-prefixes", "udr-service-tags", "existing-nsg");
  private static final ObjectNode RESULT = new ObjectMapper().createObjectNode();

  @AfterAll
  static void write() throws Exception {
    Path out = Path.of("target/bench/operator-reconcile.json");
    Files.createDirectories(out.getParent());
    String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(RESULT);
    Files.writeString(out, json);
    System.out.println("[bench] " + out + "\n" + json);
  }

  @Test
  @Order(2)
  void everyEnvironmentExampleTimeToReadyAgainstItsCriticalPath() throws Exception {
    ArrayNode examples = RESULT.putArray("examples");
    try (OperatorSandbox sandbox = OperatorSandbox.start(Duration.ofMinutes(10), o -> o.lroLatency(LATENCY)
        .operationRetryAfterSeconds(0))) {
      for (String example : ENVIRONMENT_EXAMPLES) {
        sandbox.arm.requests().reset();
        long start = System.nanoTime();
        sandbox.apply(example + ".yaml", OperatorIT::environmentOnly);
        sandbox.awaitEnvironment(example, Conditions.READY, "True", Duration.ofSeconds(120));
        double timeToReady = (System.nanoTime() - start) / 1e9;
        double criticalPath = CriticalPath.operationsInChain(sandbox.arm.requests().entries()) * LATENCY.toMillis() / 1000.0;
        ObjectNode e = examples.addObject();
        e.put("example", "examples/" + example + ".yaml");
        e.put("timeToReadySeconds", Math.round(timeToReady * 100) / 100.0);
        e.put("criticalPathSeconds", criticalPath);
        e.put("ratio", Math.round(timeToReady / criticalPath * 100) / 100.0);
      }
    }
  }

  @Test
  @Order(1)
  void restrictedUdrExampleFirstApplyAndSteadyState() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(RESYNC, o -> o.lroLatency(LATENCY))) {
      long start = System.nanoTime();
      sandbox.apply(EXAMPLE + ".yaml");
      sandbox.awaitEnvironment(EXAMPLE, Conditions.READY, "True", Duration.ofSeconds(120));
      double applyToReadySeconds = (System.nanoTime() - start) / 1e9;
      RequestLog.Counts firstApply = sandbox.arm.counts();
      long firstApplyReconciles = reconciles(sandbox);

      sandbox.arm.requests().reset();
      sandbox.awaitArm("three resyncs", arm -> reconciles(sandbox) >= 3, Duration.ofSeconds(60));
      OperatorSandbox.sleep(500);
      RequestLog.Counts steady = sandbox.arm.counts();
      long steadyReconciles = reconciles(sandbox);

      ObjectNode result = RESULT;
      result.put("example", "examples/" + EXAMPLE + ".yaml");
      result.put("lroLatencySeconds", 2);
      result.put("applyToReadySeconds", Math.round(applyToReadySeconds * 100) / 100.0);
      ObjectNode first = result.putObject("firstApply");
      first.put("reconciles", firstApplyReconciles);
      first.put("armReads", firstApply.reads());
      first.put("armWrites", firstApply.writes());
      ObjectNode steadyState = result.putObject("steadyStatePerReconcile");
      steadyState.put("reconcilesMeasured", steadyReconciles);
      steadyState.put("armReads", (double) steady.reads() / steadyReconciles);
      steadyState.put("armWrites", (double) steady.writes() / steadyReconciles);
      assertThat(steady.writes()).isZero();
    }
  }

  /** Each environment reconcile reads the VNet exactly once (facts), so VNet GETs count reconciles. */
  private static long reconciles(OperatorSandbox sandbox) {
    List<RequestLog.Entry> entries = sandbox.arm.requests().entries();
    return entries.stream().filter(e -> e.method().equals("GET")
        && e.path().toLowerCase().endsWith("/virtualnetworks/vnet-aml")).count();
  }
}
