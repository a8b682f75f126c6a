package io.amlnet.sandbox;

import static io.amlnet.sandbox.EmulatorHarness.net;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A second write to one VNet's subnets while one is in flight is 409 AnotherOperationInProgress. */
class ConcurrentSubnetWriteTest {
  private static EmulatorHarness arm;

  @BeforeAll
  static void start() {
    arm = new EmulatorHarness(EmulatorOptions.defaults().lroLatency(Duration.ofMillis(400)));
  }

  @AfterAll
  static void stop() {
    arm.close();
  }

  private static String subnet(String prefix) {
    return "{\"properties\":{\"addressPrefix\":\"" + prefix + "\"}}";
  }

  @Test
  void secondSubnetWriteWhileTheFirstRunsIs409AnotherOperationInProgress() {
    var first = arm.put(net("rg-net", "virtualNetworks/vnet1/subnets/a"), subnet("10.0.10.0/24"));
    assertThat(first.status()).isEqualTo(201);
    var second = arm.put(net("rg-net", "virtualNetworks/vnet1/subnets/b"), subnet("10.0.11.0/24"));
    assertThat(second.status()).isEqualTo(409);
    assertThat(second.errorCode()).isEqualTo("AnotherOperationInProgress");
    assertThat(second.header("Retry-After")).isNotNull();

    arm.awaitOperation(first);
    assertThat(arm.put(net("rg-net", "virtualNetworks/vnet1/subnets/b"), subnet("10.0.11.0/24")).status()).isEqualTo(201);
  }

  @Test
  void writesToDifferentVnetsDoNotBlockEachOther() {
    var first = arm.put(net("rg-policy", "virtualNetworks/vnet-policy/subnets/x"), subnet("10.2.10.0/24"));
    var other = arm.put(net("rg-locked", "virtualNetworks/vnet-locked/subnets/y"), subnet("10.1.10.0/24"));
    assertThat(first.status()).isEqualTo(201);
    assertThat(other.status()).isEqualTo(201);
  }
}
