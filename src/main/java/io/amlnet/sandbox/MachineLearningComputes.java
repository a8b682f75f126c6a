package io.amlnet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Microsoft.MachineLearningServices/workspaces/computes: AmlCompute, ComputeInstance and the
 * attached VirtualMachine, HDInsight and Databricks computes, with the behaviour Azure ML shows:
 * immutable fields, the NSG + public IP + load balancer it creates in the VNet's resource group
 * (R3), a deny-public-IP policy failing the creation, and a lock on that group failing deletion.
 */
public final class MachineLearningComputes extends TrackedResourceHandler {
  public static final String TYPE = "Microsoft.MachineLearningServices/workspaces/computes";
  static final Set<String> COMPUTE_TYPES = Set.of("AmlCompute", "ComputeInstance", "VirtualMachine", "HDInsight", "Databricks");
  private static final Set<String> AML_IMMUTABLE = Set.of("vmSize", "vmPriority", "enableNodePublicIp");
  private static final Set<String> ATTACHED = Set.of("VirtualMachine", "HDInsight", "Databricks");
  private static final String LB_TYPE = "Microsoft.Network/loadBalancers";
  private static final String ADMIN_ACCOUNT = "administratorAccount";
  private static final String ACCESS_TOKEN = "databricksAccessToken";
  /** A guess: AML's code for a missing attach credential is not documented (README, known differences). */
  static final String MISSING_CREDENTIALS = "BadArgument";

  private final NetworkSecurityGroups nsgs;
  private final PublicIpAddresses publicIps;

  public MachineLearningComputes(NetworkSecurityGroups nsgs, PublicIpAddresses publicIps) {
    super(TYPE, true, true);
    this.nsgs = nsgs;
    this.publicIps = publicIps;
  }

  private static String computeType(JsonNode compute) {
    return compute.path("properties").path("computeType").asText("");
  }

  private static JsonNode inner(JsonNode compute) {
    return compute.path("properties").path("properties");
  }

  private static String subnetId(JsonNode compute) {
    return inner(compute).path("subnet").path("id").asText("");
  }

  /** Created computes run as long as their kind; every attached kind takes as long as an attach. */
  @Override
  protected String latencyKey(ObjectNode resource) {
    String type = computeType(resource);
    return ATTACHED.contains(type) ? "attach" : type.isEmpty() ? null : type;
  }

  /** Azure ML shows Creating while a new compute is provisioned, Updating while a change is applied. */
  @Override
  protected String inFlightState(ObjectNode existing) {
    return existing == null ? "Creating" : "Updating";
  }

  @Override
  protected void validate(ArmCall call, ObjectNode existing, ObjectNode next) {
    String type = computeType(next);
    if (!COMPUTE_TYPES.contains(type)) {
      throw ArmError.badRequest("BadRequest", "computeType '" + type + "' is not supported. Supported: " + COMPUTE_TYPES + ".");
    }
    ComputeNameRules.validate(type, next.path("name").asText(""), inner(next));
    String subnet = subnetId(next);
    if (!subnet.isEmpty()) {
      ResourceId sid = ResourceId.parse(subnet);
      boolean exists = sid != null && sid.names().size() == 2 && call.world().get(sid.topId())
          .map(vnet -> ChildCollection.findIn(vnet, "subnets", sid.childName()) != null).orElse(false);
      if (!exists) {
        throw ArmError.badRequest("InvalidSubnet", "Subnet '" + subnet + "' was not found; a compute's subnet must be an existing subnet's ARM id.");
      }
      call.permissions().authorizeLinked(call.world(), call.caller(), subnet, "Microsoft.Network/virtualNetworks/subnets/join/action");
      JsonNode delegations = call.world().get(sid.topId()).map(v -> ChildCollection.findIn(v, "subnets", sid.childName()))
          .map(sn -> sn.path("properties").path("delegations")).orElseThrow();
      if (delegations.size() > 0 && (type.equals("AmlCompute") || type.equals("ComputeInstance"))) {
        throw ArmError.badRequest("SubnetDelegated", "Subnet '" + subnet + "' is delegated to "
            + delegations.get(0).path("properties").path("serviceName").asText() + "; Azure Machine Learning compute needs an undelegated subnet.");
      }
    }
    if (ATTACHED.contains(type)) {
      String target = next.path("properties").path("resourceId").asText("");
      if (target.isEmpty() || call.world().get(target).isEmpty()) {
        throw ArmError.badRequest("BadRequest", type + " compute needs properties.resourceId of an existing resource; '" + target + "' was not found.");
      }
      requireCredentials(type, inner(next));
    }
    if (existing != null) {
      rejectChanges(existing, next, type);
    }
  }

