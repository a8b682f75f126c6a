package io.amlnet.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlnet.plan.ArmBodies;
import io.amlnet.plan.AzureIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Removes what amlnet created for an environment, in dependency order: first the subnet's
 * associations to amlnet's objects (ARM refuses to delete an NSG, route table or NAT gateway a
 * subnet still uses), then the NAT gateway, its public IP, the route table and the NSG; in an
 * existing NSG only amlnet's own rules. Objects that are not amlnet's are left alone.
 */
public final class EnvironmentTeardown {
  private static final String API = ApiVersions.NETWORK;
  private final ArmClient arm;
  private final VirtualNetworkLocks vnetLocks;

  public EnvironmentTeardown(ArmClient arm, VirtualNetworkLocks vnetLocks) {
    this.arm = arm;
    this.vnetLocks = vnetLocks;
  }

  /** The deletions made, as "DELETE id" lines for events. */
  public List<String> delete(AzureIds ids, String owner, boolean managedNsg) {
    List<String> done = new ArrayList<>();
    Optional<JsonNode> nsg = owned(ids.networkSecurityGroup(), owner, managedNsg);
    Optional<JsonNode> routeTable = owned(ids.routeTable(), owner, true);
    Optional<JsonNode> natGateway = owned(ids.natGateway(), owner, true);
    detach(ids.subnet(), nsg.isPresent() ? ids.networkSecurityGroup() : null,
        routeTable.isPresent() ? ids.routeTable() : null, natGateway.isPresent() ? ids.natGateway() : null)
        .ifPresent(done::add);
    natGateway.ifPresent(n -> done.add(delete(ids.natGateway())));
    owned(ids.publicIpAddress(), owner, true).ifPresent(p -> done.add(delete(ids.publicIpAddress())));
    routeTable.ifPresent(r -> done.add(delete(ids.routeTable())));
    if (managedNsg) {
      nsg.ifPresent(n -> done.add(delete(ids.networkSecurityGroup())));
    } else {
      arm.get(ids.networkSecurityGroup(), API).ifPresent(existing -> {
        for (JsonNode rule : existing.body().path("properties").path("securityRules")) {
          if (Ownership.ownedBy(rule, owner)) {
            done.add(delete(ids.networkSecurityGroup() + "/securityRules/" + rule.path("name").asText()));
          }
        }
      });
    }
    return done;
  }

  private Optional<JsonNode> owned(String id, String owner, boolean wanted) {
    if (!wanted) {
      return Optional.empty();
    }
    return arm.get(id, API).<JsonNode>map(ArmResource::body).filter(body -> Ownership.ownedBy(body, owner));
  }

  private Optional<String> detach(String subnetId, String nsgId, String routeTableId, String natGatewayId) {
    return vnetLocks.withLock(subnetId, () -> {
      Optional<ArmResource> subnet = arm.get(subnetId, API);
      if (subnet.isEmpty()) {
        return Optional.<String>empty();
      }
      ObjectNode body = ArmBodies.subnetForPut(subnet.get().body());
      ObjectNode properties = (ObjectNode) body.get("properties");
      boolean changed = removeIfPointsTo(properties, "networkSecurityGroup", nsgId)
          | removeIfPointsTo(properties, "routeTable", routeTableId)
          | removeIfPointsTo(properties, "natGateway", natGatewayId);
      if (!changed) {
        return Optional.<String>empty();
      }
      arm.put(subnetId, API, body, subnet.get().etag());
      return Optional.of("PUT " + subnetId + " (associations removed)");
    });
  }

  private static boolean removeIfPointsTo(ObjectNode properties, String field, String id) {
    if (id != null && properties.path(field).path("id").asText("").equalsIgnoreCase(id)) {
      properties.remove(field);
      return true;
    }
    return false;
  }

  private String delete(String id) {
    arm.delete(id, API);
    return "DELETE " + id;
  }
}
