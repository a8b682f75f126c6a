package io.amlnet.sandbox;

import static io.amlnet.sandbox.EmulatorHarness.net;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Faults chosen by method and path pattern, deterministic from the seed. */
class FaultInjectionTest {
  private static final String VNET = net("rg-net", "virtualNetworks/vnet1");

  private static List<Integer> statuses(long seed, int count) {
    try (var arm = new EmulatorHarness(EmulatorOptions.defaults().seed(seed)
        .fault(FaultInjector.Rule.status("GET", "/virtualNetworks/", 0.5, 500)))) {
      List<Integer> out = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        out.add(arm.get(VNET).status());
      }
      return out;
    }
  }

  @Test
  void injectedStatusAnswersAnArmErrorOnMatchingRequestsOnly() {
    try (var arm = new EmulatorHarness(EmulatorOptions.defaults()
        .fault(FaultInjector.Rule.status("PUT", "/routeTables/", 1.0, 503)))) {
      var r = arm.put(net("rg-net", "routeTables/flaky"), "{\"location\":\"eastus2\"}");
      assertThat(r.status()).isEqualTo(503);
      assertThat(r.errorCode()).isEqualTo("ServiceUnavailable");
      assertThat(r.header("Retry-After")).isEqualTo("1");
      assertThat(arm.get(net("rg-net", "routeTables/flaky")).status()).isEqualTo(404);
      assertThat(arm.put(net("rg-net", "natGateways/fine"), "{\"location\":\"eastus2\"}").status()).isEqualTo(201);
    }
  }

  /** A 412 on a subnet write is what ARM answers when If-Match no longer matches: its code says so. */
  @Test
  void injected412AnswersPreconditionFailedAsArmDoes() {
    try (var arm = new EmulatorHarness(EmulatorOptions.defaults()
        .fault(FaultInjector.Rule.status("PUT", "/subnets/", 1.0, 412)))) {
      var r = arm.put(net("rg-net", "virtualNetworks/vnet1/subnets/s1"), "{\"properties\":{\"addressPrefix\":\"10.0.9.0/24\"}}");
      assertThat(r.status()).isEqualTo(412);
      assertThat(r.errorCode()).isEqualTo("PreconditionFailed");
    }
  }

  @Test
  void injected429IsCountedAsThrottled() {
    try (var arm = new EmulatorHarness(EmulatorOptions.defaults().fault(FaultInjector.Rule.status("*", ".*", 1.0, 429)))) {
      assertThat(arm.get(VNET).status()).isEqualTo(429);
      assertThat(arm.emulator.counts().throttled()).isEqualTo(1);
    }
  }

  @Test
  void sameSeedGivesTheSameFaults() {
    List<Integer> first = statuses(7, 24);
    assertThat(first).contains(200, 500);
    assertThat(statuses(7, 24)).isEqualTo(first);
  }

  @Test
  void anotherSeedGivesOtherFaults() {
    assertThat(statuses(8, 24)).isNotEqualTo(statuses(7, 24));
  }

  @Test
  void injectedLatencyDelaysTheAnswer() {
    try (var arm = new EmulatorHarness(EmulatorOptions.defaults().fault(FaultInjector.Rule.latency("GET", "/virtualNetworks/", 1.0, 250)))) {
      long start = System.nanoTime();
      assertThat(arm.get(VNET).status()).isEqualTo(200);
      assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(250);
    }
  }

  @Test
  void droppedConnectionGivesTheClientNoAnswer() {
    try (var arm = new EmulatorHarness(EmulatorOptions.defaults().fault(FaultInjector.Rule.drop("GET", "/virtualNetworks/", 1.0)))) {
      assertThatThrownBy(() -> arm.get(VNET)).isInstanceOf(UncheckedIOException.class);
      assertThat(arm.emulator.requests().entries()).allSatisfy(e -> assertThat(e.status()).isZero());
    }
  }

  @Test
  void faultsCanComeFromTheWorldFile() {
    var world = WorldSpec.parse("""
        sandbox:
          faults:
            - {method: GET, path: "/subscriptions/s1$", probability: 1.0, status: 500}
        subscriptions:
          - subscriptionId: s1
        """);
    try (var arm = ArmEmulatorHandle.start(world)) {
      assertThat(arm.get("/subscriptions/s1?api-version=2021-04-01").status()).isEqualTo(500);
    }
  }
}