  /**
   * AML cannot reach an attached VM or HDInsight cluster without its SSH login, nor a Databricks
   * workspace without an access token, so every PUT (a PUT replaces the compute) must carry them.
   */
  private static void requireCredentials(String type, JsonNode inner) {
    if (type.equals("Databricks")) {
      if (!inner.path(ACCESS_TOKEN).isTextual() || inner.path(ACCESS_TOKEN).asText().isEmpty()) {
        throw ArmError.badRequest(MISSING_CREDENTIALS, "Attaching a Databricks compute requires"
            + " properties.properties.databricksAccessToken.");
      }
      return;
    }
    JsonNode account = inner.path(ADMIN_ACCOUNT);
    boolean secret = !account.path("password").asText("").isEmpty() || !account.path("privateKeyData").asText("").isEmpty();
    if (!account.isObject() || account.path("username").asText("").isEmpty() || !secret) {
      throw ArmError.badRequest(MISSING_CREDENTIALS, "Attaching a " + type + " compute requires"
          + " properties.properties.administratorAccount with username and password or privateKeyData.");
    }
  }

  private static void rejectChanges(ObjectNode existing, ObjectNode next, String type) {
    if (!computeType(existing).equals(type)) {
      throw immutable("computeType", computeType(existing), type);
    }
    boolean subnetGiven = !subnetId(next).isEmpty();
    if ((type.equals("ComputeInstance") || type.equals("AmlCompute")) && subnetGiven
        && !subnetId(existing).equalsIgnoreCase(subnetId(next))) {
      throw immutable("subnet", subnetId(existing), subnetId(next));
    }
    if (type.equals("ComputeInstance") && !subnetGiven && !subnetId(existing).isEmpty()) {
      throw immutable("subnet", subnetId(existing), "");
    }
    if (type.equals("AmlCompute")) {
      for (String field : AML_IMMUTABLE) {
        JsonNode now = inner(next).get(field);
        JsonNode before = inner(existing).get(field);
        if (now != null && !now.isNull() && before != null && !now.asText().equalsIgnoreCase(before.asText())) {
          throw immutable(field, before.asText(), now.asText());
        }
      }
    }
  }

  private static ArmError immutable(String field, String before, String after) {
    return ArmError.badRequest("PropertyChangeNotAllowed",
        "Changing property '" + field + "' is not allowed (from '" + before + "' to '" + after + "'). Delete and re-create the compute.");
  }

  @Override
  protected void normalize(World world, ObjectNode existing, ObjectNode next) {
    ResourceId id = ResourceId.parse(next.get("id").asText());
    world.get(id.idAt(1)).ifPresent(ws -> next.put("location", ws.path("location").asText()));
    ObjectNode props = Json.child(next, "properties");
    String now = Instant.now().toString();
    props.put("createdOn", existing != null ? existing.path("properties").path("createdOn").asText(now) : now);
    props.put("modifiedOn", now);
    props.put("isAttachedCompute", ATTACHED.contains(computeType(next)));
    ObjectNode inner = Json.child(props, "properties");
    keepCredentialsApart(world, next.get("id").asText(), inner);
    switch (computeType(next)) {
      case "AmlCompute" -> {
        inner.put("vmPriority", inner.path("vmPriority").asText("Dedicated"));
        inner.put("osType", inner.path("osType").asText("Linux"));
        inner.put("enableNodePublicIp", inner.path("enableNodePublicIp").asBoolean(true));
        inner.put("remoteLoginPortPublicAccess", inner.path("remoteLoginPortPublicAccess").asText("NotSpecified"));
        ObjectNode scale = Json.child(inner, "scaleSettings");
        scale.put("minNodeCount", scale.path("minNodeCount").asInt(0));
        scale.put("maxNodeCount", scale.path("maxNodeCount").asInt(1));
        scale.put("nodeIdleTimeBeforeScaleDown", respelled(scale.path("nodeIdleTimeBeforeScaleDown").asText("PT2M")));
        inner.put("allocationState", "Steady");
        inner.put("currentNodeCount", scale.path("minNodeCount").asInt());
        inner.put("targetNodeCount", scale.path("minNodeCount").asInt());
      }
      case "ComputeInstance" -> {
        inner.put("enableNodePublicIp", inner.path("enableNodePublicIp").asBoolean(true));
        inner.put("state", "Running");
      }
      default -> { }
    }
  }

  /** AML answers a duration in its own spelling (.NET's XmlConvert): PT120S comes back as PT2M. */
  private static String respelled(String duration) {
    try {
      return java.time.Duration.parse(duration).toString();
    } catch (java.time.format.DateTimeParseException e) {
      return duration;
    }
  }

  /** AML stores credentials for listKeys and never returns them on GET: they leave the stored resource. */
  private static void keepCredentialsApart(World world, String computeId, ObjectNode inner) {
    ObjectNode credentials = Json.object();
    for (String field : new String[] {ADMIN_ACCOUNT, ACCESS_TOKEN}) {
      JsonNode value = inner.remove(field);
      if (value != null) {
        credentials.set(field, value);
      }
    }
    if (!credentials.isEmpty()) {
      world.computeCredentials().put(ResourceId.key(computeId), credentials);
    }
  }

