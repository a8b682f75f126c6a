package io.amlnet.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.amlnet.api.TrainingEnvironment;
import io.amlnet.api.TrainingEnvironmentStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A started operator's first look at an object it finds Ready and idle waits within one resync period. */
class FirstLookAfterStartTest {
  private static final Duration RESYNC = Duration.ofMinutes(15);
  private final java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
  private final FirstLookAfterStart firstLooks = new FirstLookAfterStart(RESYNC, now::get);

  private static TrainingEnvironment environment(String uid, long generation, Long observed, String ready) {
    TrainingEnvironment env = new TrainingEnvironment();
    env.setMetadata(new ObjectMetaBuilder().withName("env").withNamespace("ml-team").withUid(uid)
        .withGeneration(generation).build());
    TrainingEnvironmentStatus status = new TrainingEnvironmentStatus();
    status.setObservedGeneration(observed);
    Condition condition = new ConditionBuilder().withType(Conditions.READY).withStatus(ready).build();
    status.setConditions(List.of(condition));
    env.setStatus(status);
    return env;
  }

  private Optional<Duration> firstLook(TrainingEnvironment env, boolean idle) {
    return firstLooks.delay(env, env.getStatus(), () -> idle);
  }

  @Test
  void aReadyIdleObjectIsFirstReadWithinTheLastNineTenthsOfOneResyncPeriod() {
    for (int i = 0; i < 200; i++) {
      assertThat(firstLook(environment("uid-" + i, 2, 2L, "True"), true)).hasValueSatisfying(delay ->
          assertThat(delay).isBetween(RESYNC.dividedBy(10), RESYNC));
    }
  }

  @Test
  void anotherReconcileBeforeTheFirstLookIsDueWaitsForTheSamePoint() {
    TrainingEnvironment env = environment("uid", 2, 2L, "True");
    Duration first = firstLook(env, true).orElseThrow();
    now.addAndGet(Duration.ofSeconds(10).toNanos());
    assertThat(firstLook(env, true)).contains(first.minusSeconds(10));
  }

  @Test
  void onceTheFirstLookIsDueEveryReconcileReadsAtOnce() {
    TrainingEnvironment env = environment("uid", 2, 2L, "True");
    Duration first = firstLook(env, true).orElseThrow();
    now.addAndGet(first.toNanos());
    assertThat(firstLook(env, true)).isEmpty();
    assertThat(firstLook(env, true)).as("looked: from now on like any other object").isEmpty();
  }

  @Test
  void anObjectThatStopsBeingIdleIsReadAtOnceAndFromThenOn() {
    TrainingEnvironment env = environment("uid", 2, 2L, "True");
    assertThat(firstLook(env, true)).isPresent();
    assertThat(firstLook(env, false)).isEmpty();
    assertThat(firstLook(env, true)).isEmpty();
  }

  @Test
  void anObjectNotReadyIsReadAtOnce() {
    assertThat(firstLook(environment("uid", 2, 2L, "False"), true)).isEmpty();
  }

  @Test
  void anObjectWhoseSpecChangedSinceItsStatusIsReadAtOnce() {
    assertThat(firstLook(environment("uid", 3, 2L, "True"), true)).isEmpty();
  }

  @Test
  void anObjectWithSomethingRunningOrUnplannedIsReadAtOnce() {
    assertThat(firstLook(environment("uid", 2, 2L, "True"), false)).isEmpty();
  }

  @Test
  void anObjectWithoutStatusIsReadAtOnce() {
    TrainingEnvironment env = environment("uid", 1, 1L, "True");
    env.setStatus(null);
    assertThat(firstLook(env, true)).isEmpty();
  }

  @Test
  void whetherTheObjectIsIdleIsNotAskedAgainOnceItHasHadItsFirstLook() {
    TrainingEnvironment env = environment("uid", 2, 2L, "True");
    firstLook(env, false);
    assertThat(firstLooks.delay(env, env.getStatus(), () -> {
      throw new AssertionError("asked again");
    })).isEmpty();
  }

  @Test
  void oneResyncPeriodAfterStartNothingWaitsAnyMore() {
    now.addAndGet(RESYNC.toNanos());
    assertThat(firstLook(environment("uid", 2, 2L, "True"), true)).isEmpty();
  }
}
