package io.amlnet.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.azure.core.credential.AccessToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlnet.metrics.ArmGauges;
import io.amlnet.sandbox.ArmEmulator;
import io.amlnet.sandbox.EmulatorOptions;
import io.amlnet.sandbox.FaultInjector;
import io.amlnet.sandbox.WorldSpec;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;

/** What amlnet's ARM client tells SREs: request counts, throttling, operations in flight, budget, correlation. */
class ArmTelemetryTest {
  private static final String RG = "/subscriptions/6f1e6c2a-9d2b-4a43-8c1e-2a6f9d3b7c10/resourceGroups/rg-aml-network";
  private static final String VNET = RG + "/providers/Microsoft.Network/virtualNetworks/vnet-aml";
  private static final String API = "2024-05-01";

  private final MeterRegistry registry = new SimpleMeterRegistry();
  private final OperationsInFlight operations = new OperationsInFlight();
  private final RequestBudget budget = new RequestBudget(new RequestBudget.Limits(
      new RequestBudget.Bucket(50, 0.001), new RequestBudget.Bucket(40, 0.001), new RequestBudget.Bucket(40, 0.001)));
  private ArmEmulator emulator;

  private ArmClient client(Consumer<EmulatorOptions> options) throws IOException {
    EmulatorOptions emulatorOptions = EmulatorOptions.defaults().port(0).lroLatency(Duration.ofMillis(10));
    options.accept(emulatorOptions);
    emulator = ArmEmulator.start(WorldSpec.load(Path.of("examples/sandbox-world.yaml")), emulatorOptions);
    ArmEndpoint endpoint = new ArmEndpoint(emulator.baseUrl(), emulator.certificatePath());
    ArmGauges.register(registry, operations, budget);
    return new ArmClient(ArmPipelines.build(request -> Mono.just(new AccessToken("t", OffsetDateTime.now().plusHours(1))),
        endpoint, budget, new ArmPipelines.RetrySettings(1, Duration.ofMillis(10), Duration.ofSeconds(2)),
        new ArmRequestMetrics(registry)), endpoint, Duration.ofMillis(20), Duration.ofMinutes(1), operations);
  }

  @AfterEach
  void stop() {
    MDC.clear();
    if (emulator != null) {
      emulator.close();
    }
  }

