package io.amlnet.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.amlnet.azure.ArmErrors.Action;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One table from an ARM error to retry now, retry later (Stalled, looked at again soon) or Stall. */
class ArmErrorsTest {

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
      "409, AnotherOperationInProgress, RETRY_NOW",
      "429, TooManyRequests, RETRY_NOW",
      "500, InternalServerError, RETRY_NOW",
      "412, PreconditionFailed, RETRY_NOW",
      "502, SomeCodeNobodyKnows, RETRY_NOW",
      "400, InvalidRequestFormat, STALL",
      "403, RequestDisallowedByPolicy, STALL",
      "409, ScopeLocked, STALL",
      "409, NameCollision, STALL",
      "400, CredentialSecretNotFound, RETRY_LATER",
      "400, CredentialSecretInvalid, STALL",
      "400, ServiceAccountNotFound, RETRY_LATER",
      "400, ServiceAccountNotAnnotated, RETRY_LATER",
      "401, AzureTokenExchangeFailed, RETRY_LATER",
  })
  void classifiedByCodeThenByStatus(int status, String code, Action action) {
    assertThat(ArmErrors.classify(new ArmException(status, code, "m"))).isEqualTo(action);
  }

  @Test
  void authorizationFailedIsRetriedLaterBecauseARoleAssignmentCanArriveAfterTheObject() {
    assertThat(ArmErrors.classify(new ArmException(403, "AuthorizationFailed", "m"))).isEqualTo(Action.RETRY_LATER);
  }

  @Test
  void linkedAuthorizationFailedIsRetriedLaterLikeAuthorizationFailed() {
    assertThat(ArmErrors.classify(new ArmException(403, "LinkedAuthorizationFailed", "m")))
        .isEqualTo(Action.RETRY_LATER);
  }

  @Test
  void anInterruptedPauseIsRetriedNeverStalled() {
    Thread.currentThread().interrupt();
    try {
      ArmException e = org.assertj.core.api.Assertions.catchThrowableOfType(
          () -> RequestBudget.pause(Duration.ofSeconds(30)), ArmException.class);
      assertThat(ArmErrors.classify(e)).isEqualTo(Action.RETRY_NOW);
      assertThat(e.retryable()).isTrue();
      assertThat(Thread.currentThread().isInterrupted()).as("the interrupt flag is restored").isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
