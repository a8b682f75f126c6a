package io.amlnet.azure;

import java.util.concurrent.atomic.AtomicInteger;

/** The long-running ARM operations amlnet is polling right now (the LROs-in-flight gauge reads it). */
public final class OperationsInFlight {
  private final AtomicInteger polling = new AtomicInteger();

  /** Counts one operation as in flight while {@code poll} waits for it. */
  void whilePolling(Runnable poll) {
    polling.incrementAndGet();
    try {
      poll.run();
    } finally {
      polling.decrementAndGet();
    }
  }

  public int count() {
    return polling.get();
  }
}
