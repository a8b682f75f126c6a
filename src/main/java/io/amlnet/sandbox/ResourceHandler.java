package io.amlnet.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Serves one ARM resource type (and the child types nested in it). */
public interface ResourceHandler {
  /** The canonical type, e.g. {@code Microsoft.Network/networkSecurityGroups}. */
  String type();

  ArmResponse handle(ArmCall call);

  /** Puts a resource from the world file into the world, shaped as a successful PUT would leave it. */
  void seed(World world, ObjectNode resource);
}
