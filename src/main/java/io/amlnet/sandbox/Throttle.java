package io.amlnet.sandbox;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * ARM's subscription throttling: one token bucket per subscription and operation kind. Defaults
 * are Azure's published figures (reads 250 refilled at 25/s; writes and deletes 200 at 10/s).
 */
public final class Throttle {

  /** Bucket size and refill rate of one operation kind. */
  public record Limits(int capacity, double refillPerSecond) {}

  /** The answer for one request: allowed with {@code remaining} tokens, or wait {@code retryAfterSeconds}. */
  public record Decision(boolean allowed, long remaining, long retryAfterSeconds) {}

  public static Map<ArmRequest.Kind, Limits> azureDefaults() {
    Map<ArmRequest.Kind, Limits> m = new EnumMap<>(ArmRequest.Kind.class);
    m.put(ArmRequest.Kind.READ, new Limits(250, 25));
    m.put(ArmRequest.Kind.WRITE, new Limits(200, 10));
    m.put(ArmRequest.Kind.DELETE, new Limits(200, 10));
    return m;
  }

  private static final class Bucket {
    double tokens;
    long lastNanos;
  }

  private final Map<ArmRequest.Kind, Limits> limits;
  private final Map<String, Bucket> buckets = new HashMap<>();

  public Throttle(Map<ArmRequest.Kind, Limits> limits) {
    this.limits = new EnumMap<>(limits);
  }

  public synchronized void reset() {
    buckets.clear();
  }

  public synchronized Decision take(String subscription, ArmRequest.Kind kind) {
    Limits l = limits.get(kind);
    long now = System.nanoTime();
    Bucket b = buckets.computeIfAbsent(subscription.toLowerCase(Locale.ROOT) + "|" + kind, k -> {
      Bucket nb = new Bucket();
      nb.tokens = l.capacity();
      nb.lastNanos = now;
      return nb;
    });
    b.tokens = Math.min(l.capacity(), b.tokens + (now - b.lastNanos) / 1e9 * l.refillPerSecond());
    b.lastNanos = now;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return new Decision(true, (long) Math.floor(b.tokens), 0);
    }
    long wait = (long) Math.ceil((1 - b.tokens) / l.refillPerSecond());
    return new Decision(false, 0, Math.max(1, wait));
  }

  /** The response header ARM uses to report what is left for {@code kind}. */
  public static String remainingHeader(ArmRequest.Kind kind) {
    return switch (kind) {
      case READ -> "x-ms-ratelimit-remaining-subscription-reads";
      case WRITE -> "x-ms-ratelimit-remaining-subscription-writes";
      case DELETE -> "x-ms-ratelimit-remaining-subscription-deletes";
    };
  }
}
