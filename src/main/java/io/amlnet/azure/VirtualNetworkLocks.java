package io.amlnet.azure;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * ARM rejects a second write to one VNet's subnets while one is in flight (AnotherOperationInProgress),
 * so amlnet serializes its subnet writes per VNet across all reconciles.
 */
public final class VirtualNetworkLocks {
  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  public <T> T withLock(String subnetId, Supplier<T> work) {
    String lower = subnetId.toLowerCase(Locale.ROOT);
    int at = lower.indexOf("/subnets/");
    String vnet = at < 0 ? lower : lower.substring(0, at);
    ReentrantLock lock = locks.computeIfAbsent(vnet, k -> new ReentrantLock());
    lock.lock();
    try {
      return work.get();
    } finally {
      lock.unlock();
    }
  }
}
