package io.amlnet.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.credential.AccessToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlnet.api.AzureOperation;
import io.amlnet.sandbox.ArmEmulator;
import io.amlnet.sandbox.EmulatorOptions;
import io.amlnet.sandbox.FaultInjector;
import io.amlnet.sandbox.LatencyProfile;
import io.amlnet.sandbox.WorldSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** A write returns at once with the operation to poll; one poll is one GET; ARM's polling forms are all understood. */
class NonBlockingWriteTest {
  private static final String RG = "/subscriptions/6f1e6c2a-9d2b-4a43-8c1e-2a6f9d3b7c10/resourceGroups/rg-aml-network";
  private static final String API = "2024-05-01";
  private static final ObjectMapper JSON = new ObjectMapper();
  private ArmEmulator emulator;

  private ArmClient client(Consumer<EmulatorOptions> options) throws IOException {
    EmulatorOptions o = EmulatorOptions.defaults().port(0);
    options.accept(o);
    emulator = ArmEmulator.start(WorldSpec.load(Path.of("examples/sandbox-world.yaml")), o);
    ArmEndpoint endpoint = new ArmEndpoint(emulator.baseUrl(), emulator.certificatePath());
    return new ArmClient(ArmPipelines.build(request -> Mono.just(new AccessToken("t", OffsetDateTime.now().plusHours(1))),
        endpoint, new RequestBudget(RequestBudget.Limits.DEFAULT), ArmPipelines.RetrySettings.DEFAULT),
        endpoint, Duration.ofMillis(50), Duration.ofMinutes(1));
  }

  @AfterEach
  void stop() {
    if (emulator != null) {
      emulator.close();
    }
  }

  private static ObjectNode located() {
    return JSON.createObjectNode().put("location", "eastus2");
  }

  private static ArmClient.Poll pollUntilEnded(ArmClient arm, AzureOperation op) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    ArmClient.Poll poll = arm.poll(op);
    while (poll.running() && System.nanoTime() < deadline) {
      Thread.sleep(20);
      poll = arm.poll(op);
    }
    return poll;
  }

  @Test
  void aPutReturnsAtOnceWithItsAzureAsyncOperationAndOnePollIsOneGet() throws Exception {
    ArmClient arm = client(o -> o.lroLatency(Duration.ofMillis(400)));
    String id = RG + "/providers/Microsoft.Network/networkSecurityGroups/nsg-started";
    ArmClient.Accepted started = arm.startPut(id, API, located(), null, "NetworkSecurityGroup");
    AzureOperation op = started.operation().orElseThrow();
    assertThat(op.pollingKind()).isEqualTo(AzureOperation.ASYNC_OPERATION);
    assertThat(op.resourceId()).isEqualTo(id);
    assertThat(op.purpose()).isEqualTo("NetworkSecurityGroup");
    emulator.requests().reset();
    assertThat(arm.poll(op).running()).isTrue();
    assertThat(emulator.counts().reads()).isEqualTo(1);
    ArmClient.Poll ended = pollUntilEnded(arm, op);
    assertThat(ended.running()).isFalse();
    assertThat(ended.failure()).isNull();
  }

  @Test
  void aWriteArmFinishedWithinTheRequestHasNoOperation() throws Exception {
    ArmClient arm = client(o -> o.lroLatency(Duration.ZERO));
    ArmClient.Accepted started = arm.startPut(RG + "/providers/Microsoft.Network/routeTables/rt-instant", API,
        located(), null, "RouteTable");
    assertThat(started.done()).isTrue();
  }

  @Test
  void aLocationOnlyDeleteIsPolledThroughItsLocationUntilItIsNoLonger202() throws Exception {
    ArmClient arm = client(o -> o.lroLatencyProfile(LatencyProfile.realistic(0.02)));
    String id = RG + "/providers/Microsoft.Network/publicIPAddresses/pip-location-only";
    ObjectNode body = located();
    body.putObject("sku").put("name", "Standard");
    pollUntilEnded(arm, arm.startPut(id, API, body, null, "PublicIpAddress").operation().orElseThrow());
    AzureOperation delete = arm.startDelete(id, API, "PublicIpAddress").operation().orElseThrow();
    assertThat(delete.pollingKind()).isEqualTo(AzureOperation.LOCATION);
    assertThat(arm.poll(delete).running()).isTrue();
    ArmClient.Poll ended = pollUntilEnded(arm, delete);
    assertThat(ended.running()).isFalse();
    assertThat(ended.failure()).isNull();
    assertThat(arm.get(id, API)).isEmpty();
  }

  @Test
  void aFailedOperationIsArmsErrorOnThePollThatSeesIt() throws Exception {
    ArmClient arm = client(o -> o.lroLatency(Duration.ofMillis(100))
        .fault(FaultInjector.Rule.failOperation("PUT", "/routeTables/doomed$", 1.0)));
    AzureOperation op = arm.startPut(RG + "/providers/Microsoft.Network/routeTables/doomed", API, located(), null,
        "RouteTable").operation().orElseThrow();
    ArmClient.Poll ended = pollUntilEnded(arm, op);
    assertThat(ended.failure()).isNotNull();
    assertThat(ended.failure().code()).isEqualTo("InternalServerError");
  }

  @Test
  void retryAfterIsReadInDeltaSecondsAndAsAnHttpDateAndKeptWithinBounds() throws Exception {
    ArmClient arm = client(o -> { });
    Instant now = Instant.parse("2026-11-30T08:00:00Z");
    assertThat(arm.retryAfter("3", now)).isEqualTo(Duration.ofSeconds(3));
    String inFour = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(4).atOffset(ZoneOffset.UTC));
    assertThat(arm.retryAfter(inFour, now)).isEqualTo(Duration.ofSeconds(4));
    assertThat(arm.retryAfter("600", now)).isEqualTo(Duration.ofSeconds(10));
    assertThat(arm.retryAfter("0", now)).isEqualTo(Duration.ofMillis(50));
    assertThat(arm.retryAfter(null, now)).isNull();
    assertThat(arm.retryAfter("soon", now)).isNull();
  }

  @Test
  void withoutRetryAfterALongRunningOperationIsPolledAtAFifthOfItsAge() throws Exception {
    ArmClient arm = client(o -> { });
    AzureOperation young = new AzureOperation("id", "Compute", "PUT", AzureOperation.ASYNC_OPERATION, "u",
        Instant.now().toString());
    AzureOperation old = new AzureOperation("id", "Compute", "PUT", AzureOperation.ASYNC_OPERATION, "u",
        Instant.now().minusSeconds(20).toString());
    assertThat(arm.nextPoll(young, null)).isEqualTo(Duration.ofMillis(50));
    assertThat(arm.nextPoll(old, null)).isBetween(Duration.ofSeconds(4), Duration.ofMillis(4100));
    assertThat(arm.nextPoll(old, Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(2));
  }
}