  private double requests(String type, String method, String status) {
    var counter = registry.find("amlnet.arm.requests")
        .tags("resource_type", type, "method", method, "status", status).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void everyRequestIsCountedByResourceTypeMethodAndStatus() throws IOException {
    ArmClient arm = client(o -> { });
    arm.get(VNET, API);
    arm.get(RG + "/providers/Microsoft.Network/routeTables/absent", API);
    arm.startPut(RG + "/providers/Microsoft.Network/routeTables/rt1", API, (ObjectNode) new com.fasterxml.jackson.databind
        .ObjectMapper().readTree("{\"location\":\"eastus2\",\"properties\":{}}"), null, "RouteTable");
    assertThat(requests("Microsoft.Network/virtualNetworks", "GET", "200")).isEqualTo(1);
    assertThat(requests("Microsoft.Network/routeTables", "GET", "404")).isEqualTo(1);
    assertThat(requests("Microsoft.Network/routeTables", "PUT", "201")).isEqualTo(1);
  }

  @Test
  void throttledAnswersAreCountedEachAttemptWithTheRetryAfterArmAskedFor() throws IOException {
    ArmClient arm = client(o -> o.fault(FaultInjector.Rule.status("GET", "/virtualNetworks/", 1.0, 429)));
    assertThatThrownBy(() -> arm.get(VNET, API)).isInstanceOf(ArmException.class);
    // one retry: two attempts, each a 429 with Retry-After: 1
    assertThat(requests("Microsoft.Network/virtualNetworks", "GET", "429")).isEqualTo(2);
    assertThat(registry.get("amlnet.arm.throttled").tag("resource_type", "Microsoft.Network/virtualNetworks")
        .counter().count()).isEqualTo(2);
    var retryAfter = registry.get("amlnet.arm.retry.after").summary();
    assertThat(retryAfter.count()).isEqualTo(2);
    assertThat(retryAfter.totalAmount()).isEqualTo(2.0);
  }

  @Test
  void operationsStartedAndNotYetSeenEndingAreGauged() throws Exception {
    ArmClient arm = client(o -> o.lroLatency(Duration.ofSeconds(3)));
    arm.get(VNET, API); // the connection is warm before the operation's clock starts
    var gauge = registry.get("amlnet.arm.operations.in.flight").gauge();
    assertThat(gauge.value()).isZero();
    ArmClient.Accepted started = arm.startPut(RG + "/providers/Microsoft.Network/networkSecurityGroups/nsg-lro", API,
        new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("location", "eastus2"), null,
        "NetworkSecurityGroup");
    assertThat(gauge.value()).isEqualTo(1);
    assertThat(arm.poll(started.operation().orElseThrow()).running()).isTrue();
    assertThat(gauge.value()).isEqualTo(1);
    Thread.sleep(3200);
    assertThat(arm.poll(started.operation().orElseThrow()).running()).isFalse();
    assertThat(gauge.value()).isZero();
  }

  @Test
  void theBudgetsTokensAreGaugedPerSubscriptionAndKind() throws IOException {
    ArmClient arm = client(o -> { });
    arm.get(VNET, API);
    arm.get(VNET, API);
    double reads = registry.get("amlnet.arm.budget.tokens")
        .tags("subscription", "6f1e6c2a-9d2b-4a43-8c1e-2a6f9d3b7c10", "kind", "read").gauge().value();
    assertThat(reads).isCloseTo(48, org.assertj.core.data.Offset.offset(0.1));
    assertThat(registry.find("amlnet.arm.budget.tokens").tag("kind", "write").gauge())
        .as("no write yet, no write bucket").isNull();
  }

  @Test
  void theReconcileIdTravelsAsArmsCorrelationIdAndFailuresAreLoggedWithArmsIds() throws IOException {
    ArmClient arm = client(o -> o.fault(FaultInjector.Rule.status("GET", "/routeTables/", 1.0, 500)));
    Logger logger = (Logger) LoggerFactory.getLogger(ArmCorrelation.class);
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    logger.addAppender(captured);
    Level level = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    String reconcileId = UUID.randomUUID().toString();
    try {
      MDC.put(ArmCorrelation.RECONCILE_ID, reconcileId);
      arm.get(VNET, API);
      assertThatThrownBy(() -> arm.get(RG + "/providers/Microsoft.Network/routeTables/rt", API))
          .isInstanceOf(ArmException.class);
    } finally {
      logger.detachAppender(captured);
      logger.setLevel(level);
    }
    assertThat(captured.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
        "ARM GET Microsoft.Network/virtualNetworks answered 200",
        "ARM GET Microsoft.Network/routeTables answered 500");
    assertThat(captured.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.DEBUG, Level.INFO);
    for (ILoggingEvent event : captured.list) {
      assertThat(event.getMDCPropertyMap()).containsEntry(ArmCorrelation.CORRELATION_ID, reconcileId)
          .containsKey(ArmCorrelation.REQUEST_ID).containsEntry(ArmCorrelation.RECONCILE_ID, reconcileId);
    }
    assertThat(MDC.get(ArmCorrelation.CORRELATION_ID)).as("ARM's ids leave the context after the line").isNull();
  }

  @Test
  void theObjectWhoseReconcileSendsARequestIsNamedInIt() throws IOException {
    ArmClient arm = client(o -> { });
    MDC.put(ArmCorrelation.OBJECT, "ml-team/open-outbound");
    try {
      arm.get(VNET, API);
    } finally {
      MDC.remove(ArmCorrelation.OBJECT);
    }
    arm.get(VNET, API);

    assertThat(emulator.requests().entries()).extracting(io.amlnet.sandbox.RequestLog.Entry::object)
        .containsExactly("ml-team/open-outbound", null);
  }
}
