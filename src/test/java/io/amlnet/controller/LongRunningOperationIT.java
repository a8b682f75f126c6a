package io.amlnet.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.amlnet.api.AzureOperation;
import io.amlnet.api.TrainingEnvironment;
import io.amlnet.plan.AzureIds;
import io.amlnet.sandbox.LatencyProfile;
import io.amlnet.testing.ControlPlane;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An operation amlnet started is recorded, named in Reconciling, polled later, and survives a restart. */
@ExtendWith(ControlPlane.class)
class LongRunningOperationIT {
  private static final LatencyProfile SLOW_NAT = LatencyProfile.fixed(Duration.ofMillis(100))
      .write("Microsoft.Network/natGateways", Duration.ofSeconds(6));

  @Test
  void whileTheNatGatewayIsCreatedTheEnvironmentIsReconcilingWaitingForNatGatewayWithTheOperationInStatus()
      throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(OperatorIT.NEVER, o -> o.lroLatencyProfile(SLOW_NAT))) {
      sandbox.apply("nat-gateway.yaml");
      Condition reconciling = awaitReason(sandbox, "nat-gateway", "WaitingForNatGateway");
      assertThat(reconciling.getStatus()).isEqualTo("True");
      List<AzureOperation> operations = sandbox.environment("nat-gateway").getStatus().getOperations();
      assertThat(operations).singleElement().satisfies(op -> {
        assertThat(op.purpose()).isEqualTo("NatGateway");
        assertThat(op.method()).isEqualTo("PUT");
        assertThat(op.pollingKind()).isEqualTo(AzureOperation.ASYNC_OPERATION);
        assertThat(op.pollingUrl()).startsWith(sandbox.arm.baseUrl());
      });
      assertThat(Conditions.isTrue(sandbox.environment("nat-gateway").getStatus().getConditions(), Conditions.READY))
          .isFalse();

      sandbox.awaitEnvironment("nat-gateway", Conditions.READY, "True", OperatorIT.READY);
      assertThat(sandbox.environment("nat-gateway").getStatus().getOperations()).isNull();
    }
  }

  @Test
  void anOperatorStartedAfterARestartPollsTheRecordedCreationAndWritesTheComputeOnlyOnce() throws Exception {
    LatencyProfile slowCluster = LatencyProfile.fixed(Duration.ofMillis(100)).write("AmlCompute", Duration.ofSeconds(8));
    try (OperatorSandbox sandbox = OperatorSandbox.start(OperatorIT.NEVER, o -> o.lroLatencyProfile(slowCluster))) {
      sandbox.apply("open-outbound.yaml");
      sandbox.awaitArm("the cluster's creation is recorded in its status", arm -> {
        var tc = sandbox.compute("cpu-cluster");
        return tc.getStatus() != null && tc.getStatus().getOperations() != null;
      }, OperatorIT.READY);
      sandbox.stopOperator();

      sandbox.startAnotherOperator(settings -> settings);
      sandbox.awaitCompute("cpu-cluster", Conditions.READY, "True", OperatorIT.READY);
      TrainingEnvironment env = sandbox.environment("open-outbound");
      String computeId = AzureIds.of(sandbox.namespace, "open-outbound", env.getSpec()).compute("cpu-cluster");
      long computePuts = sandbox.arm.requests().entries().stream()
          .filter(e -> e.method().equals("PUT") && e.path().equalsIgnoreCase(computeId)).count();
      assertThat(computePuts).isEqualTo(1);
      assertThat(sandbox.compute("cpu-cluster").getStatus().getOperations()).isNull();
    }
  }

  private static Condition awaitReason(OperatorSandbox sandbox, String name, String reason) {
    long deadline = System.nanoTime() + OperatorIT.READY.toNanos();
    List<Condition> last = null;
    while (System.nanoTime() < deadline) {
      TrainingEnvironment env = sandbox.environment(name);
      last = env.getStatus() == null ? null : env.getStatus().getConditions();
      Condition c = last == null ? null : Conditions.find(last, Conditions.RECONCILING);
      if (c != null && reason.equals(c.getReason())) {
        return c;
      }
      OperatorSandbox.sleep(50);
    }
    throw new AssertionError(name + " never showed Reconciling reason " + reason + "; conditions: " + last);
  }
}
