package io.amlnet.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.amlnet.azure.ArmPipelines;
import io.amlnet.sandbox.FaultInjector;
import io.amlnet.testing.ControlPlane;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The operator's runtime: retries without end, leader election, watched credential Secrets. */
@ExtendWith(ControlPlane.class)
class RuntimeIT {
  /** JOSDK's default before amlnet configured its own retry: the first attempt and 5 retries, then nothing. */
  static final int OLD_ATTEMPT_BUDGET = 6;

  @Test
  void anEnvironmentReachesReadyAfterAFaultBurstLongerThanTheOldRetryBudgetWithNoNewEvent() throws Exception {
    // No retry inside the HTTP pipeline: each failed NSG PUT is one failed reconcile. The resync of
    // 10 s caps the backoff (1, 2, 4, 8, 10, 10... s), so the burst outlasts 6 attempts in ~35 s.
    try (OperatorSandbox sandbox = OperatorSandbox.start(Duration.ofSeconds(10), Duration.ofHours(24),
        o -> o.fault(FaultInjector.Rule.status("PUT", "/networkSecurityGroups/", 1.0, 500)),
        s -> s.withPolling(Duration.ofMillis(50), new ArmPipelines.RetrySettings(0, Duration.ofMillis(10),
            Duration.ofMillis(10))))) {
      sandbox.apply("open-outbound.yaml", OperatorIT::environmentOnly);
      long generation = sandbox.environment("open-outbound").getMetadata().getGeneration();
      sandbox.awaitArm("more failed NSG writes than the old budget of " + OLD_ATTEMPT_BUDGET + " attempts",
          arm -> failedNsgWrites(sandbox) > OLD_ATTEMPT_BUDGET, Duration.ofSeconds(120));
      sandbox.awaitEnvironment("open-outbound", Conditions.RECONCILING, "True", OperatorIT.READY);

      sandbox.arm.faults().clear();
      var first = sandbox.arm.requests().entries().get(0).time();
      System.out.println("[retry] failed NSG writes at (s after the first request): " + sandbox.arm.requests().entries()
          .stream().filter(e -> e.method().equals("PUT") && e.path().contains("/networkSecurityGroups/") && e.status() == 500)
          .map(e -> String.format("%.1f", Duration.between(first, e.time()).toMillis() / 1000.0)).toList());

      sandbox.awaitEnvironment("open-outbound", Conditions.READY, "True", Duration.ofSeconds(60));
      assertThat(sandbox.environment("open-outbound").getMetadata().getGeneration()).isEqualTo(generation);
    }
  }

  private static long failedNsgWrites(OperatorSandbox sandbox) {
    return sandbox.arm.requests().entries().stream().filter(e -> e.method().equals("PUT")
        && e.path().contains("/networkSecurityGroups/") && e.status() == 500).count();
  }
}
