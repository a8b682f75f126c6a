package io.amlnet.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlnet.api.ForcedTunneling;
import io.amlnet.api.TrainingComputeSpec.ComputeKind;
import io.amlnet.api.TrainingEnvironmentSpec;
import io.amlnet.plan.AzureFacts;
import io.amlnet.plan.AzureIds;
import io.amlnet.plan.PlanInput;
import io.amlnet.plan.ServiceTagList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what the planner needs from ARM, in ARM's own JSON: the VNet with its subnets, the
 * workspace and its storage account, the caller's permissions on the VNet, the locks around its
 * resource group, whether policy denies the public IPs the plan needs, every network object amlnet
 * may own for the environment (by deterministic name, as status recorded it, and as the subnet
 * points at it), existing compute instances, attached resources, and the (cached) service tags.
 * A 404 is recorded as a fact ("absent"), so preflight can tell a missing VNet from an unread one.
 */
public final class FactsReader {
  private static final String PUBLIC_IP_TYPE = "Microsoft.Network/publicIPAddresses";
  private final ArmClient arm;
  private final ServiceTagCache serviceTags;
  private final SharedFacts shared;

  /**
   * Which of amlnet's deterministic names a reconcile looks for, besides what status recorded and
   * what the subnet points at.
   */
  public enum Candidates {
    /** Every name amlnet may ever have used: the spec changed since status was written, or status records nothing it made. */
    EVERY,
    /** Only the objects the spec declares: status already records whatever else amlnet made. */
    DECLARED
  }

  public FactsReader(ArmClient arm, ServiceTagCache serviceTags) {
    this(arm, serviceTags, SharedFacts.none());
  }

  public FactsReader(ArmClient arm, ServiceTagCache serviceTags, SharedFacts shared) {
    this.arm = arm;
    this.serviceTags = serviceTags;
    this.shared = shared;
  }

  /** The facts this reader keeps for many environments (to forget them after ARM's refusal). */
  public SharedFacts shared() {
    return shared;
  }

  public AzureFacts read(String namespace, String name, TrainingEnvironmentSpec spec,
      List<PlanInput.BoundCompute> computes) {
    return read(namespace, name, spec, computes, List.of());
  }

  /** @param recorded IDs the environment's status lists as owned: a custom-named NSG is found again. */
  public AzureFacts read(String namespace, String name, TrainingEnvironmentSpec spec,
      List<PlanInput.BoundCompute> computes, Collection<String> recorded) {
    return read(namespace, name, spec, computes, recorded, Candidates.EVERY);
  }

  /**
   * @param candidates {@link Candidates#DECLARED} when status is current for this spec: a steady
   *     reconcile then reads only what the environment owns, not every name it could have used
   */
  public AzureFacts read(String namespace, String name, TrainingEnvironmentSpec spec,
      List<PlanInput.BoundCompute> computes, Collection<String> recorded, Candidates candidates) {
    return withServiceTags(AzureFacts.fromJson(collect(namespace, name, spec, computes, recorded, candidates)), spec);
  }

  /**
   * The same facts as {@link #read} in the form of a facts file (`amlnet plan --facts`), service tags
   * included, so a plan made from them can be made again offline.
   */
  public ObjectNode readAsFactsFile(String namespace, String name, TrainingEnvironmentSpec spec,
      List<PlanInput.BoundCompute> computes) {
    ObjectNode facts = collect(namespace, name, spec, computes, List.of(), Candidates.EVERY);
    AzureIds ids = AzureIds.of(namespace, name, spec);
    // An attached compute as AML has it, so the saved facts say whether its attach is pending.
    computes.stream().filter(c -> !c.spec().kind().isCreatedByAml())
        .forEach(c -> add(facts, "computes", ids.compute(c.computeName()), ApiVersions.MACHINE_LEARNING, null));
    facts.set("serviceTags", serviceTags(spec.subscriptionId(), spec.workspace().region()).toArm());
    return facts;
  }

