package io.amlnet.controller;

import io.amlnet.api.ObservedStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * When a started operator first reads Azure for an object that its status already calls Ready for
 * the current spec, with nothing running: at a random point in the last nine tenths of one resync
 * period, not at once. A restart changes nothing in Azure, so such an object is due a look no sooner
 * than on any other resync; reading all of them at start would spend the subscription's read budget
 * in a burst (1,000 environments: about 4,000 reads, close to three minutes of ARM's 25 reads/s)
 * while a new or changed object waits behind them. The secondary informers' first events reconcile
 * the object again at start; those wait for the same point. Once the object is not Ready, not idle
 * or its spec changed, it is read at once and from then on like any other. All of this ends one
 * resync period after start, when every first look is due: the objects are forgotten then, so
 * objects created and deleted later never accumulate here.
 */
final class FirstLookAfterStart {
  /** The object has had its first look in this process. */
  private static final long LOOKED = Long.MIN_VALUE;

  private final Map<String, Long> dueNanos = new ConcurrentHashMap<>();
  private final Duration resyncPeriod;
  private final LongSupplier nanoTime;
  private final long startedNanos;
  private volatile boolean over;

  FirstLookAfterStart(Duration resyncPeriod) {
    this(resyncPeriod, System::nanoTime);
  }

  FirstLookAfterStart(Duration resyncPeriod, LongSupplier nanoTime) {
    this.resyncPeriod = resyncPeriod;
    this.nanoTime = nanoTime;
    this.startedNanos = nanoTime.getAsLong();
  }

  /**
   * How long this reconcile waits before it reads Azure, or empty: read now.
   *
   * @param idle nothing the status records is running, drifted or unplanned for the object (the
   *     caller's test; asked only while the first look is still to come)
   */
  Optional<Duration> delay(HasMetadata resource, ObservedStatus status, BooleanSupplier idle) {
    String uid = resource.getMetadata().getUid();
    long now = nanoTime.getAsLong();
    if (over) {
      return Optional.empty();
    }
    if (now - startedNanos >= resyncPeriod.toNanos()) {
      over = true;
      dueNanos.clear();
      return Optional.empty();
    }
    if (Long.valueOf(LOOKED).equals(dueNanos.get(uid))) {
      return Optional.empty();
    }
    if (!readyForCurrentSpec(resource, status) || !idle.getAsBoolean()) {
      dueNanos.put(uid, LOOKED);
      return Optional.empty();
    }
    long due = dueNanos.computeIfAbsent(uid, k -> now + spread().toNanos());
    if (due <= now) {
      dueNanos.put(uid, LOOKED);
      return Optional.empty();
    }
    return Optional.of(Duration.ofNanos(due - now));
  }

  private Duration spread() {
    long period = Math.max(10, resyncPeriod.toMillis());
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(period / 10, period));
  }

  private static boolean readyForCurrentSpec(HasMetadata resource, ObservedStatus status) {
    return status != null && resource.getMetadata().getGeneration() != null
        && resource.getMetadata().getGeneration().equals(status.getObservedGeneration())
        && Conditions.isTrue(status.getConditions(), Conditions.READY);
  }
}
