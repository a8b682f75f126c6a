package io.amlnet.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlnet.api.TrainingEnvironment;
import io.amlnet.deploy.ArgoCdHealth;
import io.amlnet.deploy.Kstatus;
import io.amlnet.testing.ControlPlane;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What Flux (kstatus) and Argo CD (deploy/argocd/health.lua) make of live objects that the running
 * operator wrote, read back from the real API server: Ready, Stalled, and an edit not yet observed.
 */
@ExtendWith(ControlPlane.class)
class GitOpsStatusIT {
  static final Duration READY = Duration.ofSeconds(90);
  static final Duration NEVER = Duration.ofHours(1);
  static final ArgoCdHealth ARGO_CD = ArgoCdHealth.load();

  static JsonNode live(OperatorSandbox sandbox, String kind, String name) {
    return sandbox.kube.getKubernetesSerialization().convertValue(
        sandbox.kube.genericKubernetesResources("amlnet.io/v1alpha1", kind).inNamespace(sandbox.namespace)
            .withName(name).get(), JsonNode.class);
  }

  static JsonNode condition(JsonNode object, String type) {
    for (JsonNode c : object.at("/status/conditions")) {
      if (type.equals(c.path("type").asText())) {
        return c;
      }
    }
    throw new AssertionError("no " + type + " condition in " + object);
  }

  @Test
  void readyEnvironmentAndComputeAreCurrentForKstatusAndHealthyForArgoCd() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(NEVER, o -> { })) {
      sandbox.apply("open-outbound.yaml");
      sandbox.awaitEnvironment("open-outbound", Conditions.READY, "True", READY);
      sandbox.awaitCompute("cpu-cluster", Conditions.READY, "True", READY);

      for (String[] object : new String[][] {{"TrainingEnvironment", "open-outbound"}, {"TrainingCompute", "cpu-cluster"}}) {
        JsonNode live = live(sandbox, object[0], object[1]);
        assertThat(Kstatus.compute(live)).as("%s", live).isEqualTo(Kstatus.Status.Current);
        assertThat(ARGO_CD.of(live).status()).as("%s", live).isEqualTo("Healthy");
      }
    }
  }

  @Test
  void aStalledEnvironmentIsFailedAndDegradedWhileItsWaitingComputeIsInProgressAndProgressing() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(NEVER, o -> { })) {
      sandbox.apply("open-outbound.yaml", yaml -> yaml.replace("region: eastus2", "region: westus2"));
      sandbox.awaitEnvironment("open-outbound", Conditions.STALLED, "True", READY);
      sandbox.awaitCompute("cpu-cluster", Conditions.RECONCILING, "True", READY);

      JsonNode environment = live(sandbox, "TrainingEnvironment", "open-outbound");
      JsonNode stalled = condition(environment, Conditions.STALLED);
      assertThat(stalled.path("reason").asText()).isEqualTo("PreflightR1");
      assertThat(Kstatus.compute(environment)).as("%s", environment).isEqualTo(Kstatus.Status.Failed);
      assertThat(ARGO_CD.of(environment)).isEqualTo(new ArgoCdHealth.Health("Degraded",
          "PreflightR1: " + stalled.path("message").asText()));

      JsonNode compute = live(sandbox, "TrainingCompute", "cpu-cluster");
      assertThat(Kstatus.compute(compute)).as("%s", compute).isEqualTo(Kstatus.Status.InProgress);
      assertThat(ARGO_CD.of(compute).status()).as("%s", compute).isEqualTo("Progressing");
    }
  }

  @Test
  void anEditTheOperatorHasNotObservedIsInProgressForKstatusAndProgressingForArgoCd() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(NEVER, o -> { })) {
      sandbox.apply("open-outbound.yaml", yaml -> yaml.replaceAll("(?s)---\\napiVersion: amlnet.io/v1alpha1\\nkind: TrainingCompute.*", ""));
      sandbox.awaitEnvironment("open-outbound", Conditions.READY, "True", READY);
      sandbox.stopOperator();
      sandbox.kube.resources(TrainingEnvironment.class).inNamespace(sandbox.namespace).withName("open-outbound")
          .edit(e -> {
            e.setSpec(new io.amlnet.api.TrainingEnvironmentSpec(e.getSpec().subscriptionId(), e.getSpec().workspace(),
                e.getSpec().network(), e.getSpec().networkSecurity(), new io.amlnet.api.Ssh(true, "203.0.113.0/24"),
                e.getSpec().outbound(), e.getSpec().forcedTunneling(), e.getSpec().credential(),
                e.getSpec().deletionPolicy()));
            return e;
          });

      JsonNode live = live(sandbox, "TrainingEnvironment", "open-outbound");
      assertThat(live.at("/metadata/generation").asLong()).isEqualTo(2);
      assertThat(live.at("/status/observedGeneration").asLong()).isEqualTo(1);
      assertThat(condition(live, Conditions.READY).path("status").asText()).as("the old status").isEqualTo("True");
      assertThat(Kstatus.compute(live)).isEqualTo(Kstatus.Status.InProgress);
      assertThat(ARGO_CD.of(live)).isEqualTo(new ArgoCdHealth.Health("Progressing", "Waiting for amlnet to observe generation 2"));
    }
  }
}