  private ObjectNode collect(String namespace, String name, TrainingEnvironmentSpec spec,
      List<PlanInput.BoundCompute> computes, Collection<String> recorded, Candidates candidates) {
    AzureIds ids = AzureIds.of(namespace, name, spec);
    ObjectNode facts = JsonNodeFactory.instance.objectNode();
    ArrayNode absent = facts.putArray("absent");
    Optional<JsonNode> vnet = add(facts, "virtualNetworks", ids.virtualNetwork(), ApiVersions.NETWORK, absent);
    addShared(facts, "workspaces", ids.workspace(), ApiVersions.MACHINE_LEARNING, absent).ifPresent(ws -> {
      String storage = ws.path("properties").path("storageAccount").asText("");
      if (!storage.isEmpty()) {
        addShared(facts, "storageAccounts", storage, ApiVersions.STORAGE, absent);
      }
    });
    if (vnet.isPresent()) {
      String permissions = ids.virtualNetwork() + "/providers/Microsoft.Authorization/permissions";
      facts.with("permissions").set(ids.virtualNetwork(), shared.read(permissions,
          () -> arm.getJson(permissions + "?api-version=" + ApiVersions.PERMISSIONS)).path("value").deepCopy());
    }
    String locks = ids.networkResourceGroup() + "/providers/Microsoft.Authorization/locks";
    facts.set("locks", shared.read(locks, () -> arm.getJson(locks + "?api-version=" + ApiVersions.LOCKS))
        .path("value").deepCopy());
    List<String> named = candidates == Candidates.EVERY ? ids.ownedCandidates()
        : ids.declared(spec.effectiveForcedTunneling().effectiveMode());
    for (String id : networkObjectCandidates(named, ids, vnet, recorded)) {
      add(facts, "networkObjects", id, ApiVersions.NETWORK, absent);
    }
    if (needsPublicIp(spec, computes)) {
      publicIpPolicy(facts, ids, spec.workspace().region());
    }
    computes.forEach(compute -> addComputeFacts(facts, ids, compute));
    return facts;
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
    ArrayNode absent = facts.putArray("absent");
    add(facts, "virtualNetworks", ids.virtualNetwork(), ApiVersions.NETWORK, absent);
    addComputeFacts(facts, ids, compute);
    if (compute.spec().kind().isCreatedByAml() && compute.spec().hasNodePublicIp()) {
      publicIpPolicy(facts, ids, spec.workspace().region());
    }
    return withServiceTags(AzureFacts.fromJson(facts), spec);
  }

  /** Just the VNet and the network objects amlnet may own: what a teardown needs. */
  public AzureFacts readNetworkObjects(AzureIds ids, Collection<String> recorded) {
    ObjectNode facts = JsonNodeFactory.instance.objectNode();
    ArrayNode absent = facts.putArray("absent");
    Optional<JsonNode> vnet = add(facts, "virtualNetworks", ids.virtualNetwork(), ApiVersions.NETWORK, absent);
    for (String id : networkObjectCandidates(ids.ownedCandidates(), ids, vnet, recorded)) {
      add(facts, "networkObjects", id, ApiVersions.NETWORK, absent);
    }
    return AzureFacts.fromJson(facts);
  }

  /** amlnet's deterministic names, what status recorded, and what the subnet is associated with now. */
  private static Collection<String> networkObjectCandidates(List<String> named, AzureIds ids, Optional<JsonNode> vnet,
      Collection<String> recorded) {
    Map<String, String> byKey = new LinkedHashMap<>();
    named.forEach(id -> byKey.putIfAbsent(id.toLowerCase(Locale.ROOT), id));
    recorded.stream().filter(id -> id != null && !id.equalsIgnoreCase(ids.subnet()))
        .forEach(id -> byKey.putIfAbsent(id.toLowerCase(Locale.ROOT), id));
    vnet.ifPresent(v -> {
      for (JsonNode subnet : v.path("properties").path("subnets")) {
        if (subnet.path("id").asText().equalsIgnoreCase(ids.subnet())) {
          for (String field : List.of("networkSecurityGroup", "routeTable", "natGateway")) {
            String id = subnet.path("properties").path(field).path("id").asText("");
            if (!id.isEmpty()) {
              byKey.putIfAbsent(id.toLowerCase(Locale.ROOT), id);
            }
          }
        }
      }
    });
    return byKey.values();
  }

