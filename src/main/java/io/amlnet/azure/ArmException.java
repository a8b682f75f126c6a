package io.amlnet.azure;

import java.util.Set;

/**
 * An ARM error answer, classified by its code: retryable ones are tried again later with backoff,
 * permanent ones stop the reconcile (Stalled) until the spec or Azure changes.
 */
public final class ArmException extends RuntimeException {
  /** Codes ARM uses for conditions that pass by themselves. */
  private static final Set<String> RETRYABLE_CODES = Set.of(
      "AnotherOperationInProgress", "RetryableError", "TooManyRequests", "InternalServerError",
      "ServiceUnavailable", "GatewayTimeout", "OperationPreempted", "ReferencedResourceNotProvisioned",
      "CanceledAndSupersededDueToAnotherOperation", "Throttled", "PreconditionFailed");

  private final int status;
  private final String code;

  public ArmException(int status, String code, String message) {
    super(code + ": " + message);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** 429, 5xx and the transient codes are retryable; everything else (4xx) is permanent. */
  public boolean retryable() {
    return status == 429 || status >= 500 || RETRYABLE_CODES.contains(code);
  }
}
