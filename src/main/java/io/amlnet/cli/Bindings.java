package io.amlnet.cli;

import io.amlnet.api.TrainingCompute;
import io.amlnet.api.TrainingEnvironment;
import io.amlnet.plan.AzureFacts;
import io.amlnet.plan.PlanInput;
import java.util.ArrayList;
import java.util.List;

/** Pairs each TrainingCompute with its TrainingEnvironment (same namespace, by environmentRef). */
final class Bindings {
  private Bindings() {}

  static List<PlanInput> bind(List<TrainingEnvironment> environments, List<TrainingCompute> computes,
      AzureFacts facts, List<String> errors) {
    for (TrainingCompute compute : computes) {
      boolean bound = environments.stream().anyMatch(e -> sameNamespace(e, compute)
          && e.getMetadata().getName().equals(compute.getSpec().environmentRef()));
      if (!bound) {
        errors.add("TrainingCompute " + compute.getMetadata().getName() + ": spec.environmentRef: no TrainingEnvironment"
            + " named " + compute.getSpec().environmentRef() + " in namespace " + compute.getMetadata().getNamespace()
            + " among the given files");
      }
    }
    if (environments.isEmpty() && errors.isEmpty()) {
      errors.add("no TrainingEnvironment in the given files: nothing to plan");
    }
    List<PlanInput> inputs = new ArrayList<>();
    for (TrainingEnvironment environment : environments) {
      List<PlanInput.BoundCompute> bound = computes.stream()
          .filter(c -> sameNamespace(environment, c))
          .filter(c -> c.getSpec().environmentRef().equals(environment.getMetadata().getName()))
          .map(c -> new PlanInput.BoundCompute(c.getMetadata().getName(), c.getSpec()))
          .toList();
      inputs.add(new PlanInput(environment.getMetadata().getNamespace(), environment.getMetadata().getName(),
          environment.getSpec(), bound, facts));
    }
    return inputs;
  }

  private static boolean sameNamespace(TrainingEnvironment environment, TrainingCompute compute) {
    return environment.getMetadata().getNamespace().equals(compute.getMetadata().getNamespace());
  }
}
