package io.amlnet.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.amlnet.api.AmlComputeSpec;
import io.amlnet.api.AttachedCompute;
import io.amlnet.api.TrainingCompute;
import io.amlnet.api.TrainingComputeSpec;
import io.amlnet.api.TrainingComputeSpec.ComputeKind;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.api.Test;

/** Objects stored under an older, looser CRD are judged by today's schema, never by a throw. */
class StoredSpecsTest {
  private static TrainingCompute compute(String name, TrainingComputeSpec spec) {
    TrainingCompute tc = new TrainingCompute();
    tc.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("ns").withGeneration(1L).build());
    tc.setSpec(spec);
    return tc;
  }

  @Test
  void aComputeWithoutSpecIsInvalidAndBoundToNothing() {
    TrainingCompute tc = compute("cpu", null);
    assertThat(StoredSpecs.problems(tc)).containsExactly("spec: required");
    assertThat(StoredSpecs.boundTo(tc, "env")).isFalse();
  }

  @Test
  void aComputeWithAZeroWidthCharacterInItsAttachIdIsInvalid() {
    TrainingCompute tc = compute("vm", new TrainingComputeSpec("env", ComputeKind.VirtualMachine, null, null, null, null,
        new AttachedCompute("/subscriptions/6f1e6c2a-9d2b-4a43-8c1e-2a6f9d3b7c10/resourceGroups/rg/providers/"
            + "Microsoft.Compute/virtualMachines/vm\u200b1", null, "vm-credentials")));
    assertThat(StoredSpecs.problems(tc)).singleElement().asString().contains("spec.attach.resourceId");
    assertThat(StoredSpecs.boundTo(tc, "env")).as("still bound, so its environment counts it as not ready").isTrue();
  }

  @Test
  void aClusterWithoutItsBlockIsInvalid() {
    TrainingCompute tc = compute("cpu", new TrainingComputeSpec("env", ComputeKind.AmlCompute, null, null, null, null, null));
    assertThat(StoredSpecs.problems(tc)).singleElement().asString().contains("amlCompute is required");
  }

  @Test
  void aValidClusterHasNoProblems() {
    TrainingCompute tc = compute("cpu", new TrainingComputeSpec("env", ComputeKind.AmlCompute, null, null,
        new AmlComputeSpec("Standard_DS3_v2", null, 0, 2, "PT5M", null), null, null));
    assertThat(StoredSpecs.valid(tc)).isTrue();
  }

  @Test
  void theMessageIsBounded() {
    assertThat(StoredSpecs.message(java.util.Collections.nCopies(500, "spec.x: bad")))
        .hasSizeLessThan(Conditions.MAX_MESSAGE + 100).contains("more)");
  }
}
