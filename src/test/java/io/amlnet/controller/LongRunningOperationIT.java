package io.amlnet.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.amlnet.api.AzureOperation;
import io.amlnet.api.TrainingEnvironment;
import io.amlnet.plan.AzureIds;
import io.amlnet.sandbox.FaultInjector;
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

  /**
   * ARM can accept a subnet write and then end its operation Failed with AnotherOperationInProgress
   * (another write to the VNet superseded it): amlnet polls that as "again shortly", never Stalled, and
   * puts the Failed subnet again, as Microsoft's remedy for a Failed network resource says.
   */
  @Test
  void aSubnetWriteWhoseOperationEndsAnotherOperationInProgressIsWrittenAgainAndNeverStalls() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(OperatorIT.NEVER, o -> o.fault(FaultInjector.Rule.failOperation(
        "PUT", "/subnets/training-restricted$", 1.0, FaultInjector.Rule.ANOTHER_OPERATION_IN_PROGRESS)))) {
      sandbox.apply("restricted-outbound.yaml");
      TrainingEnvironment env = sandbox.environment("restricted-outbound");
      String subnet = AzureIds.of(sandbox.namespace, "restricted-outbound", env.getSpec()).subnet();
      String vnet = subnet.substring(0, subnet.toLowerCase().indexOf("/subnets/"));
      sandbox.awaitArm("the accepted subnet write ended Failed", arm -> arm.readResource(vnet)
          .map(v -> v.path("properties").path("provisioningState").asText().equals("Failed")).orElse(false),
          OperatorIT.READY);
      sandbox.arm.faults().clear();

      sandbox.awaitEnvironment("restricted-outbound", Conditions.READY, "True", OperatorIT.READY);
      long subnetPuts = sandbox.arm.requests().entries().stream()
          .filter(e -> e.method().equals("PUT") && e.path().equalsIgnoreCase(subnet)).count();
      assertThat(subnetPuts).as("the superseded write and the one that replaced it").isGreaterThanOrEqualTo(2);
      assertThat(sandbox.armResource(vnet).path("properties").path("provisioningState").asText()).isEqualTo("Succeeded");
      assertThat(Conditions.find(sandbox.environment("restricted-outbound").getStatus().getConditions(),
          Conditions.STALLED)).satisfiesAnyOf(c -> assertThat(c).isNull(), c -> assertThat(c.getStatus()).isEqualTo("False"));
      assertThat(sandbox.kube.v1().events().inNamespace(sandbox.namespace).list().getItems())
          .as("a superseded operation is no error: no Warning event names it")
          .noneMatch(e -> "Warning".equals(e.getType()) && "AnotherOperationInProgress".equals(e.getReason()));
    }
  }

  /**
   * A subnet write's record can be lost (an error status written while it ran); the VNet's write
   * slot must not stay with it. The next reconcile that starts no subnet write gives the slot back, so
   * another environment of the VNet is not queued until the slot expires.
   */
  @Test
  void aSubnetWriteWhoseRecordIsLostDoesNotKeepTheVirtualNetworksSlot() throws Exception {
    LatencyProfile slowSubnet = LatencyProfile.fixed(Duration.ofMillis(100))
        .write("Microsoft.Network/virtualNetworks/subnets", Duration.ofSeconds(3));
    try (OperatorSandbox sandbox = OperatorSandbox.start(OperatorIT.NEVER, o -> o.lroLatencyProfile(slowSubnet))) {
      sandbox.apply("open-outbound.yaml", OperatorIT::environmentOnly);
      sandbox.awaitArm("the subnet write is recorded", arm -> {
        TrainingEnvironment env = sandbox.environment("open-outbound");
        return env.getStatus() != null && env.getStatus().getOperations() != null && env.getStatus().getOperations()
            .stream().anyMatch(op -> op.purpose().equals("Subnet"));
      }, OperatorIT.READY);
      // As an error status written in that moment would: the record of the running write is gone.
      sandbox.kube.resources(TrainingEnvironment.class).inNamespace(sandbox.namespace).withName("open-outbound")
          .subresource("status").patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
              io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE), "{\"status\":{\"operations\":null}}");

      sandbox.apply("restricted-outbound.yaml", OperatorIT::environmentOnly);
      // Within VNET_WAIT and a few operations: the slot did not wait for its 30-minute expiry.
      sandbox.awaitEnvironment("restricted-outbound", Conditions.READY, "True", Duration.ofSeconds(60));
      sandbox.awaitEnvironment("open-outbound", Conditions.READY, "True", OperatorIT.READY);
    }
  }

  /**
   * At 1,000 environments the subscription's read budget, not ARM's writes, sets the pace: an
   * environment queued for its VNet's write slot reads nothing from Azure when it looks again
   * (every VNET_WAIT) while another still holds the slot; the holder's release wakes it.
   */
  @Test
  void anEnvironmentQueuedForItsVirtualNetworksSlotReadsNothingWhileAnotherHoldsIt() throws Exception {
    Duration subnetWrite = TrainingEnvironmentReconciler.VNET_WAIT.plusSeconds(15);
    LatencyProfile slowSubnet = LatencyProfile.fixed(Duration.ofMillis(100))
        .write("Microsoft.Network/virtualNetworks/subnets", subnetWrite);
    try (OperatorSandbox sandbox = OperatorSandbox.start(OperatorIT.NEVER, o -> o.lroLatencyProfile(slowSubnet))) {
      sandbox.apply("open-outbound.yaml", OperatorIT::environmentOnly);
      sandbox.awaitArm("the first environment's subnet write runs", arm -> arm.requests().entries().stream()
          .anyMatch(e -> e.method().equals("PUT") && e.path().contains("/subnets/")), OperatorIT.READY);
      sandbox.apply("restricted-outbound.yaml", OperatorIT::environmentOnly);
      awaitReason(sandbox, "restricted-outbound", "WaitingForVirtualNetwork");
      // One look again (VNET_WAIT) while the holder's write still runs.
      assertNoRequestsForOneLook(sandbox, "restricted-outbound");
      sandbox.awaitEnvironment("restricted-outbound", Conditions.READY, "True", OperatorIT.READY.plus(subnetWrite));
    }
  }

  /**
   * The same for a deletion: two environments of one VNet deleted together detach their subnets one
   * after another, and the one waiting for the slot reads nothing meanwhile (a queued teardown used
   * to read every name amlnet may have used, on every look).
   */
  @Test
  void anEnvironmentDeletedWhileAnotherDetachesOnItsVirtualNetworkReadsNothingUntilItsTurn() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(OperatorIT.NEVER, o -> { })) {
      sandbox.apply("open-outbound.yaml", OperatorIT::environmentOnly);
      sandbox.apply("restricted-outbound.yaml", OperatorIT::environmentOnly);
      sandbox.awaitEnvironment("open-outbound", Conditions.READY, "True", OperatorIT.READY);
      sandbox.awaitEnvironment("restricted-outbound", Conditions.READY, "True", OperatorIT.READY);
      Duration subnetWrite = TrainingEnvironmentReconciler.VNET_WAIT.plusSeconds(15);
      sandbox.arm.setLroLatencyProfile(LatencyProfile.fixed(Duration.ofMillis(100))
          .write("Microsoft.Network/virtualNetworks/subnets", subnetWrite));

      sandbox.kube.resource(sandbox.environment("open-outbound")).delete();
      sandbox.awaitArm("the first environment's detach runs", arm -> arm.requests().entries().stream()
          .anyMatch(e -> e.method().equals("PUT") && e.path().contains("/subnets/")
              && e.time().isAfter(java.time.Instant.now().minusSeconds(60))), OperatorIT.READY);
      sandbox.kube.resource(sandbox.environment("restricted-outbound")).delete();
      awaitReason(sandbox, "restricted-outbound", "WaitingForVirtualNetwork");
      assertNoRequestsForOneLook(sandbox, "restricted-outbound");
      sandbox.awaitArm("both deleted", arm -> sandbox.environment("open-outbound") == null
          && sandbox.environment("restricted-outbound") == null, OperatorIT.READY.plus(subnetWrite).plus(subnetWrite));
    }
  }

  /** Over one VNET_WAIT (a look again) the environment makes no ARM request. */
  private static void assertNoRequestsForOneLook(OperatorSandbox sandbox, String name) {
    String queued = sandbox.namespace + "/" + name;
    long before = sandbox.arm.requests().entries().stream().filter(e -> queued.equals(e.object())).count();
    OperatorSandbox.sleep(TrainingEnvironmentReconciler.VNET_WAIT.plusSeconds(3).toMillis());
    assertThat(sandbox.arm.requests().entries().stream().filter(e -> queued.equals(e.object())).count())
        .as("ARM requests by " + name + ", queued while another held its VNet's slot").isEqualTo(before);
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
