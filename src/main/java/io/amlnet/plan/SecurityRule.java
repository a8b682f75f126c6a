package io.amlnet.plan;

/** One NSG rule amlnet wants, with the requirement it serves. Ports are ARM ranges ("*", "22", "29876-29877"). */
public record SecurityRule(
    String name,
    int priority,
    Direction direction,
    Access access,
    String protocol,
    String sourceAddressPrefix,
    String destinationAddressPrefix,
    String destinationPortRange,
    String requirement,
    String description) {

  public enum Direction { Inbound, Outbound }

  public enum Access { Allow, Deny }
}
