package io.amlnet.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlnet.api.NetworkSecurity;
import io.amlnet.api.TrainingComputeSpec.ComputeKind;
import io.amlnet.api.TrainingEnvironmentSpec;
import io.amlnet.plan.AzureFacts;
import io.amlnet.plan.AzureIds;
import io.amlnet.plan.PlanInput;
import io.amlnet.plan.ServiceTagList;
import java.util.List;
import java.util.Locale;

/**
 * Reads what the planner needs from ARM, in ARM's own JSON: the VNet with its subnets, the
 * workspace and its storage account, the caller's permissions on the VNet, the locks around its
 * resource group, existing compute instances, attached resources, and the (cached) service tags.
 */
public final class FactsReader {
  private final ArmClient arm;
  private final ServiceTagCache serviceTags;

  public FactsReader(ArmClient arm, ServiceTagCache serviceTags) {
    this.arm = arm;
    this.serviceTags = serviceTags;
  }

  public AzureFacts read(String namespace, String name, TrainingEnvironmentSpec spec, List<PlanInput.BoundCompute> computes) {
    AzureIds ids = AzureIds.of(namespace, name, spec);
    ObjectNode facts = JsonNodeFactory.instance.objectNode();
    add(facts, "virtualNetworks", ids.virtualNetwork(), ApiVersions.NETWORK);
    arm.get(ids.workspace(), ApiVersions.MACHINE_LEARNING).ifPresent(ws -> {
      facts.withArray("workspaces").add(ws.body());
      String storage = ws.body().path("properties").path("storageAccount").asText("");
      if (!storage.isEmpty()) {
        add(facts, "storageAccounts", storage, ApiVersions.STORAGE);
      }
    });
    JsonNode permissions = arm.getJson(ids.virtualNetwork() + "/providers/Microsoft.Authorization/permissions"
        + "?api-version=" + ApiVersions.PERMISSIONS);
    facts.with("permissions").set(ids.virtualNetwork(), permissions.path("value"));
    JsonNode locks = arm.getJson(ids.networkResourceGroup() + "/providers/Microsoft.Authorization/locks"
        + "?api-version=" + ApiVersions.LOCKS);
    facts.set("locks", locks.path("value"));
    if (spec.effectiveNetworkSecurity().effectiveMode() == NetworkSecurity.NsgMode.Existing) {
      // Its foreign rules: amlnet's priorities must not collide with them.
      add(facts, "resources", ids.networkSecurityGroup(), ApiVersions.NETWORK);
    }
    computes.forEach(compute -> addComputeFacts(facts, ids, compute));
    return withServiceTags(AzureFacts.fromJson(facts), spec);
  }

  /**
   * Only what a compute's own preflight reads (R8, R19, R20): the VNet, the compute as AML has it or
   * the resource it attaches. The environment's facts are its own reconcile's business, so a compute's
   * resync costs a few reads, not the environment's.
   */
  public AzureFacts readForCompute(String namespace, String name, TrainingEnvironmentSpec spec,
      PlanInput.BoundCompute compute) {
    AzureIds ids = AzureIds.of(namespace, name, spec);
    ObjectNode facts = JsonNodeFactory.instance.objectNode();
    add(facts, "virtualNetworks", ids.virtualNetwork(), ApiVersions.NETWORK);
    addComputeFacts(facts, ids, compute);
    return withServiceTags(AzureFacts.fromJson(facts), spec);
  }

  private void addComputeFacts(ObjectNode facts, AzureIds ids, PlanInput.BoundCompute compute) {
    if (compute.spec().kind().isCreatedByAml()) {
      // Where an existing instance or cluster lives (R8: an instance never moves; a subnet move strands a cluster).
      add(facts, "computes", ids.compute(compute.computeName()), ApiVersions.MACHINE_LEARNING);
    } else if (compute.spec().attach() != null) {
      String id = compute.spec().attach().resourceId();
      if (!id.toLowerCase(Locale.ROOT).startsWith(ids.subscription().toLowerCase(Locale.ROOT) + "/")) {
        return; // another subscription: Blocking by the ID alone, and not this credential's to read
      }
      // A missing attach target is a fact too: no rule may be opened for it (R20).
      if (arm.get(id, ApiVersions.forResource(id)).map(r -> facts.withArray("resources").add(r.body())).isEmpty()) {
        facts.withArray("absent").add(id);
      }
    }
  }

  private AzureFacts withServiceTags(AzureFacts read, TrainingEnvironmentSpec spec) {
    ServiceTagList tags = serviceTags(spec.subscriptionId(), spec.workspace().region());
    return new AzureFacts(tags, read.resources(), read.permissions(), read.locks(), read.denyPolicies());
  }

  /** The shared list of the workspace's region (one ARM read per refresh period for all environments). */
  public ServiceTagList serviceTags(String subscription, String region) {
    return serviceTags.get(subscription, region, r -> readServiceTags(subscription, r));
  }

  public ServiceTagList readServiceTags(String subscription, String region) {
    return ServiceTagList.fromArm(arm.getJson("/subscriptions/" + subscription + "/providers/Microsoft.Network/locations/"
        + region + "/serviceTags?api-version=" + ApiVersions.NETWORK));
  }

  private void add(ObjectNode facts, String section, String id, String apiVersion) {
    arm.get(id, apiVersion).ifPresent(r -> facts.withArray(section).add(r.body()));
  }
}
