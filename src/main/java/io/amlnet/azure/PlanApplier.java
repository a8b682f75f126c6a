package io.amlnet.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlnet.plan.ArmBodies;
import io.amlnet.plan.ArmWrite;
import io.amlnet.plan.DesiredNetwork;
import io.amlnet.plan.Plan;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

/**
 * Makes Azure's network match a plan with as few writes as possible: each target is read, compared
 * with {@link Drift}, and written only when it differs. Independent objects (NSG, route table,
 * public IP) go in parallel, then the NAT gateway, then the subnet under its VNet's lock with
 * If-Match. Objects of other owners are never written. Compute writes are the compute reconciler's.
 */
public final class PlanApplier {
  private static final String SECURITY_RULES = "Microsoft.Network/networkSecurityGroups/securityRules";
  private static final String SUBNETS = "Microsoft.Network/virtualNetworks/subnets";
  private static final String NAT_GATEWAYS = "Microsoft.Network/natGateways";
  private static final int SUBNET_ATTEMPTS = 3;

  private final ArmClient arm;
  private final VirtualNetworkLocks vnetLocks;
  private final ExecutorService executor;

  public PlanApplier(ArmClient arm, VirtualNetworkLocks vnetLocks, ExecutorService executor) {
    this.arm = arm;
    this.vnetLocks = vnetLocks;
    this.executor = executor;
  }

  public List<AppliedWrite> apply(Plan plan, String owner) {
    List<ArmWrite> first = new ArrayList<>();
    List<ArmWrite> natGateways = new ArrayList<>();
    ArmWrite subnet = null;
    for (ArmWrite write : plan.writes()) {
      String type = write.resourceType();
      if (type.startsWith("Microsoft.MachineLearningServices")) {
        continue;
      } else if (type.equals(SUBNETS)) {
        subnet = write;
      } else if (type.equals(NAT_GATEWAYS)) {
        natGateways.add(write);
      } else {
        first.add(write);
      }
    }
    List<AppliedWrite> applied = Collections.synchronizedList(new ArrayList<>());
    Map<String, Optional<ArmResource>> parents = Collections.synchronizedMap(new HashMap<>());
    inParallel(first, w -> applyIfDrifted(w, owner, parents).ifPresent(applied::add));
    inParallel(natGateways, w -> applyIfDrifted(w, owner, parents).ifPresent(applied::add));
    if (subnet != null) {
      associate(subnet.id(), subnet.apiVersion(), plan.network()).ifPresent(applied::add);
    }
    return List.copyOf(applied);
  }

  private Optional<AppliedWrite> applyIfDrifted(ArmWrite write, String owner, Map<String, Optional<ArmResource>> parents) {
    Optional<JsonNode> current = current(write, parents);
    if (current.isPresent() && !Ownership.ownedBy(current.get(), owner)) {
      throw Ownership.collision(write.id(), owner);
    }
    List<String> differences = current.map(c -> Drift.between(write.body(), c)).orElse(AppliedWrite.ABSENT);
    if (differences.isEmpty()) {
      return Optional.empty();
    }
    arm.put(write.id(), write.apiVersion(), write.body(), null);
    return Optional.of(new AppliedWrite("PUT", write.id(), write.resourceType(), differences));
  }

  /** Rules inside another owner's NSG are read through one GET of that NSG, not one per rule. */
  private Optional<JsonNode> current(ArmWrite write, Map<String, Optional<ArmResource>> parents) {
    if (!write.resourceType().equals(SECURITY_RULES)) {
      return arm.get(write.id(), write.apiVersion()).map(ArmResource::body);
    }
    int at = write.id().lastIndexOf("/securityRules/");
    String nsgId = write.id().substring(0, at);
    String ruleName = write.id().substring(at + "/securityRules/".length());
    Optional<ArmResource> nsg = parents.computeIfAbsent(nsgId.toLowerCase(), k -> arm.get(nsgId, write.apiVersion()));
    if (nsg.isEmpty()) {
      throw new ArmException(404, "ResourceNotFound", "the existing NSG " + nsgId + " does not exist");
    }
    for (JsonNode rule : nsg.get().body().path("properties").path("securityRules")) {
      if (rule.path("name").asText().equalsIgnoreCase(ruleName)) {
        return Optional.of(rule);
      }
    }
    return Optional.empty();
  }

  /** The subnet's associations, set from a fresh read under the VNet's lock; If-Match guards the rest. */
  private Optional<AppliedWrite> associate(String subnetId, String apiVersion, DesiredNetwork network) {
    return vnetLocks.withLock(subnetId, () -> {
      for (int attempt = 1; ; attempt++) {
        ArmResource fresh = arm.get(subnetId, apiVersion).orElseThrow(() -> new ArmException(404,
            "SubnetNotFound", "subnet " + subnetId + " does not exist"));
        ObjectNode desired = ArmBodies.subnetWithAssociations(fresh.body(), null,
            network.networkSecurityGroupId(), network.routeTableId(), network.natGatewayId());
        List<String> differences = Drift.between(associations(desired), fresh.body());
        if (differences.isEmpty()) {
          return Optional.<AppliedWrite>empty();
        }
        try {
          arm.put(subnetId, apiVersion, desired, fresh.etag());
          return Optional.of(new AppliedWrite("PUT", subnetId, SUBNETS, differences));
        } catch (ArmException e) {
          if (e.status() != 412 || attempt == SUBNET_ATTEMPTS) {
            throw e;
          }
        }
      }
    });
  }

  private static JsonNode associations(ObjectNode subnet) {
    ObjectNode only = subnet.objectNode();
    ObjectNode properties = only.putObject("properties");
    for (String field : List.of("networkSecurityGroup", "routeTable", "natGateway")) {
      if (subnet.path("properties").has(field)) {
        properties.set(field, subnet.path("properties").get(field));
      }
    }
    return only;
  }

  private void inParallel(List<ArmWrite> writes, java.util.function.Consumer<ArmWrite> action) {
    List<CompletableFuture<Void>> futures = writes.stream()
        .map(w -> CompletableFuture.runAsync(() -> action.accept(w), executor)).toList();
    try {
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }
}
