package io.amlnet.plan;

import io.amlnet.api.TrainingComputeSpec;
import io.amlnet.api.TrainingEnvironmentSpec;
import java.util.List;

/** One environment with the computes bound to it, and what is known of Azure. */
public record PlanInput(
    String namespace, String name, TrainingEnvironmentSpec spec, List<BoundCompute> computes, AzureFacts facts) {

  /** A TrainingCompute bound to this environment, by its Kubernetes name. */
  public record BoundCompute(String name, TrainingComputeSpec spec) {
    public String computeName() {
      return spec.computeName() == null ? name : spec.computeName();
    }
  }

  /** True when there are computes and none of them has node public IPs. */
  public boolean allComputesWithoutPublicIp() {
    return !computes.isEmpty() && computes.stream().noneMatch(c -> c.spec().hasNodePublicIp());
  }
}