  private static boolean needsPublicIp(TrainingEnvironmentSpec spec, List<PlanInput.BoundCompute> computes) {
    return spec.effectiveForcedTunneling().effectiveMode() == ForcedTunneling.TunnelingMode.NatGateway
        || computes.stream().anyMatch(c -> c.spec().kind().isCreatedByAml() && c.spec().hasNodePublicIp());
  }

  /**
   * R3/R15: asks ARM's own policy engine (PolicyInsights checkPolicyRestrictions) whether a public IP
   * may be created in the VNet's resource group, before anything billable is created.
   */
  private void publicIpPolicy(ObjectNode facts, AzureIds ids, String region) {
    ObjectNode request = JsonNodeFactory.instance.objectNode();
    ObjectNode details = request.putObject("resourceDetails");
    details.putObject("resourceContent").put("type", PUBLIC_IP_TYPE).put("location", region);
    details.put("apiVersion", ApiVersions.NETWORK);
    String check = ids.networkResourceGroup() + "/providers/Microsoft.PolicyInsights/checkPolicyRestrictions";
    JsonNode result = shared.read(check + "/" + PUBLIC_IP_TYPE + "/" + region,
        () -> arm.postAction(check + "?api-version=" + ApiVersions.POLICY_INSIGHTS, request));
    for (JsonNode evaluation : result.path("contentEvaluationResult").path("policyEvaluations")) {
      if (evaluation.path("evaluationResult").asText().equalsIgnoreCase("NonCompliant")) {
        facts.withArray("denyPolicies").addObject()
            .put("id", evaluation.path("policyInfo").path("policyAssignmentId").asText("unnamed policy"))
            .put("scope", ids.networkResourceGroup())
            .put("resourceType", PUBLIC_IP_TYPE);
      }
    }
  }

  private void addComputeFacts(ObjectNode facts, AzureIds ids, PlanInput.BoundCompute compute) {
    if (compute.spec().kind().isCreatedByAml()) {
      // Where an existing instance or cluster lives (R8: an instance never moves; a subnet move strands a cluster).
      add(facts, "computes", ids.compute(compute.computeName()), ApiVersions.MACHINE_LEARNING, null);
    } else if (compute.spec().attach() != null) {
      String id = compute.spec().attach().resourceId();
      if (!id.toLowerCase(Locale.ROOT).startsWith(ids.subscription().toLowerCase(Locale.ROOT) + "/")) {
        return; // another subscription: Blocking by the ID alone, and not this credential's to read
      }
      // A missing attach target is a fact too: no rule may be opened for it (R20).
      add(facts, "resources", id, ApiVersions.forResource(id), facts.withArray("absent"));
    }
  }

  private AzureFacts withServiceTags(AzureFacts read, TrainingEnvironmentSpec spec) {
    return read.withServiceTags(serviceTags(spec.subscriptionId(), spec.workspace().region()));
  }

  /** The shared list of the workspace's region (one ARM read per refresh period for all environments). */
  public ServiceTagList serviceTags(String subscription, String region) {
    return serviceTags.get(subscription, region, r -> readServiceTags(subscription, r));
  }

  /** The region's service tags as ARM lists them, read through the network SDK's ServiceTags client. */
  public ServiceTagList readServiceTags(String subscription, String region) {
    return ServiceTagList.fromArm(arm.serviceTags(subscription, region));
  }

  private Optional<JsonNode> add(ObjectNode facts, String section, String id, String apiVersion, ArrayNode absent) {
    return record(facts, section, id, absent, arm.get(id, apiVersion).map(ArmResource::body));
  }

  /** A resource many environments point at and amlnet never writes: read once per keep period. */
  private Optional<JsonNode> addShared(ObjectNode facts, String section, String id, String apiVersion, ArrayNode absent) {
    return record(facts, section, id, absent, shared.<Optional<JsonNode>>read(id,
        () -> arm.get(id, apiVersion).map(ArmResource::body)).map(JsonNode::deepCopy));
  }

  private static Optional<JsonNode> record(ObjectNode facts, String section, String id, ArrayNode absent,
      Optional<JsonNode> body) {
    body.ifPresentOrElse(b -> facts.withArray(section).add(b), () -> {
      if (absent != null) {
        absent.add(id);
      }
    });
    return body;
  }
}
