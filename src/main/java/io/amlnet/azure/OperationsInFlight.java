package io.amlnet.azure;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The long-running ARM operations amlnet started and has not yet seen end (the LROs-in-flight gauge
 * reads it). An operation that is never polled to its end again (its object was deleted, or another
 * replica took over) is forgotten after a day, so the gauge does not grow without bound.
 */
public final class OperationsInFlight {
  private static final long FORGET_AFTER_NANOS = java.time.Duration.ofDays(1).toNanos();
  private final Map<String, Long> started = new ConcurrentHashMap<>();

  void started(String pollingUrl) {
    long now = System.nanoTime();
    started.values().removeIf(at -> now - at > FORGET_AFTER_NANOS);
    started.put(pollingUrl, now);
  }

  void ended(String pollingUrl) {
    started.remove(pollingUrl);
  }

  public int count() {
    return started.size();
  }
}
