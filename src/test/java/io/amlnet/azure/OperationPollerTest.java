package io.amlnet.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.amlnet.api.AzureOperation;
import io.amlnet.sandbox.ArmEmulator;
import io.amlnet.sandbox.EmulatorOptions;
import io.amlnet.sandbox.FaultInjector;
import io.amlnet.sandbox.WorldSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * Polling recorded operations: one poll each until one still runs, what a failed poll request means,
 * and what a failed operation means.
 */
class OperationPollerTest {
  private static final String RG = "/subscriptions/6f1e6c2a-9d2b-4a43-8c1e-2a6f9d3b7c10/resourceGroups/rg-aml-network";
  private static final String OWNER = "ml-team/env";
  private ArmEmulator emulator;
  private ArmClient arm;
  private OperationPoller poller;

  @BeforeEach
  void start() throws Exception {
    start(Duration.ofSeconds(30));
  }

  private void start(Duration operationLatency) throws Exception {
    if (emulator != null) {
      emulator.close();
    }
    emulator = ArmEmulator.start(WorldSpec.load(Path.of("examples/sandbox-world.yaml")),
        EmulatorOptions.defaults().port(0).lroLatency(operationLatency));
    ArmEndpoint endpoint = new ArmEndpoint(emulator.baseUrl(), emulator.certificatePath());
    // No retries in the pipeline: the poller itself meets the failed request.
    arm = new ArmClient(ArmPipelines.build(request -> Mono.just(new AccessToken("t", OffsetDateTime.now().plusHours(1))),
        endpoint, new RequestBudget(RequestBudget.Limits.DEFAULT), new ArmPipelines.RetrySettings(0, Duration.ofMillis(10),
            Duration.ofMillis(10))), endpoint, Duration.ofMillis(50), Duration.ofMinutes(1));
    poller = new OperationPoller(arm, new VirtualNetworkLocks());
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private AzureOperation startRouteTable(String name) {
    return arm.startPut(RG + "/providers/Microsoft.Network/routeTables/" + name, ApiVersions.NETWORK,
        JsonNodeFactory.instance.objectNode().put("location", "eastus2"), null, OperationPurpose.of(
            "Microsoft.Network/routeTables")).operation().orElseThrow();
  }

  @Test
  void aPollThatIsThrottledOrFailsWith5xxKeepsTheOperationRecorded() {
    AzureOperation op = startRouteTable("slow");
    emulator.faults().add(FaultInjector.Rule.status("GET", "/operations", 1.0, 503));
    OperationPoller.Progress progress = poller.pollOnce(List.of(op), OWNER);
    assertThat(progress.running()).containsExactly(op);
    assertThat(progress.pollAgainAfter()).isPositive();
  }

  @Test
  void aPollRefusedForGoodStillFailsTheReconcile() {
    AzureOperation op = startRouteTable("refused");
    emulator.faults().add(FaultInjector.Rule.status("GET", "/operations", 1.0, 400));
    assertThatThrownBy(() -> poller.pollOnce(List.of(op), OWNER)).isInstanceOf(ArmException.class);
  }

  @Test
  void aReconcileMeetsAFailedOperationAsArmsErrorButATeardownCountsItEnded() throws Exception {
    start(Duration.ofMillis(50));
    emulator.faults().add(FaultInjector.Rule.failOperation("PUT", "/routeTables/doomed$", 1.0));
    AzureOperation op = startRouteTable("doomed");
    Thread.sleep(500);
    assertThatThrownBy(() -> poller.pollOnce(List.of(op), OWNER)).isInstanceOf(ArmException.class)
        .hasMessageContaining(FaultInjector.Rule.INTERNAL_ERROR);
    OperationPoller.Progress teardown = poller.pollOnceForTeardown(List.of(op), OWNER);
    assertThat(teardown.done()).as("a failed cleanup writes no status: a thrown failure would be polled forever")
        .isTrue();
  }

  @Test
  void operationsAfterOneStillRunningAreNotPolledSinceTheReconcileWaitsForItAnyway() {
    AzureOperation first = startRouteTable("slow-a");
    AzureOperation second = startRouteTable("slow-b");
    long before = operationPolls();
    OperationPoller.Progress progress = poller.pollOnce(List.of(first, second), OWNER);
    assertThat(operationPolls() - before).isEqualTo(1);
    assertThat(progress.running()).containsExactly(first, second);
    assertThat(progress.pollAgainAfter()).isPositive();
  }

  @Test
  void everyOperationIsPolledOnceTheyHaveEnded() throws Exception {
    start(Duration.ofMillis(50));
    AzureOperation first = startRouteTable("quick-a");
    AzureOperation second = startRouteTable("quick-b");
    Thread.sleep(500);
    long before = operationPolls();
    OperationPoller.Progress progress = poller.pollOnce(List.of(first, second), OWNER);
    assertThat(operationPolls() - before).isEqualTo(2);
    assertThat(progress.done()).isTrue();
  }

  @Test
  void aRunningSubnetWriteIsPolledFirstSoItsVirtualNetworkSlotIsNotHeldUpBehindAnotherOperation() {
    AzureOperation routeTable = startRouteTable("slow-rt");
    AzureOperation running = startRouteTable("slow-subnet-stand-in");
    // A subnet write as status records it, polled at a URL of its own.
    AzureOperation subnetWrite = new AzureOperation(
        RG + "/providers/Microsoft.Network/virtualNetworks/vnet-aml/subnets/training", OperationPurpose.SUBNET, "PUT",
        running.pollingKind(), running.pollingUrl(), running.startedAt());
    List<String> polled = new java.util.ArrayList<>();
    emulator.requests().subscribe(e -> polled.add(e.method() + " " + e.path()));
    poller.pollOnce(List.of(routeTable, subnetWrite), OWNER);
    assertThat(polled).containsExactly("GET " + java.net.URI.create(subnetWrite.pollingUrl()).getPath());
  }

  private long operationPolls() {
    return emulator.requests().entries().stream().filter(e -> e.method().equals("GET") && e.path().contains("/operations/"))
        .count();
  }
}
