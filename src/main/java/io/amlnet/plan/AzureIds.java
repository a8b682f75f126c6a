package io.amlnet.plan;

import io.amlnet.api.NetworkSecurity;
import io.amlnet.api.TrainingEnvironmentSpec;

/** The ARM IDs of one environment: what it points at and what amlnet creates for it. */
public record AzureIds(
    String subscription,
    String workspace,
    String virtualNetwork,
    String subnet,
    String networkResourceGroup,
    String networkSecurityGroup,
    String routeTable,
    String natGateway,
    String publicIpAddress,
    String defaultNetworkSecurityGroup) {

  public static AzureIds of(String namespace, String name, TrainingEnvironmentSpec spec) {
    String sub = "/subscriptions/" + spec.subscriptionId();
    String networkRg = spec.network().effectiveResourceGroup(spec.workspace());
    String network = sub + "/resourceGroups/" + networkRg + "/providers/Microsoft.Network/";
    String vnet = network + "virtualNetworks/" + spec.network().virtualNetwork();
    NetworkSecurity nsg = spec.effectiveNetworkSecurity();
    String nsgName = nsg.effectiveMode() == NetworkSecurity.NsgMode.Existing
        ? nsg.name()
        : nsg.name() != null ? nsg.name() : ResourceNames.networkSecurityGroup(namespace, name);
    String nsgRg = nsg.resourceGroup() != null ? nsg.resourceGroup() : networkRg;
    return new AzureIds(
        sub,
        sub + "/resourceGroups/" + spec.workspace().resourceGroup()
            + "/providers/Microsoft.MachineLearningServices/workspaces/" + spec.workspace().name(),
        vnet,
        vnet + "/subnets/" + spec.network().subnet(),
        sub + "/resourceGroups/" + networkRg,
        sub + "/resourceGroups/" + nsgRg + "/providers/Microsoft.Network/networkSecurityGroups/" + nsgName,
        network + "routeTables/" + ResourceNames.routeTable(namespace, name),
        network + "natGateways/" + ResourceNames.natGateway(namespace, name),
        network + "publicIPAddresses/" + ResourceNames.natPublicIp(namespace, name),
        network + "networkSecurityGroups/" + ResourceNames.networkSecurityGroup(namespace, name));
  }

  /**
   * Every ID under which amlnet may have created an object for this environment, whatever the spec
   * says now: a spec that shrank still finds what an earlier one made.
   */
  public java.util.List<String> ownedCandidates() {
    return java.util.List.of(networkSecurityGroup, defaultNetworkSecurityGroup, routeTable, natGateway, publicIpAddress);
  }

  /**
   * The IDs under which the spec declares objects now (with its forced-tunnelling mode): its NSG, and
   * the route table or the NAT gateway and its public IP.
   */
  public java.util.List<String> declared(io.amlnet.api.ForcedTunneling.TunnelingMode tunneling) {
    return switch (tunneling) {
      case NatGateway -> java.util.List.of(networkSecurityGroup, natGateway, publicIpAddress);
      case UserDefinedRoutes -> java.util.List.of(networkSecurityGroup, routeTable);
      case None -> java.util.List.of(networkSecurityGroup);
    };
  }

  /**
   * The same IDs at the subnet amlnet actually associated (from the status): after a refused move
   * the spec names a subnet amlnet never touched, and teardown must undo what it did do.
   */
  public AzureIds atSubnet(String subnetId) {
    int at = subnetId.toLowerCase(java.util.Locale.ROOT).indexOf("/subnets/");
    if (at < 0) {
      return this;
    }
    return new AzureIds(subscription, workspace, subnetId.substring(0, at), subnetId, networkResourceGroup,
        networkSecurityGroup, routeTable, natGateway, publicIpAddress, defaultNetworkSecurityGroup);
  }

  public String compute(String computeName) {
    return workspace + "/computes/" + computeName;
  }
}
