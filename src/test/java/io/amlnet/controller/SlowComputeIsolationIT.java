package io.amlnet.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlnet.plan.AzureIds;
import io.amlnet.sandbox.LatencyProfile;
import io.amlnet.testing.ControlPlane;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A slow compute creation does not hold up an unrelated environment, even with a single reconcile
 * thread: the NAT-gateway environment reaches Ready while the AmlCompute of another environment is
 * still Creating. Its time to Ready against its own critical path goes to
 * target/bench/slow-compute-isolation.json (a benchmark: no assertion on time).
 */
@ExtendWith(ControlPlane.class)
class SlowComputeIsolationIT {
  private static final double TIME_SCALE = 0.05;
  /** AmlCompute at 10 minutes (30 s scaled): far longer than the other environment's whole chain. */
  private static final LatencyProfile PROFILE = LatencyProfile.realistic(TIME_SCALE)
      .write("AmlCompute", Duration.ofMinutes(10));

  @Test
  void anEnvironmentBecomesReadyWhileAnotherEnvironmentsComputeIsStillCreating() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(Duration.ofMinutes(10), Duration.ofHours(24),
        o -> o.lroLatencyProfile(PROFILE).operationRetryAfterSeconds(0), s -> s.withConcurrency(1))) {
      sandbox.apply("open-outbound.yaml");
      sandbox.awaitCompute("cpu-cluster", Conditions.RECONCILING, "True", OperatorIT.READY);
      String computeId = AzureIds.of(sandbox.namespace, "open-outbound", sandbox.environment("open-outbound").getSpec())
          .compute("cpu-cluster");
      sandbox.awaitArm("the cluster's creation has started", arm -> arm.readResource(computeId).isPresent(),
          OperatorIT.READY);

      long start = System.nanoTime();
      sandbox.apply("nat-gateway.yaml");
      sandbox.awaitEnvironment("nat-gateway", Conditions.READY, "True", OperatorIT.READY);
      double timeToReady = (System.nanoTime() - start) / 1e9;

      assertThat(sandbox.armResource(computeId).path("properties").path("provisioningState").asText())
          .isEqualTo("Creating");
      assertThat(Conditions.isTrue(sandbox.compute("cpu-cluster").getStatus().getConditions(), Conditions.READY))
          .isFalse();

      double criticalPath = seconds(PROFILE.latency("Microsoft.Network/publicIPAddresses", false))
          + seconds(PROFILE.latency("Microsoft.Network/natGateways", false))
          + seconds(PROFILE.latency("Microsoft.Network/virtualNetworks/subnets", false));
      ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      ObjectNode result = json.createObjectNode();
      result.put("reconcileThreads", 1);
      result.put("timeScale", TIME_SCALE);
      result.put("slowComputeSeconds", seconds(PROFILE.latency("AmlCompute", false)));
      result.put("environment", "examples/nat-gateway.yaml");
      result.put("timeToReadySeconds", Math.round(timeToReady * 100) / 100.0);
      result.put("criticalPathSeconds", Math.round(criticalPath * 100) / 100.0);
      result.put("ratio", Math.round(timeToReady / criticalPath * 100) / 100.0);
      Path out = Path.of("target/bench/slow-compute-isolation.json");
      Files.createDirectories(out.getParent());
      Files.writeString(out, json.writeValueAsString(result));
      System.out.println("[bench] " + out + "\n" + json.writeValueAsString(result));
    }
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }
}
