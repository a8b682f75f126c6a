package io.amlnet.sandbox;

import static io.amlnet.sandbox.EmulatorHarness.net;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.management.SubResource;
import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.network.NetworkManager;
import com.azure.resourcemanager.network.fluent.models.NatGatewayInner;
import com.azure.resourcemanager.network.fluent.models.RouteInner;
import com.azure.resourcemanager.network.fluent.models.SecurityRuleInner;
import com.azure.resourcemanager.network.fluent.models.ServiceTagsListResultInner;
import com.azure.resourcemanager.network.fluent.models.SubnetInner;
import com.azure.resourcemanager.network.models.NatGatewaySku;
import com.azure.resourcemanager.network.models.NatGatewaySkuName;
import com.azure.resourcemanager.network.models.Network;
import com.azure.resourcemanager.network.models.NetworkSecurityGroup;
import com.azure.resourcemanager.network.models.PublicIpAddress;
import com.azure.resourcemanager.network.models.PublicIPSkuType;
import com.azure.resourcemanager.network.models.RouteNextHopType;
import com.azure.resourcemanager.network.models.RouteTable;
import com.azure.resourcemanager.network.models.SecurityRuleAccess;
import com.azure.resourcemanager.network.models.SecurityRuleDirection;
import com.azure.resourcemanager.network.models.SecurityRuleProtocol;
import com.azure.resourcemanager.network.models.TagsObject;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real azure-resourcemanager-network SDK (custom AzureEnvironment, static token, an HTTP client
 * trusting only the emulator's certificate) creates, updates, reads and deletes every Network type.
 */
class NetworkSdkConformanceTest {
  private static EmulatorHarness harness;
  private static NetworkManager network;

  @BeforeAll
  static void start() {
    harness = new EmulatorHarness();
    network = harness.network();
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private NetworkSecurityGroup createNsg(String name) {
    return network.networkSecurityGroups().define(name).withRegion("eastus2").withExistingResourceGroup("rg-net")
        .defineRule("allow-batch").allowInbound().fromAddress("BatchNodeManagement").fromAnyPort().toAnyAddress()
        .toPortRange(29876, 29877).withProtocol(SecurityRuleProtocol.TCP).withPriority(100).attach()
        .create();
  }

  @Test
  void networkSecurityGroupIsCreatedUpdatedReadAndDeleted() {
    NetworkSecurityGroup nsg = createNsg("nsg-crud");
    assertThat(nsg.securityRules()).containsKey("allow-batch");
    assertThat(nsg.defaultSecurityRules()).hasSize(6);

    nsg.update().defineRule("allow-aml").allowInbound().fromAddress("AzureMachineLearning").fromAnyPort()
        .toAnyAddress().toPort(44224).withProtocol(SecurityRuleProtocol.TCP).withPriority(110).attach().apply();
    NetworkSecurityGroup read = network.networkSecurityGroups().getByResourceGroup("rg-net", "nsg-crud");
    assertThat(read.securityRules()).containsKeys("allow-batch", "allow-aml");
    assertThat(read.innerModel().provisioningState().toString()).isEqualTo("Succeeded");

    network.networkSecurityGroups().deleteByResourceGroup("rg-net", "nsg-crud");
    assertThatThrownBy(() -> network.networkSecurityGroups().getByResourceGroup("rg-net", "nsg-crud"))
        .isInstanceOf(ManagementException.class).hasMessageContaining("ResourceNotFound");
  }

  @Test
  void securityRuleChildWrittenThroughTheSdkIsPartOfTheGroup() {
    createNsg("nsg-child");
    network.serviceClient().getSecurityRules().createOrUpdate("rg-net", "nsg-child", "allow-storage",
        new SecurityRuleInner().withProtocol(SecurityRuleProtocol.TCP).withAccess(SecurityRuleAccess.ALLOW)
            .withDirection(SecurityRuleDirection.OUTBOUND).withPriority(200).withSourceAddressPrefix("VirtualNetwork")
            .withSourcePortRange("*").withDestinationAddressPrefix("Storage.EastUS2").withDestinationPortRange("443"));
    assertThat(network.networkSecurityGroups().getByResourceGroup("rg-net", "nsg-child").securityRules())
        .containsKeys("allow-batch", "allow-storage");
    assertThat(network.serviceClient().getSecurityRules().get("rg-net", "nsg-child", "allow-storage").priority()).isEqualTo(200);

    network.serviceClient().getSecurityRules().delete("rg-net", "nsg-child", "allow-storage");
    assertThat(network.networkSecurityGroups().getByResourceGroup("rg-net", "nsg-child").securityRules())
        .containsOnlyKeys("allow-batch");
  }

  @Test
  void routeTableAndRoutesAreCreatedUpdatedReadAndDeleted() {
    RouteTable rt = network.routeTables().define("rt-crud").withRegion("eastus2").withExistingResourceGroup("rg-net")
        .defineRoute("aml").withDestinationAddressPrefix("AzureMachineLearning.EastUS2").withNextHop(RouteNextHopType.INTERNET).attach()
        .create();
    assertThat(rt.routes()).containsKey("aml");

    rt.update().withRoute("10.50.0.0/16", RouteNextHopType.VIRTUAL_NETWORK_GATEWAY).apply();
    network.serviceClient().getRoutes().createOrUpdate("rg-net", "rt-crud", "batch",
        new RouteInner().withAddressPrefix("BatchNodeManagement").withNextHopType(RouteNextHopType.INTERNET));
    RouteTable read = network.routeTables().getByResourceGroup("rg-net", "rt-crud");
    assertThat(read.routes()).hasSize(3).containsKeys("aml", "batch");

    network.serviceClient().getRoutes().delete("rg-net", "rt-crud", "batch");
    assertThat(network.routeTables().getByResourceGroup("rg-net", "rt-crud").routes()).hasSize(2);
    network.routeTables().deleteByResourceGroup("rg-net", "rt-crud");
    assertThat(network.routeTables().listByResourceGroup("rg-net").stream().map(RouteTable::name)).doesNotContain("rt-crud");
  }

  @Test
  void natGatewayIsCreatedTaggedReadAndDeleted() {
    var nats = network.serviceClient().getNatGateways();
    NatGatewayInner nat = nats.createOrUpdate("rg-net", "nat-crud",
        new NatGatewayInner().withLocation("eastus2").withSku(new NatGatewaySku().withName(NatGatewaySkuName.STANDARD))
            .withIdleTimeoutInMinutes(10));
    assertThat(nat.idleTimeoutInMinutes()).isEqualTo(10);

    nats.updateTags("rg-net", "nat-crud", new TagsObject().withTags(Map.of("owner", "amlnet")));
    assertThat(nats.getByResourceGroup("rg-net", "nat-crud").tags()).containsEntry("owner", "amlnet");

    nats.delete("rg-net", "nat-crud");
    assertThatThrownBy(() -> nats.getByResourceGroup("rg-net", "nat-crud")).isInstanceOf(ManagementException.class);
  }

  @Test
  void publicIpAddressIsCreatedUpdatedReadAndDeleted() {
    PublicIpAddress pip = network.publicIpAddresses().define("pip-crud").withRegion("eastus2")
        .withExistingResourceGroup("rg-net").withSku(PublicIPSkuType.STANDARD).withStaticIP().create();
    assertThat(pip.ipAddress()).startsWith("203.0.113.");

    pip.update().withTag("env", "test").apply();
    assertThat(network.publicIpAddresses().getByResourceGroup("rg-net", "pip-crud").tags()).containsEntry("env", "test");

    network.publicIpAddresses().deleteByResourceGroup("rg-net", "pip-crud");
    assertThat(network.publicIpAddresses().listByResourceGroup("rg-net").stream().map(PublicIpAddress::name))
        .doesNotContain("pip-crud");
  }

  @Test
  void virtualNetworkAndSubnetsCarryReferencesAndBackReferences() {
    NetworkSecurityGroup nsg = createNsg("nsg-vnet");
    RouteTable rt = network.routeTables().define("rt-vnet").withRegion("eastus2").withExistingResourceGroup("rg-net").create();
    NatGatewayInner nat = network.serviceClient().getNatGateways().createOrUpdate("rg-net", "nat-vnet",
        new NatGatewayInner().withLocation("eastus2").withSku(new NatGatewaySku().withName(NatGatewaySkuName.STANDARD)));

    Network vnet = network.networks().define("vnet-sdk").withRegion("eastus2").withExistingResourceGroup("rg-net")
        .withAddressSpace("10.9.0.0/16")
        .defineSubnet("training").withAddressPrefix("10.9.1.0/24").withExistingNetworkSecurityGroup(nsg)
        .withExistingRouteTable(rt).attach()
        .create();
    assertThat(vnet.subnets().get("training").networkSecurityGroupId()).isEqualToIgnoringCase(nsg.id());

    network.serviceClient().getSubnets().createOrUpdate("rg-net", "vnet-sdk", "egress",
        new SubnetInner().withAddressPrefix("10.9.2.0/24").withNatGateway(new SubResource().withId(nat.id())));
    assertThat(network.networks().getByResourceGroup("rg-net", "vnet-sdk").subnets()).containsKeys("training", "egress");

    var nsgBack = harness.get(net("rg-net", "networkSecurityGroups/nsg-vnet")).body().path("properties").path("subnets");
    var natBack = harness.get(net("rg-net", "natGateways/nat-vnet")).body().path("properties").path("subnets");
    assertThat(nsgBack.get(0).path("id").asText()).endsWith("/virtualNetworks/vnet-sdk/subnets/training");
    assertThat(natBack.get(0).path("id").asText()).endsWith("/virtualNetworks/vnet-sdk/subnets/egress");
    assertThat(network.routeTables().getById(rt.id()).listAssociatedSubnets()).hasSize(1);

    network.serviceClient().getSubnets().delete("rg-net", "vnet-sdk", "egress");
    network.networks().deleteByResourceGroup("rg-net", "vnet-sdk");
    network.networkSecurityGroups().deleteById(nsg.id());
    network.routeTables().deleteById(rt.id());
    network.serviceClient().getNatGateways().delete("rg-net", "nat-vnet");
  }

  @Test
  void serviceTagsAreListedWithChangeNumbers() {
    ServiceTagsListResultInner tags = network.serviceClient().getServiceTags().list("eastus2");
    assertThat(tags.changeNumber()).isEqualTo("7");
    assertThat(tags.values()).anySatisfy(t -> {
      assertThat(t.name()).isEqualTo("Storage.EastUS2");
      assertThat(t.properties().region()).isEqualTo("eastus2");
      assertThat(t.properties().addressPrefixes()).containsExactly("20.38.100.0/23");
    });
  }
}