  @Override
  protected void afterWrite(ArmCall call, ObjectNode existing, ObjectNode next, LroEngine.Builder op) {
    World world = call.world();
    String id = next.get("id").asText();
    String type = computeType(next);
    if (type.equals("VirtualMachine")) {
      JsonNode vm = world.get(next.path("properties").path("resourceId").asText()).orElseThrow();
      JsonNode image = vm.path("properties").path("storageProfile").path("imageReference");
      if (!image.path("offer").asText("").toLowerCase().contains("ubuntu")) {
        failCompute(world, op, id, new ArmError(400, "UnsupportedOperatingSystem",
            "Only Ubuntu virtual machines can be attached; image is " + image.path("publisher").asText() + "/" + image.path("offer").asText() + "."));
      }
    }
    if (existing != null || subnetId(next).isEmpty() || !(type.equals("AmlCompute") || type.equals("ComputeInstance"))) {
      return;
    }
    SideEffects fx = new SideEffects(next);
    boolean publicIp = inner(next).path("enableNodePublicIp").asBoolean(true);
    var policy = publicIp ? call.governance().denyingPolicy(world, fx.publicIpId, PublicIpAddresses.TYPE) : java.util.Optional.<ObjectNode>empty();
    var readOnly = call.governance().lockOn(world, fx.nsgId, Set.of("ReadOnly"));
    if (policy.isPresent()) {
      failCompute(world, op, id, Governance.disallowed(fx.publicIpId, policy.get()));
      return;
    }
    if (readOnly.isPresent()) {
      failCompute(world, op, id, Governance.scopeLocked(fx.nsgId, "write", readOnly.get()));
      return;
    }
    String location = world.get(fx.vnetId).map(v -> v.path("location").asText()).orElse(next.path("location").asText());
    nsgs.seed(world, fx.resource(fx.nsgId, location));
    if (publicIp) {
      ObjectNode pip = fx.resource(fx.publicIpId, location);
      pip.putObject("sku").put("name", "Standard");
      publicIps.seed(world, pip);
      ObjectNode lb = fx.resource(fx.loadBalancerId, location);
      lb.put("type", LB_TYPE);
      lb.put("name", ResourceId.parse(fx.loadBalancerId).name());
      lb.put("etag", World.newEtag());
      Json.child(lb, "properties").put("provisioningState", "Succeeded");
      world.put(lb);
    }
  }

  private static void failCompute(World world, LroEngine.Builder op, String id, ArmError error) {
    op.failWith(error, () -> world.get(id).ifPresent(c -> {
      setState(c, "Failed");
      ObjectNode e = Json.childArray(Json.child(c, "properties"), "provisioningErrors").addObject();
      e.set("error", ArmError.body(error.code(), error.getMessage()).get("error"));
    }));
  }

  @Override
  protected void beforeDelete(ArmCall call, ObjectNode existing) {
    if (!subnetId(existing).isEmpty() && call.world().get(new SideEffects(existing).nsgId).isPresent()) {
      call.governance().checkDelete(call.world(), new SideEffects(existing).nsgId);
    }
  }

  @Override
  protected void afterDelete(World world, ObjectNode deleted) {
    world.computeCredentials().remove(ResourceId.key(deleted.get("id").asText()));
    if (!subnetId(deleted).isEmpty()) {
      SideEffects fx = new SideEffects(deleted);
      world.remove(fx.nsgId);
      world.remove(fx.publicIpId);
      world.remove(fx.loadBalancerId);
    }
  }

  /** The resources Azure ML creates for a compute in its VNet's resource group, named as Batch names them. */
  static final class SideEffects {
    final String vnetId;
    final String nsgId;
    final String publicIpId;
    final String loadBalancerId;

    SideEffects(JsonNode compute) {
      ResourceId subnet = ResourceId.parse(subnetId(compute));
      vnetId = subnet.topId();
      String prefix = subnet.groupId() + "/providers/Microsoft.Network/";
      String base = UUID.nameUUIDFromBytes(ResourceId.key(compute.get("id").asText()).getBytes()).toString();
      nsgId = prefix + "networkSecurityGroups/" + base + "-azurebatch-cloudservicenetworksecuritygroup";
      publicIpId = prefix + "publicIPAddresses/" + base + "-azurebatch-cloudservicepublicip";
      loadBalancerId = prefix + "loadBalancers/" + base + "-azurebatch-cloudserviceloadbalancer";
    }

    ObjectNode resource(String id, String location) {
      ObjectNode r = Json.object();
      r.put("id", id);
      r.put("location", location);
      r.putObject("tags").put("createdBy", "AzureMachineLearning");
      r.putObject("properties");
      return r;
    }
  }
}
