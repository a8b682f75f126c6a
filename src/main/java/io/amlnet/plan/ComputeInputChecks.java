package io.amlnet.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlnet.api.TrainingComputeSpec.ComputeKind;
import java.util.List;
import java.util.Locale;

/**
 * A compute's own inputs, checked before the environment acts on them: an attach target must exist
 * and be in the environment's subscription (R19, R20) before any NSG rule is opened for it, and an
 * environment may not move to another subnet while a compute it made still lives in the old one (R8).
 */
final class ComputeInputChecks {
  private ComputeInputChecks() {}

  static void check(PlanInput input, AzureIds ids, List<Finding> findings) {
    for (PlanInput.BoundCompute compute : input.computes()) {
      if (compute.spec().attach() != null && !compute.spec().kind().isCreatedByAml()) {
        attachTarget(input, ids, compute, findings);
      } else if (compute.spec().kind().isCreatedByAml()) {
        staysInItsSubnet(input, ids, compute, findings);
      }
    }
  }

  private static void attachTarget(PlanInput input, AzureIds ids, PlanInput.BoundCompute compute,
      List<Finding> findings) {
    String id = compute.spec().attach().resourceId();
    String requirement = compute.spec().kind() == ComputeKind.Databricks ? "R19" : "R20";
    // Databricks' subscription is R19's own check in Preflight; VMs and clusters get the same here.
    if (compute.spec().kind() != ComputeKind.Databricks
        && !id.toLowerCase(Locale.ROOT).startsWith(ids.subscription().toLowerCase(Locale.ROOT) + "/")) {
      findings.add(Finding.blocking(requirement, compute.spec().kind() + " " + id + " is not in subscription "
          + input.spec().subscriptionId() + "; a compute can only attach a resource of the workspace's subscription")
          .about(compute.name()));
    } else if (input.facts().isAbsent(id)) {
      findings.add(Finding.blocking(requirement, compute.spec().kind() + " " + id + " does not exist;"
          + " nothing is attached and no rule is opened for it").about(compute.name()));
    }
  }

  /**
   * R8: a cluster or instance amlnet made for this environment lives in its subnet for good; moving
   * the environment would re-point the new subnet and leave the compute outside amlnet's rules.
   */
  private static void staysInItsSubnet(PlanInput input, AzureIds ids, PlanInput.BoundCompute compute,
      List<Finding> findings) {
    input.facts().resource(ids.compute(compute.computeName())).ifPresent(existing -> {
      String subnet = existing.path("properties").path("properties").path("subnet").path("id").asText("");
      if (!subnet.isEmpty() && !subnet.equalsIgnoreCase(ids.subnet()) && ownedByThisEnvironment(input, existing)) {
        findings.add(Finding.blocking("R8", "compute " + compute.computeName() + " lives in " + subnet
            + ", and Azure cannot move it; the environment stays in that subnet until the compute is deleted"));
      }
    });
  }

  private static boolean ownedByThisEnvironment(PlanInput input, JsonNode compute) {
    return ResourceNames.owner(input.namespace(), input.name())
        .equals(compute.path("tags").path(ArmBodies.OWNER_TAG).asText(null));
  }
}
