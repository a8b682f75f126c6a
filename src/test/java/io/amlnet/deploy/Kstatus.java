package io.amlnet.deploy;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * kstatus's verdict on a custom resource, the rules Flux's health checks and `kpt live status` use
 * (sigs.k8s.io/cli-utils pkg/kstatus/status: {@code Compute} = {@code checkGenericProperties}, then,
 * for a kind with no built-in rules, Current). In order:
 * <ol>
 *   <li>metadata.deletionTimestamp set: Terminating;</li>
 *   <li>status.observedGeneration present and not metadata.generation: InProgress
 *       (LatestGenerationNotObserved);</li>
 *   <li>the first condition, in list order, that is Reconciling=True gives InProgress, or
 *       Stalled=True gives Failed;</li>
 *   <li>otherwise Current. kstatus never reads Ready for a custom resource: Reconciling and Stalled
 *       carry the verdict, which is why amlnet sets Reconciling until Ready.</li>
 * </ol>
 * Re-stated from kstatus's documented rules, not invented; nothing amlnet-specific is in here.
 */
public final class Kstatus {
  public enum Status { InProgress, Failed, Current, Terminating }

  private Kstatus() {}

  public static Status compute(JsonNode object) {
    JsonNode metadata = object.path("metadata");
    if (!metadata.path("deletionTimestamp").asText("").isEmpty()) {
      return Status.Terminating;
    }
    JsonNode generation = metadata.path("generation");
    JsonNode observed = object.path("status").path("observedGeneration");
    if (generation.isIntegralNumber() && observed.isIntegralNumber() && observed.asLong() != generation.asLong()) {
      return Status.InProgress;
    }
    for (JsonNode condition : object.path("status").path("conditions")) {
      boolean isTrue = "True".equals(condition.path("status").asText());
      if (isTrue && "Reconciling".equals(condition.path("type").asText())) {
        return Status.InProgress;
      }
      if (isTrue && "Stalled".equals(condition.path("type").asText())) {
        return Status.Failed;
      }
    }
    return Status.Current;
  }
}
