package io.amlnet.azure;

import io.amlnet.plan.ServiceTagList;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * One service-tag list per (subscription, region), shared by every environment there and read
 * again only when the refresh period has passed. When a refresh brings a new changeNumber, the
 * listeners hear of it so that environments routing by IP prefix are planned again.
 */
public final class ServiceTagCache {
  /** Told (subscription, region, new changeNumber) when a refresh finds new tags. */
  public interface ChangeListener {
    void changed(String subscription, String region, String changeNumber);
  }

  private record Entry(ServiceTagList list, Instant readAt) {}

  private final Duration refreshPeriod;
  private final Clock clock;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();

  public ServiceTagCache(Duration refreshPeriod, Clock clock) {
    this.refreshPeriod = refreshPeriod;
    this.clock = clock;
  }

  public void onChange(ChangeListener listener) {
    listeners.add(listener);
  }

  /** The cached list, or a fresh one from {@code read} when there is none or it is older than the period. */
  public ServiceTagList get(String subscription, String region, Function<String, ServiceTagList> read) {
    String key = subscription.toLowerCase() + "/" + region.toLowerCase();
    Entry entry = entries.get(key);
    if (entry != null && entry.readAt().plus(refreshPeriod).isAfter(clock.instant())) {
      return entry.list();
    }
    return refresh(subscription, region, read);
  }

  /** Reads the list now. One read per key at a time: a reconcile that waited uses what the other read. */
  public ServiceTagList refresh(String subscription, String region, Function<String, ServiceTagList> read) {
    String key = subscription.toLowerCase() + "/" + region.toLowerCase();
    Entry before = entries.get(key);
    boolean[] readHere = {false};
    Entry after = entries.compute(key, (k, current) -> {
      if (current != before) {
        return current;
      }
      readHere[0] = true;
      return new Entry(read.apply(region), clock.instant());
    });
    if (readHere[0] && before != null
        && !Objects.equals(before.list().changeNumber(), after.list().changeNumber())) {
      listeners.forEach(l -> l.changed(subscription, region, after.list().changeNumber()));
    }
    return after.list();
  }

  /** Every (subscription, region) read so far, for the periodic refresh. */
  public List<String[]> keys() {
    return entries.keySet().stream().map(k -> k.split("/", 2)).toList();
  }
}
