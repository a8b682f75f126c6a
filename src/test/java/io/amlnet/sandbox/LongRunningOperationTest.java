package io.amlnet.sandbox;

import static io.amlnet.sandbox.EmulatorHarness.net;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ARM's async pattern with a latency the test sets: headers, Updating/Deleting, Succeeded/Failed. */
class LongRunningOperationTest {
  private static final Duration LATENCY = Duration.ofMillis(300);
  private static EmulatorHarness arm;

  @BeforeAll
  static void start() {
    arm = new EmulatorHarness(EmulatorOptions.defaults().lroLatency(LATENCY)
        .fault(FaultInjector.Rule.failOperation("PUT", "/routeTables/doomed$", 1.0)));
  }

  @AfterAll
  static void stop() {
    arm.close();
  }

  @Test
  void writeAnswersWithAzureAsyncOperationAndLocationHeaders() {
    var r = arm.put(net("rg-net", "networkSecurityGroups/lro-headers"), "{\"location\":\"eastus2\"}");
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.header("Azure-AsyncOperation")).startsWith(arm.emulator.baseUrl()).contains("/providers/Microsoft.Network/locations/eastus2/operations/");
    assertThat(r.header("Location")).contains("/operationResults/");
  }

  @Test
  void provisioningStateIsUpdatingUntilTheLatencyHasPassedThenSucceeded() {
    var r = arm.put(net("rg-net", "networkSecurityGroups/lro-state"), "{\"location\":\"eastus2\"}");
    assertThat(r.state()).isEqualTo("Updating");
    assertThat(arm.get(net("rg-net", "networkSecurityGroups/lro-state")).state()).isEqualTo("Updating");
    assertThat(arm.get(r.header("Azure-AsyncOperation")).body().path("status").asText()).isEqualTo("InProgress");

    assertThat(arm.awaitOperation(r).path("status").asText()).isEqualTo("Succeeded");
    assertThat(arm.get(net("rg-net", "networkSecurityGroups/lro-state")).state()).isEqualTo("Succeeded");
  }

  @Test
  void operationResultIs202WhileRunningThenTheResource() {
    var r = arm.put(net("rg-net", "routeTables/lro-result"), "{\"location\":\"eastus2\"}");
    assertThat(arm.get(r.header("Location")).status()).isEqualTo(202);
    arm.awaitOperation(r);
    var done = arm.get(r.header("Location"));
    assertThat(done.status()).isEqualTo(200);
    assertThat(done.body().path("name").asText()).isEqualTo("lro-result");
  }

  @Test
  void deleteIs202DeletingThenGone() {
    arm.awaitOperation(arm.put(net("rg-net", "natGateways/lro-delete"), "{\"location\":\"eastus2\"}"));
    var r = arm.delete(net("rg-net", "natGateways/lro-delete"));
    assertThat(r.status()).isEqualTo(202);
    assertThat(r.header("Location")).isNotNull();
    assertThat(arm.get(net("rg-net", "natGateways/lro-delete")).state()).isEqualTo("Deleting");
    assertThat(arm.awaitOperation(r).path("status").asText()).isEqualTo("Succeeded");
    assertThat(arm.get(net("rg-net", "natGateways/lro-delete")).status()).isEqualTo(404);
    assertThat(arm.get(r.header("Location")).status()).isEqualTo(204);
  }

  @Test
  void runningOperationsCarryRetryAfterWhenConfiguredAsArmSendsIt() {
    try (var slow = new EmulatorHarness(EmulatorOptions.defaults().lroLatency(LATENCY).operationRetryAfterSeconds(2))) {
      var r = slow.put(net("rg-net", "routeTables/polite"), "{\"location\":\"eastus2\"}");
      assertThat(r.header("Retry-After")).isEqualTo("2");
      assertThat(slow.get(r.header("Azure-AsyncOperation")).header("Retry-After")).isEqualTo("2");
      assertThat(slow.awaitOperation(r).path("status").asText()).isEqualTo("Succeeded");
      assertThat(slow.get(r.header("Azure-AsyncOperation")).header("Retry-After")).isNull();
    }
  }

  @Test
  void deleteOfAMissingResourceIs204() {
    assertThat(arm.delete(net("rg-net", "natGateways/never-existed")).status()).isEqualTo(204);
  }

  @Test
  void operationChosenByFaultInjectionEndsFailedWithAnError() {
    var r = arm.put(net("rg-net", "routeTables/doomed"), "{\"location\":\"eastus2\"}");
    var status = arm.awaitOperation(r);
    assertThat(status.path("status").asText()).isEqualTo("Failed");
    assertThat(status.path("error").path("code").asText()).isEqualTo("InternalServerError");
    assertThat(arm.get(net("rg-net", "routeTables/doomed")).state()).isEqualTo("Failed");
  }

  @Test
  void latencyCanBeChangedAtRunTime() {
    arm.emulator.setLroLatency(Duration.ZERO);
    try {
      var r = arm.put(net("rg-net", "routeTables/instant"), "{\"location\":\"eastus2\"}");
      assertThat(r.state()).isEqualTo("Succeeded");
    } finally {
      arm.emulator.setLroLatency(LATENCY);
    }
  }
}
