package io.amlnet.azure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Facts about what amlnet does not own and many environments share (a workspace and its storage
 * account, the caller's permissions on a VNet, the locks of a resource group, policy's verdict on
 * public IPs there), kept per ARM scope for a while so that a resync of N environments reads each
 * scope once rather than N times. ARM stays the judge of every write: a fact that went stale lets a
 * write be tried that ARM refuses with its own error, and such a refusal forgets every kept fact
 * ({@link #forgetAfter}); a Blocking finding forgets them too ({@link #forget}), so a role granted or a
 * lock removed to unblock an environment is seen at its next look.
 */
public final class SharedFacts {
  /** ARM's refusals that say a shared fact (a role, a lock, a policy) may have changed. */
  private static final Set<String> SHARED_FACT_REFUSALS = Set.of("AuthorizationFailed", "LinkedAuthorizationFailed",
      "ScopeLocked", "RequestDisallowedByPolicy");

  private record Kept(Object value, Instant readAt) {}

  private final Duration keepFor;
  private final Clock clock;
  private final Map<String, Kept> kept = new ConcurrentHashMap<>();

  public SharedFacts(Duration keepFor, Clock clock) {
    this.keepFor = keepFor;
    this.clock = clock;
  }

  /** Nothing kept: every read goes to ARM (a one-off plan, a test reading Azure). */
  public static SharedFacts none() {
    return new SharedFacts(Duration.ZERO, Clock.systemUTC());
  }

  /**
   * What {@code read} returned for this scope within the keep period, else a fresh read. Two
   * reconciles that miss at once may both read; neither waits for the other. Errors are not kept.
   */
  @SuppressWarnings("unchecked")
  <T> T read(String scope, Supplier<T> read) {
    if (keepFor.isZero()) {
      return read.get();
    }
    String key = scope.toLowerCase(java.util.Locale.ROOT);
    Instant now = clock.instant();
    Kept hit = kept.get(key);
    if (hit != null && hit.readAt().plus(keepFor).isAfter(now)) {
      return (T) hit.value();
    }
    T value = read.get();
    kept.put(key, new Kept(value, now));
    return value;
  }

  /** Forgets every kept fact when ARM refused for a reason a shared fact may explain. */
  public void forgetAfter(ArmException e) {
    if (e.status() == 403 || SHARED_FACT_REFUSALS.contains(e.code())) {
      forget();
    }
  }

  /** The next read of each scope goes to ARM (e.g. after a Blocking finding, which a stale fact may have made). */
  public void forget() {
    kept.clear();
  }
}
