package io.amlnet.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** kstatus-compatible conditions with no churn in steady state. */
class ConditionsTest {
  private static final Clock T1 = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
  private static final Clock T2 = Clock.fixed(Instant.parse("2026-11-27T11:00:00Z"), ZoneOffset.UTC);
  private static final List<String> OWNED = List.of("Ready", "Stalled", "Reconciling");

  @Test
  void lastTransitionTimeStaysWhenTheStatusStays() {
    List<Condition> first = new Conditions(null, 1, T1).set("Ready", true, "Reconciled", "ok").result(OWNED);
    List<Condition> second = new Conditions(first, 1, T2).set("Ready", true, "Reconciled", "ok").result(OWNED);
    assertThat(second).isEqualTo(first);
  }

  @Test
  void lastTransitionTimeMovesWhenTheStatusChanges() {
    List<Condition> first = new Conditions(null, 1, T1).set("Ready", true, "Reconciled", "ok").result(OWNED);
    List<Condition> second = new Conditions(first, 2, T2).set("Ready", false, "PreflightR5", "x").result(OWNED);
    assertThat(second.get(0).getLastTransitionTime()).isEqualTo("2026-11-27T11:00:00Z");
    assertThat(second.get(0).getObservedGeneration()).isEqualTo(2L);
  }

  @Test
  void stalledAndReconcilingAreRemovedWhenFalse() {
    List<Condition> stalled = new Conditions(null, 1, T1).set("Stalled", true, "PreflightR5", "x").result(OWNED);
    List<Condition> fixed = new Conditions(stalled, 2, T2).set("Ready", true, "Reconciled", "ok").clear("Stalled")
        .result(OWNED);
    assertThat(fixed).extracting(Condition::getType).containsExactly("Ready");
  }

  @Test
  void aHugeMessageIsCutToTheLimitSayingHowMuchWasLeftOut() {
    String huge = "x".repeat(1024 * 1024);
    Condition ready = new Conditions(null, 1, T1).set("Ready", false, "SecurityRuleInvalid", huge).result(OWNED).get(0);
    assertThat(ready.getMessage()).hasSizeLessThanOrEqualTo(Conditions.MAX_MESSAGE)
        .endsWith("... (" + (huge.length() - (Conditions.MAX_MESSAGE - 32)) + " more characters)");
  }

  @Test
  void manyFindingsAreJoinedAsFarAsTheyFitWithACountOfTheRest() {
    List<String> findings = java.util.stream.IntStream.range(0, 500).mapToObj(i -> "R2: finding number " + i).toList();
    String message = Conditions.join(findings);
    assertThat(message).hasSizeLessThanOrEqualTo(Conditions.MAX_MESSAGE).startsWith("R2: finding number 0; ")
        .matches("(?s).* \\(and \\d+ more\\)$");
    int shown = message.split("; ").length;
    assertThat(message).endsWith("(and " + (500 - shown) + " more)");
  }

  @Test
  void aFewFindingsAreJoinedWhole() {
    assertThat(Conditions.join(List.of("R5: a", "R6: b"))).isEqualTo("R5: a; R6: b");
  }

  @Test
  void theMinimalStatusIsStalledWithAShortReason() {
    assertThat(Conditions.minimal(3, T1)).extracting(Condition::getType, Condition::getStatus, Condition::getReason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Ready", "False", Conditions.STATUS_TOO_LARGE),
            org.assertj.core.groups.Tuple.tuple("Stalled", "True", Conditions.STATUS_TOO_LARGE));
  }

  @Test
  void aWriteRefusedForItsSizeIsRecognised() {
    assertThat(Conditions.refusedForSize(new io.fabric8.kubernetes.client.KubernetesClientException(
        "Failure executing: PATCH ... Message: etcdserver: request is too large.", 500, null))).isTrue();
    assertThat(Conditions.refusedForSize(new io.fabric8.kubernetes.client.KubernetesClientException(
        "Failure executing: PATCH ... conflict", 409, null))).isFalse();
  }
}
