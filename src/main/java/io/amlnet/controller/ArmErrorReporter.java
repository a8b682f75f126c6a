package io.amlnet.controller;

import io.amlnet.azure.ArmErrors;
import io.amlnet.azure.ArmException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.function.Function;

/**
 * The one path from an ARM error to an object's conditions, for reconcile and cleanup of both
 * kinds: transient errors go back to JOSDK's retry; the others become a Stalled status, with one
 * Warning event when that status changes (not on every look), and a time to look again.
 */
final class ArmErrorReporter {
  /** How soon a missing permission is tried again: role assignments propagate within minutes. */
  static final Duration PERMISSION_RECHECK = Duration.ofMinutes(1);

  /** The status to write, whether it differs from the current one, and when to look again. */
  record Stall<S>(S status, boolean changed, Duration recheckAfter) {}

  private final EventRecorder events;
  private final Duration resyncPeriod;

  ArmErrorReporter(EventRecorder events, Duration resyncPeriod) {
    this.events = events;
    this.resyncPeriod = resyncPeriod;
  }

  /**
   * @throws ArmException the error itself when it passes by itself: JOSDK retries with backoff
   */
  <S> Stall<S> stall(HasMetadata object, S current, ArmException error, String action,
      Function<ArmException, S> stalledStatus) {
    ArmErrors.Action what = ArmErrors.classify(error);
    if (what == ArmErrors.Action.RETRY_NOW) {
      throw error;
    }
    S status = stalledStatus.apply(error);
    boolean changed = !status.equals(current);
    if (changed) {
      events.warning(object, error.code(), action, error.getMessage());
    }
    return new Stall<>(status, changed, recheckAfter(what, resyncPeriod));
  }

  static Duration recheckAfter(ArmErrors.Action action, Duration resyncPeriod) {
    Duration resync = ReconcileTiming.resync(resyncPeriod);
    return action == ArmErrors.Action.RETRY_LATER && PERMISSION_RECHECK.compareTo(resync) < 0
        ? PERMISSION_RECHECK : resync;
  }
}
