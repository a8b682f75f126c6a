package io.amlnet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.amlnet.deploy.ArgoCdHealth.Health;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** deploy/argocd/health.lua, run by a real Lua interpreter on status samples shaped as amlnet writes them. */
class ArgoCdHealthTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ArgoCdHealth HEALTH = ArgoCdHealth.load();

  private static Health health(String kind, long generation, String status) throws Exception {
    JsonNode object = JSON.readTree("""
        {"apiVersion": "amlnet.io/v1alpha1", "kind": "%s",
         "metadata": {"name": "x", "namespace": "ml", "generation": %d}%s}
        """.formatted(kind, generation, status == null ? "" : ", \"status\": " + status));
    return HEALTH.of(object);
  }

  private static String condition(String type, String status, String reason, String message) {
    return """
        {"type": "%s", "status": "%s", "reason": "%s", "message": "%s", "observedGeneration": 1,
         "lastTransitionTime": "2026-01-01T00:00:00Z"}""".formatted(type, status, reason, message);
  }

  private static String status(long observedGeneration, String... conditions) {
    return "{\"observedGeneration\": " + observedGeneration + ", \"conditions\": [" + String.join(",", conditions) + "]}";
  }

  @ParameterizedTest
  @ValueSource(strings = {"TrainingEnvironment", "TrainingCompute"})
  void readyAtTheObservedGenerationIsHealthy(String kind) throws Exception {
    Health health = health(kind, 3, status(3,
        condition("Ready", "True", "Reconciled", "Azure matches the documented secure state"),
        condition("PreflightPassed", "True", "Passed", "")));

    assertThat(health).isEqualTo(new Health("Healthy", "Reconciled: Azure matches the documented secure state"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"TrainingEnvironment", "TrainingCompute"})
  void stalledIsDegradedAndSaysWhy(String kind) throws Exception {
    Health health = health(kind, 1, status(1,
        condition("Ready", "False", "PreflightR7", "the caller lacks Microsoft.Network/virtualNetworks/join/action"),
        condition("Stalled", "True", "PreflightR7", "the caller lacks Microsoft.Network/virtualNetworks/join/action")));

    assertThat(health).isEqualTo(new Health("Degraded",
        "PreflightR7: the caller lacks Microsoft.Network/virtualNetworks/join/action"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"TrainingEnvironment", "TrainingCompute"})
  void reconcilingIsProgressing(String kind) throws Exception {
    Health health = health(kind, 1, status(1,
        condition("Ready", "False", "WaitingForEnvironment", "TrainingEnvironment env is not Ready"),
        condition("Reconciling", "True", "WaitingForEnvironment", "TrainingEnvironment env is not Ready")));

    assertThat(health).isEqualTo(new Health("Progressing", "WaitingForEnvironment: TrainingEnvironment env is not Ready"));
  }

  @Test
  void aGenerationNewerThanTheObservedOneIsProgressingEvenWhenTheOldStatusSaysReady() throws Exception {
    Health health = health("TrainingEnvironment", 2, status(1,
        condition("Ready", "True", "Reconciled", "Azure matches the documented secure state")));

    assertThat(health).isEqualTo(new Health("Progressing", "Waiting for amlnet to observe generation 2"));
  }

  @Test
  void aGenerationNewerThanTheObservedOneHidesAnOldStall() throws Exception {
    Health health = health("TrainingEnvironment", 4, status(3,
        condition("Stalled", "True", "PreflightR5", "the subnet is delegated")));

    assertThat(health.status()).isEqualTo("Progressing");
  }

  @Test
  void noStatusYetIsProgressing() throws Exception {
    assertThat(health("TrainingCompute", 1, null))
        .isEqualTo(new Health("Progressing", "Waiting for amlnet to reconcile"));
  }

  @Test
  void statusWithoutObservedGenerationIsProgressing() throws Exception {
    Health health = health("TrainingEnvironment", 1,
        "{\"conditions\": [" + condition("Ready", "True", "Reconciled", "ok") + "]}");

    assertThat(health.status()).isEqualTo("Progressing");
  }

  @Test
  void notReadyWhileNeitherReconcilingNorStalledIsDegraded() throws Exception {
    Health health = health("TrainingEnvironment", 1, status(1,
        condition("Ready", "False", "Unexpected", "no progress")));

    assertThat(health).isEqualTo(new Health("Degraded", "Unexpected: no progress"));
  }

  @Test
  void readyUnknownIsProgressing() throws Exception {
    Health health = health("TrainingCompute", 1, status(1, condition("Ready", "Unknown", "Starting", "")));

    assertThat(health).isEqualTo(new Health("Progressing", "Starting"));
  }

  @Test
  void stalledWinsOverReconcilingWhateverTheirOrder() throws Exception {
    Health health = health("TrainingCompute", 1, status(1,
        condition("Reconciling", "True", "Creating", "waiting for AML"),
        condition("Stalled", "True", "ImmutableField", "vmSize cannot change in place")));

    assertThat(health).isEqualTo(new Health("Degraded", "ImmutableField: vmSize cannot change in place"));
  }

  @Test
  void anObjectBeingDeletedIsProgressing() throws Exception {
    JsonNode deleting = JSON.readTree("""
        {"kind": "TrainingEnvironment", "metadata": {"name": "x", "generation": 2,
          "deletionTimestamp": "2026-01-01T00:00:00Z"},
         "status": {"observedGeneration": 2, "conditions": [{"type": "Ready", "status": "True"}]}}""");

    assertThat(HEALTH.of(deleting).status()).isEqualTo("Progressing");
  }
}
