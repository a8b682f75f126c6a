package io.amlnet.azure;

/**
 * An ARM error answer, with its HTTP status and ARM's error code; {@link ArmErrors} says what
 * amlnet does about it.
 */
public final class ArmException extends RuntimeException {
  /** Our own code for a poll cut short by an interrupt (shutdown): retried, never Stalled. */
  public static final String INTERRUPTED = "Interrupted";

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

  /** Passes by itself and is retried at once with backoff; see {@link ArmErrors} for the table. */
  public boolean retryable() {
    return ArmErrors.classify(this) == ArmErrors.Action.RETRY_NOW;
  }
}
