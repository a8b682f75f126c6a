package io.amlnet.sandbox;

import static io.amlnet.sandbox.EmulatorHarness.net;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** ARM's token buckets per subscription and operation kind, their headers and 429 Retry-After. */
class ThrottlingTest {
  private static final String VNET = net("rg-net", "virtualNetworks/vnet1");

  @Test
  void defaultsAreAzurePublishedFigures() {
    var limits = Throttle.azureDefaults();
    assertThat(limits.get(ArmRequest.Kind.READ)).isEqualTo(new Throttle.Limits(250, 25));
    assertThat(limits.get(ArmRequest.Kind.WRITE)).isEqualTo(new Throttle.Limits(200, 10));
    assertThat(limits.get(ArmRequest.Kind.DELETE)).isEqualTo(new Throttle.Limits(200, 10));
  }

  @Test
  void responsesCarryTheRemainingReadsAndWrites() {
    try (var arm = new EmulatorHarness()) {
      assertThat(arm.get(VNET).header("x-ms-ratelimit-remaining-subscription-reads")).isEqualTo("249");
      var write = arm.put(net("rg-net", "routeTables/t"), "{\"location\":\"eastus2\"}");
      assertThat(write.header("x-ms-ratelimit-remaining-subscription-writes")).isEqualTo("199");
    }
  }

  @Test
  void remainingCountGoesDownWithEachRequest() {
    try (var arm = new EmulatorHarness(EmulatorOptions.defaults().throttle(ArmRequest.Kind.READ, 10, 0.01))) {
      assertThat(arm.get(VNET).header("x-ms-ratelimit-remaining-subscription-reads")).isEqualTo("9");
      assertThat(arm.get(VNET).header("x-ms-ratelimit-remaining-subscription-reads")).isEqualTo("8");
    }
  }

  @Test
  void emptyBucketGives429WithRetryAfter() {
    try (var arm = new EmulatorHarness(EmulatorOptions.defaults().throttle(ArmRequest.Kind.READ, 3, 0.5))) {
      for (int i = 0; i < 3; i++) {
        assertThat(arm.get(VNET).status()).isEqualTo(200);
      }
      var throttled = arm.get(VNET);
      assertThat(throttled.status()).isEqualTo(429);
      assertThat(throttled.errorCode()).isEqualTo("SubscriptionRequestsThrottled");
      assertThat(throttled.header("Retry-After")).isEqualTo("2");
      assertThat(arm.emulator.counts().throttled()).isEqualTo(1);
    }
  }

  @Test
  void bucketsAreSeparatePerOperationKind() {
    try (var arm = new EmulatorHarness(EmulatorOptions.defaults().throttle(ArmRequest.Kind.READ, 1, 0.1))) {
      arm.get(VNET);
      assertThat(arm.get(VNET).status()).isEqualTo(429);
      assertThat(arm.put(net("rg-net", "routeTables/still-writable"), "{\"location\":\"eastus2\"}").status()).isEqualTo(201);
    }
  }

  @Test
  void bucketsAreSeparatePerSubscription() {
    try (var arm = new EmulatorHarness(EmulatorOptions.defaults().throttle(ArmRequest.Kind.READ, 1, 0.1))) {
      arm.get(VNET);
      assertThat(arm.get(VNET).status()).isEqualTo(429);
      var other = arm.get("/subscriptions/" + EmulatorHarness.SUB2 + "/resourceGroups/rg-other?api-version=2021-04-01");
      assertThat(other.status()).isEqualTo(200);
    }
  }

  @Test
  void bucketRefillsOverTime() {
    try (var arm = new EmulatorHarness(EmulatorOptions.defaults().throttle(ArmRequest.Kind.READ, 1, 20))) {
      arm.get(VNET);
      assertThat(arm.get(VNET).status()).isEqualTo(429);
      EmulatorHarness.sleep(120);
      assertThat(arm.get(VNET).status()).isEqualTo(200);
    }
  }
}
