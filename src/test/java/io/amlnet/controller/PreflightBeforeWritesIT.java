package io.amlnet.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.amlnet.testing.ControlPlane;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Preflight comes before any write: what the environment points at must exist, policy is asked
 * before anything billable is created, and a subnet has one owner. Each case ends Stalled with its
 * own reason and 0 ARM writes.
 */
@ExtendWith(ControlPlane.class)
class PreflightBeforeWritesIT {
  private static final Duration READY = OperatorIT.READY;

  private static void assertStalledWithNoWrite(OperatorSandbox sandbox, String name, String reason) {
    Condition stalled = sandbox.awaitEnvironment(name, Conditions.STALLED, "True", READY);
    assertThat(stalled.getReason()).isEqualTo(reason);
    assertThat(sandbox.arm.counts().writes()).as("ARM writes").isZero();
    assertThat(sandbox.arm.counts().deletes()).as("ARM deletes").isZero();
  }

  @Test
  void r15_aPolicyDenyingPublicIpsBlocksTheNatGatewayBeforeAnythingIsCreated() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(OperatorIT.NEVER, o -> { })) {
      sandbox.arm.setPolicyEnabled("deny-public-ip", true);
      sandbox.apply("nat-gateway.yaml");
      assertStalledWithNoWrite(sandbox, "nat-gateway", "PreflightR15");
    }
  }

  @Test
  void r3_aPolicyDenyingPublicIpsStallsAPublicIpClusterBeforeItIsCreated() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(OperatorIT.NEVER, o -> { })) {
      sandbox.arm.setPolicyEnabled("deny-public-ip", true);
      sandbox.apply("open-outbound.yaml");
      Condition stalled = sandbox.awaitCompute("cpu-cluster", Conditions.STALLED, "True", READY);
      assertThat(stalled.getReason()).isEqualTo("PreflightR3");
      assertThat(sandbox.arm.requests().entries()).noneMatch(e -> e.method().equals("PUT")
          && e.path().endsWith("/computes/cpu-cluster"));
    }
  }

  @Test
  void aMissingSubnetIsBlockingWithNoWrite() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(OperatorIT.NEVER, o -> { })) {
      sandbox.apply("nat-gateway.yaml", yaml -> yaml.replace("subnet: training-natgw", "subnet: no-such-subnet"));
      assertStalledWithNoWrite(sandbox, "nat-gateway", "SubnetNotFound");
    }
  }

  @Test
  void r1_aMissingVirtualNetworkIsBlockingWithNoWrite() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(OperatorIT.NEVER, o -> { })) {
      sandbox.apply("udr-ip-prefixes.yaml", yaml -> yaml.replace("virtualNetwork: vnet-aml", "virtualNetwork: vnet-gone"));
      assertStalledWithNoWrite(sandbox, "udr-ip-prefixes", "VirtualNetworkNotFound");
    }
  }

  @Test
  void r9_aMissingExistingNsgIsBlockingWithNoWrite() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(OperatorIT.NEVER, o -> { })) {
      sandbox.apply("existing-nsg.yaml", yaml -> yaml.replace("name: shared-training-nsg", "name: no-such-nsg"));
      Condition stalled = sandbox.awaitEnvironment("existing-nsg", Conditions.STALLED, "True", READY);
      assertThat(stalled.getMessage()).contains("no-such-nsg");
      assertThat(sandbox.arm.counts().writes()).isZero();
    }
  }

  @Test
  void aSecondEnvironmentOnAClaimedSubnetStallsNamingTheFirst() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(OperatorIT.NEVER, o -> { })) {
      sandbox.apply("open-outbound.yaml", OperatorIT::environmentOnly);
      sandbox.awaitEnvironment("open-outbound", Conditions.READY, "True", READY);
      sandbox.arm.requests().reset();
      sandbox.apply("restricted-outbound.yaml", yaml -> yaml.replace("subnet: training-restricted", "subnet: training"));
      Condition stalled = sandbox.awaitEnvironment("restricted-outbound", Conditions.STALLED, "True", READY);
      assertThat(stalled.getReason()).isEqualTo("SubnetClaimed");
      assertThat(stalled.getMessage()).contains(sandbox.namespace + "/open-outbound");
      assertThat(sandbox.arm.counts().writes()).isZero();
      assertThat(Conditions.isTrue(sandbox.environment("open-outbound").getStatus().getConditions(), Conditions.READY))
          .as("the first owner is untouched").isTrue();
    }
  }

  @Test
  void aForeignNsgOnTheSubnetIsNeverReplacedSilently() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(OperatorIT.NEVER, o -> { })) {
      sandbox.apply("open-outbound.yaml", yaml -> OperatorIT.environmentOnly(yaml)
          .replace("subnet: training", "subnet: training-shared"));
      Condition stalled = sandbox.awaitEnvironment("open-outbound", Conditions.STALLED, "True", READY);
      assertThat(stalled.getReason()).isEqualTo("SubnetHasForeignNsg");
      assertThat(stalled.getMessage()).contains("mode: Existing", "shared-training-nsg");
      assertThat(sandbox.arm.counts().writes()).isZero();
    }
  }

  @Test
  void aStalledEnvironmentWarnsOnceNotOnEveryResync() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(Duration.ofSeconds(1), o -> { })) {
      sandbox.apply("nat-gateway.yaml", yaml -> yaml.replace("subnet: training-natgw", "subnet: no-such-subnet"));
      sandbox.awaitEnvironment("nat-gateway", Conditions.STALLED, "True", READY);
      long reads = sandbox.arm.counts().reads();
      sandbox.awaitArm("three more resyncs", arm -> arm.counts().reads() > reads + 3 * 4, READY);
      assertThat(sandbox.kube.resources(Event.class).inNamespace(sandbox.namespace).list().getItems())
          .filteredOn(e -> e.getType().equals("Warning")).hasSize(1);
    }
  }
}
