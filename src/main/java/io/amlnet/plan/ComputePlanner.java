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
 */
public final class ComputePlanner {
  public static final String ML_API_VERSION = "2024-10-01";
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
      }
      case Databricks -> properties.put("resourceId", spec.attach().resourceId());
      default -> throw new IllegalArgumentException("unknown compute kind " + spec.kind());
    }
    properties.set("properties", inner);
    return ArmWrite.put(ids.compute(compute.computeName()), ML_API_VERSION, body);
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
