package io.amlnet.plan;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlnet.api.AmlComputeSpec;
import io.amlnet.api.ComputeInstanceSpec;
import io.amlnet.api.TrainingComputeSpec;

/**
 * The AML compute bodies (Microsoft.MachineLearningServices computes, api-version 2024-10-01):
 * clusters (R17) and instances (R18) created in the subnet, VMs, HDInsight clusters (R20) and
 * Databricks workspaces (R19) attached by resource ID.
 *
 * <p>An attached compute's credentials (AML's administratorAccount, databricksAccessToken) stay out
 * of the plan: the planner reads no Secret, so the body holds a placeholder naming the Secret, which
 * is what {@code amlnet plan} shows, and the operator puts the values in just before the PUT.
 */
public final class ComputePlanner {
  public static final String ML_API_VERSION = "2024-10-01";
  /** VirtualMachine / HDInsight properties.properties: VirtualMachineSshCredentials. */
  public static final String ADMINISTRATOR_ACCOUNT = "administratorAccount";
  /** Databricks properties.properties: the workspace's access token. */
  public static final String DATABRICKS_ACCESS_TOKEN = "databricksAccessToken";
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private ComputePlanner() {}

  public static ArmWrite write(AzureIds ids, String region, String owner, PlanInput.BoundCompute compute) {
    TrainingComputeSpec spec = compute.spec();
    ObjectNode body = JSON.objectNode().put("location", region);
    body.set("tags", ArmBodies.ownerTags(owner));
    ObjectNode properties = body.putObject("properties").put("computeType", spec.kind().name());
    properties.put("description", "managed by amlnet (" + owner + ")");
    ObjectNode inner = JSON.objectNode();
    switch (spec.kind()) {
      case AmlCompute -> amlCompute(inner, spec.amlCompute(), spec.hasNodePublicIp(), ids.subnet());
      case ComputeInstance -> computeInstance(inner, spec.computeInstance(), spec.hasNodePublicIp(), ids.subnet());
      case VirtualMachine, HDInsight -> {
        properties.put("resourceId", spec.attach().resourceId());
        inner.put("sshPort", spec.attach().effectiveSshPort());
        inner.put(ADMINISTRATOR_ACCOUNT, credentialsPlaceholder(spec.attach().credentialsSecret()));
      }
      case Databricks -> {
        properties.put("resourceId", spec.attach().resourceId());
        inner.put(DATABRICKS_ACCESS_TOKEN, credentialsPlaceholder(spec.attach().credentialsSecret()));
      }
      default -> throw new IllegalArgumentException("unknown compute kind " + spec.kind());
    }
    properties.set("properties", inner);
    return ArmWrite.put(ids.compute(compute.computeName()), ML_API_VERSION, body);
  }

  /** What a plan shows where a credential goes: the Secret's name, never a value. */
  public static String credentialsPlaceholder(String secretName) {
    // The API server requires the Secret's name (CEL); `amlnet plan` checks only the structural schema.
    return secretName == null ? "<attach.credentialsSecret not set>" : "<from secret " + secretName + ">";
  }

  private static void amlCompute(ObjectNode p, AmlComputeSpec spec, boolean publicIp, String subnetId) {
    p.put("vmSize", spec.vmSize());
    p.put("vmPriority", spec.effectiveVmPriority().name());
    p.putObject("scaleSettings")
        .put("minNodeCount", spec.effectiveMinNodes())
        .put("maxNodeCount", spec.maxNodes())
        .put("nodeIdleTimeBeforeScaleDown", spec.effectiveIdleTime());
    p.put("remoteLoginPortPublicAccess", spec.remoteLoginEnabled() ? "Enabled" : "Disabled");
    p.put("enableNodePublicIp", publicIp);
    p.putObject("subnet").put("id", subnetId);
  }

  private static void computeInstance(ObjectNode p, ComputeInstanceSpec spec, boolean publicIp, String subnetId) {
    p.put("vmSize", spec.vmSize());
    p.putObject("subnet").put("id", subnetId);
    p.put("enableNodePublicIp", publicIp);
    p.putObject("sshSettings").put("sshPublicAccess", spec.sshEnabled() ? "Enabled" : "Disabled");
  }
}
