package io.amlnet.sandbox;

import static io.amlnet.sandbox.EmulatorHarness.compute;
import static io.amlnet.sandbox.EmulatorHarness.net;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/** Each resource type's operations run as long as the profile says, scaled, and are polled as ARM asks. */
class LatencyProfileTest {
  private static final String LOCATION = "{\"location\":\"eastus2\"}";

  @Test
  void theRealisticPresetHoldsTheEstimatedDurationsAtScaleOne() {
    LatencyProfile p = LatencyProfile.realistic(1.0);
    assertThat(p.latency("Microsoft.Network/networkSecurityGroups", false)).isEqualTo(Duration.ofSeconds(5));
    assertThat(p.latency("Microsoft.Network/routeTables", false)).isEqualTo(Duration.ofSeconds(5));
    assertThat(p.latency("Microsoft.Network/publicIPAddresses", false)).isEqualTo(Duration.ofSeconds(5));
    assertThat(p.latency("Microsoft.Network/natGateways", false)).isEqualTo(Duration.ofSeconds(30));
    assertThat(p.latency("Microsoft.Network/virtualNetworks/subnets", false)).isEqualTo(Duration.ofSeconds(10));
    assertThat(p.latency("AmlCompute", false)).isEqualTo(Duration.ofSeconds(120));
    assertThat(p.latency("ComputeInstance", false)).isEqualTo(Duration.ofSeconds(300));
    assertThat(p.latency("attach", false)).isEqualTo(Duration.ofSeconds(30));
    assertThat(p.latency("Microsoft.Network/natGateways", true)).isEqualTo(Duration.ofSeconds(10));
    assertThat(p.latency("AmlCompute", true)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void theTimeScaleMultipliesEveryDuration() {
    LatencyProfile p = LatencyProfile.realistic(0.05);
    assertThat(p.latency("Microsoft.Network/natGateways", false)).isEqualTo(Duration.ofMillis(1500));
    assertThat(p.latency("ComputeInstance", false)).isEqualTo(Duration.ofSeconds(15));
    assertThat(p.latency("Microsoft.Network/routeTables", true)).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void aChildTypeWithoutItsOwnEntryTakesItsParentsDuration() {
    LatencyProfile p = LatencyProfile.realistic(1.0).write("Microsoft.Network/networkSecurityGroups", Duration.ofSeconds(7));
    assertThat(p.latency("microsoft.network/networkSecurityGroups/securityRules", false)).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void aWorldFileNamesThePresetTheScaleAndOverrides() {
    WorldSpec world = WorldSpec.parse("""
        sandbox:
          lroLatency:
            preset: realistic
            timeScale: 0.1
            writes: {Microsoft.Network/natGateways: 2000}
            deleteMs: 300
        """);
    LatencyProfile p = LatencyProfile.parse(world.settings().path("lroLatency"), Duration.ofSeconds(1));
    assertThat(p.latency("Microsoft.Network/natGateways", false)).isEqualTo(Duration.ofMillis(200));
    assertThat(p.latency("AmlCompute", false)).isEqualTo(Duration.ofSeconds(12));
    assertThat(p.latency("Microsoft.Network/natGateways", true)).isEqualTo(Duration.ofMillis(30));
  }

  @Test
  void withoutAProfileTheFixedLatencyStillAppliesToEveryType() {
    LatencyProfile p = LatencyProfile.parse(WorldSpec.parse("sandbox: {lroLatencyMs: 700}").settings().path("lroLatency"),
        Duration.ofMillis(700));
    assertThat(p.latency("Microsoft.Network/natGateways", false)).isEqualTo(Duration.ofMillis(700));
    assertThat(p.latency("ComputeInstance", true)).isEqualTo(Duration.ofMillis(700));
    assertThat(p.polling("Microsoft.Network/natGateways", true)).isEqualTo(LatencyProfile.Polling.ASYNC_OPERATION);
  }

  @Test
  void aNatGatewayIsStillUpdatingWhenAnNsgStartedWithItHasSucceeded() {
    try (var arm = new EmulatorHarness(EmulatorOptions.defaults().lroLatencyProfile(LatencyProfile.realistic(0.05)))) {
      var nat = arm.put(net("rg-net", "natGateways/slow"), "{\"location\":\"eastus2\",\"sku\":{\"name\":\"Standard\"}}");
      var nsg = arm.put(net("rg-net", "networkSecurityGroups/quick"), LOCATION);
      assertThat(arm.awaitOperation(nsg).path("status").asText()).isEqualTo("Succeeded");
      assertThat(arm.get(net("rg-net", "natGateways/slow")).state()).isEqualTo("Updating");
      assertThat(arm.get(nat.header("Azure-AsyncOperation")).body().path("status").asText()).isEqualTo("InProgress");
    }
  }

  @Test
  void aDeleteTheProfileMarksLocationOnlyAnswers202WithLocationAndNoAzureAsyncOperation() {
    try (var arm = new EmulatorHarness(EmulatorOptions.defaults().lroLatencyProfile(LatencyProfile.realistic(0.02)))) {
      String id = net("rg-net", "publicIPAddresses/location-only");
      var created = arm.put(id, "{\"location\":\"eastus2\",\"sku\":{\"name\":\"Standard\"}}");
      assertThat(created.header("Azure-AsyncOperation")).isNotNull();
      arm.awaitOperation(created);

      var deleted = arm.delete(id);
      assertThat(deleted.status()).isEqualTo(202);
      assertThat(deleted.header("Azure-AsyncOperation")).isNull();
      assertThat(deleted.header("Location")).contains("/operationResults/");
      assertThat(arm.get(deleted.header("Location")).status()).isEqualTo(202);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (arm.get(deleted.header("Location")).status() == 202 && System.nanoTime() < deadline) {
        EmulatorHarness.sleep(20);
      }
      assertThat(arm.get(deleted.header("Location")).status()).isEqualTo(204);
      assertThat(arm.get(id).status()).isEqualTo(404);
    }
  }

  @Test
  void computeOperationsSendRetryAfterAsAnHttpDateAndNetworkOperationsAsSeconds() {
    try (var arm = new EmulatorHarness(EmulatorOptions.defaults().lroLatencyProfile(LatencyProfile.realistic(0.05))
        .operationRetryAfterSeconds(3))) {
      var cluster = arm.put(compute("dated"), "{\"properties\":{\"computeType\":\"AmlCompute\",\"properties\":"
          + "{\"vmSize\":\"STANDARD_DS3_V2\",\"scaleSettings\":{\"maxNodeCount\":1}}}}");
      assertThat(cluster.status()).isEqualTo(201);
      ZonedDateTime when = ZonedDateTime.parse(cluster.header("Retry-After"), DateTimeFormatter.RFC_1123_DATE_TIME);
      assertThat(Duration.between(ZonedDateTime.now(), when)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(4));

      var nsg = arm.put(net("rg-net", "networkSecurityGroups/seconds"), LOCATION);
      assertThat(nsg.header("Retry-After")).isEqualTo("3");
    }
  }
}
