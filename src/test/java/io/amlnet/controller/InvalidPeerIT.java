package io.amlnet.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.amlnet.testing.ControlPlane;
import io.amlnet.testing.Crds;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Objects that an older, looser CRD admitted (no spec; a zero-width character in an attach ID) stall
 * themselves as InvalidSpec, never hold back their environment or a valid peer, and can be deleted.
 */
@ExtendWith(ControlPlane.class)
class InvalidPeerIT {
  private static final String ZERO_WIDTH_VM = "/subscriptions/6f1e6c2a-9d2b-4a43-8c1e-2a6f9d3b7c10/resourceGroups/"
      + "rg-aml-network/providers/Microsoft.Compute/virtualMachines/vm-ubuntu-\u200btrain";

  @Test
  void objectsAdmittedByALooserCrdStallThemselvesAndNeverHoldBackTheirPeers() throws IOException {
    try (OperatorSandbox sandbox = OperatorSandbox.start(OperatorIT.NEVER, o -> { })) {
      try {
        Crds.install(sandbox.kube, looserComputeCrd(sandbox));
        create(sandbox, """
            apiVersion: amlnet.io/v1alpha1
            kind: TrainingCompute
            metadata: {name: no-spec}
            """);
        create(sandbox, """
            apiVersion: amlnet.io/v1alpha1
            kind: TrainingCompute
            metadata: {name: hidden-char}
            spec:
              environmentRef: open-outbound
              kind: VirtualMachine
              attach: {resourceId: "%s", credentialsSecret: vm-login}
            """.formatted(ZERO_WIDTH_VM));
      } finally {
        Crds.installAll(sandbox.kube, Crds.CHECKED_IN);
      }
      sandbox.apply("open-outbound.yaml");

      sandbox.awaitEnvironment("open-outbound", Conditions.READY, "True", OperatorIT.READY);
      sandbox.awaitCompute("cpu-cluster", Conditions.READY, "True", OperatorIT.READY);
      for (String bad : List.of("no-spec", "hidden-char")) {
        Condition stalled = sandbox.awaitCompute(bad, Conditions.STALLED, "True", OperatorIT.READY);
        assertThat(stalled.getReason()).isEqualTo(StoredSpecs.INVALID_SPEC);
      }
      assertThat(sandbox.compute("hidden-char").getStatus().getConditions())
          .filteredOn(c -> c.getType().equals(Conditions.STALLED)).singleElement()
          .satisfies(c -> assertThat(c.getMessage()).contains("spec.attach.resourceId"));
      assertThat(Conditions.find(sandbox.environment("open-outbound").getStatus().getConditions(),
          Conditions.COMPUTE_READY).getMessage()).as("a bound invalid compute counts as not ready; one without"
              + " spec is bound to nothing").contains("hidden-char").doesNotContain("no-spec");

      for (String bad : List.of("no-spec", "hidden-char")) {
        sandbox.kube.genericKubernetesResources("amlnet.io/v1alpha1", "TrainingCompute")
            .inNamespace(sandbox.namespace).withName(bad).delete();
      }
      sandbox.awaitArm("both invalid computes are gone", arm -> sandbox.compute("no-spec") == null
          && sandbox.compute("hidden-char") == null, OperatorIT.READY);
    }
  }

  /** The checked-in compute CRD as an older release had it: spec optional, attach IDs unchecked. */
  private static CustomResourceDefinition looserComputeCrd(OperatorSandbox sandbox) throws IOException {
    try (InputStream in = Files.newInputStream(Path.of("crds/trainingcomputes.amlnet.io-v1.yml"))) {
      CustomResourceDefinition crd = sandbox.kube.apiextensions().v1().customResourceDefinitions().load(in).item();
      JSONSchemaProps root = crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
      root.setXKubernetesValidations(root.getXKubernetesValidations().stream()
          .filter(rule -> !rule.getMessage().equals("spec is required")).toList());
      root.getProperties().get("spec").getProperties().get("attach").getProperties().get("resourceId").setPattern(null);
      return crd;
    }
  }

  /** Creates the object, retrying while the API server still validates with the previous schema. */
  private static void create(OperatorSandbox sandbox, String yaml) {
    GenericKubernetesResource object = Serialization.unmarshal(yaml, GenericKubernetesResource.class);
    object.getMetadata().setNamespace(sandbox.namespace);
    for (int attempt = 0; ; attempt++) {
      try {
        sandbox.kube.resource(object).create();
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 422 || attempt == 50) {
          throw e;
        }
        OperatorSandbox.sleep(200);
      }
    }
  }
}
