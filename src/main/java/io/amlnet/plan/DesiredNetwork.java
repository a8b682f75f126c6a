package io.amlnet.plan;

import java.util.List;

/**
 * The desired network state in domain terms, before it is written as ARM bodies: for people
 * (the plan table) and for the status (route count, service-tag change number).
 */
public record DesiredNetwork(
    List<SecurityRule> securityRules,
    List<Route> routes,
    String serviceTagsChangeNumber,
    String networkSecurityGroupId,
    String routeTableId,
    String natGatewayId,
    String publicIpAddressId,
    String subnetId,
    SubnetAssociations subnetAssociations) {}
