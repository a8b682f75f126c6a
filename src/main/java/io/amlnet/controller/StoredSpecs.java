package io.amlnet.controller;

import io.amlnet.api.ManifestReader;
import io.amlnet.api.TrainingCompute;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * Whether a stored object can be planned with. An object the API server admitted under an older,
 * looser CRD (no spec, a hidden character in an ARM ID) is judged by today's schema: it stalls itself
 * with its problems, and its peers' reconciles leave it out instead of throwing on its data.
 */
final class StoredSpecs {
  /** The reason an invalid object stalls with. */
  static final String INVALID_SPEC = "InvalidSpec";

  private StoredSpecs() {}

  static List<String> problems(HasMetadata object) {
    try {
      return ManifestReader.problems(object);
    } catch (RuntimeException e) {
      return List.of("spec cannot be read: " + e.getClass().getSimpleName());
    }
  }

  static boolean valid(HasMetadata object) {
    return problems(object).isEmpty();
  }

  /** Bound by name, whatever else is wrong with it: a compute with no spec is bound to nothing. */
  static boolean boundTo(TrainingCompute tc, String environment) {
    return tc.getSpec() != null && environment.equals(tc.getSpec().environmentRef());
  }

  static String message(List<String> problems) {
    return "the spec is invalid (the API server would refuse it today): " + Conditions.join(problems);
  }
}
