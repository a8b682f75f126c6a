package io.amlnet.azure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Azure errors are classified by code: retried later, or Stalled until something changes. */
class ArmExceptionTest {

  @ParameterizedTest(name = "{0} {1} -> retryable={2}")
  @CsvSource({
      "429, AnotherOperationInProgress, true",
      "409, AnotherOperationInProgress, true",
      "409, RetryableError, true",
      "500, InternalServerError, true",
      "503, ServiceUnavailable, true",
      "412, PreconditionFailed, true",
      "400, InvalidRequestFormat, false",
      "403, LinkedAuthorizationFailed, false",
      "403, AuthorizationFailed, false",
      "403, RequestDisallowedByPolicy, false",
      "409, ScopeLocked, false",
      "409, NameCollision, false",
      "400, SecurityRuleInvalidPortRange, false",
  })
  void classifiedByCode(int status, String code, boolean retryable) {
    assertThat(new ArmException(status, code, "m").retryable()).isEqualTo(retryable);
  }
}
