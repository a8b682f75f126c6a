package io.amlnet.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.credential.AccessToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlnet.plan.ArmBodies;
import io.amlnet.sandbox.ArmEmulator;
import io.amlnet.sandbox.EmulatorOptions;
import io.amlnet.sandbox.RequestLog;
import io.amlnet.sandbox.WorldSpec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** Which client sends what, as the emulator saw it: network objects and service tags the typed SDK, subnets raw. */
class NetworkSdkPathTest {
  private static final String SUBSCRIPTION = "6f1e6c2a-9d2b-4a43-8c1e-2a6f9d3b7c10";
  private static final String RG = "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/rg-aml-network";
  private static final String SUBNET = RG + "/providers/Microsoft.Network/virtualNetworks/vnet-aml/subnets/training";
  private static final String NETWORK_SDK = "azsdk-java-azure-resourcemanager-network/";
  private static final ObjectMapper JSON = new ObjectMapper();
  private ArmEmulator emulator;
  private ArmClient arm;

  @BeforeEach
  void start() throws Exception {
    emulator = ArmEmulator.start(WorldSpec.load(Path.of("examples/sandbox-world.yaml")),
        EmulatorOptions.defaults().port(0).lroLatency(Duration.ZERO));
    ArmEndpoint endpoint = new ArmEndpoint(emulator.baseUrl(), emulator.certificatePath());
    arm = new ArmClient(ArmPipelines.build(request -> Mono.just(new AccessToken("t", OffsetDateTime.now().plusHours(1))),
        endpoint, new RequestBudget(RequestBudget.Limits.DEFAULT), ArmPipelines.RetrySettings.DEFAULT),
        endpoint, Duration.ofMillis(50), Duration.ofMinutes(1));
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private static ObjectNode located() {
    return JSON.createObjectNode().put("location", "eastus2");
  }

  @Test
  void networkObjectsAndServiceTagsGoThroughTheNetworkSdkWhileSubnetWritesStayRaw() {
    String nsg = RG + "/providers/Microsoft.Network/networkSecurityGroups/nsg-path";
    String routeTable = RG + "/providers/Microsoft.Network/routeTables/rt-path";
    String publicIp = RG + "/providers/Microsoft.Network/publicIPAddresses/pip-path";
    String nat = RG + "/providers/Microsoft.Network/natGateways/nat-path";
    ObjectNode ip = located();
    ip.putObject("sku").put("name", "Standard");
    ip.putObject("properties").put("publicIPAllocationMethod", "Static");
    ObjectNode gateway = located();
    gateway.putObject("sku").put("name", "Standard");
    gateway.putObject("properties").putArray("publicIpAddresses").addObject().put("id", publicIp);

    arm.startPut(nsg, ApiVersions.NETWORK, located(), null, "NetworkSecurityGroup");
    arm.startPut(routeTable, ApiVersions.NETWORK, located(), null, "RouteTable");
    arm.startPut(publicIp, ApiVersions.NETWORK, ip, null, "PublicIpAddress");
    arm.startPut(nat, ApiVersions.NETWORK, gateway, null, "NatGateway");
    assertThat(arm.get(nsg, ApiVersions.NETWORK)).isPresent();
    new FactsReader(arm, new ServiceTagCache(Duration.ofHours(1), Clock.systemUTC())).readServiceTags(SUBSCRIPTION,
        "eastus2");
    ArmResource subnet = arm.get(SUBNET, ApiVersions.NETWORK).orElseThrow();
    arm.startPut(SUBNET, ApiVersions.NETWORK, ArmBodies.subnetForPut(subnet.body()), subnet.etag(), OperationPurpose.SUBNET);

    List<RequestLog.Entry> log = emulator.requests().entries();
    for (String sdkPath : List.of("/networkSecurityGroups/nsg-path", "/routeTables/rt-path", "/publicIPAddresses/pip-path",
        "/natGateways/nat-path", "/locations/eastus2/serviceTags")) {
      assertThat(log).filteredOn(e -> e.path().endsWith(sdkPath)).as(sdkPath).isNotEmpty()
          .allSatisfy(e -> assertThat(e.userAgent()).as(e.method() + " " + sdkPath).startsWith(NETWORK_SDK));
    }
    assertThat(log).filteredOn(e -> e.method().equals("PUT") && e.path().endsWith("/subnets/training")).hasSize(1)
        .allSatisfy(e -> assertThat(e.userAgent()).doesNotContain("azure-resourcemanager-network"));
  }
}
