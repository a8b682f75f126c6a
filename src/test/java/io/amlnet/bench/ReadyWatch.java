package io.amlnet.bench;

import io.amlnet.api.ObservedStatus;
import io.amlnet.api.TrainingCompute;
import io.amlnet.api.TrainingEnvironment;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the API server says about the benchmark's objects, as a watch sees it: when each object was
 * first Ready, how many are Ready now (with a timeline for the charts), and every change of an
 * object's resourceVersion after creation (status writes, in steady state: the spec does not change).
 */
final class ReadyWatch implements AutoCloseable {
  /** Ready objects at a moment, in ms since the watch started. */
  record Point(long millis, int ready) {}

  private final Set<String> namespaces;
  private final long startNanos = System.nanoTime();
  private final Map<String, Long> firstReadyNanos = new ConcurrentHashMap<>();
  private final Set<String> readyNow = ConcurrentHashMap.newKeySet();
  private final Map<String, String> lastVersion = new ConcurrentHashMap<>();
  private final AtomicLong updates = new AtomicLong();
  private final List<Point> timeline = new ArrayList<>();
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();

  ReadyWatch(KubernetesClient client, Set<String> namespaces) {
    this.namespaces = namespaces;
    informers.add(client.resources(TrainingEnvironment.class).inAnyNamespace().inform(handler(), 0));
    informers.add(client.resources(TrainingCompute.class).inAnyNamespace().inform(handler(), 0));
  }

  private <T extends HasMetadata> ResourceEventHandler<T> handler() {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        seen(obj);
      }

      @Override
      public void onUpdate(T old, T obj) {
        seen(obj);
      }

      @Override
      public void onDelete(T obj, boolean unknown) {
        readyNow.remove(key(obj));
        mark();
      }
    };
  }

  private void seen(HasMetadata obj) {
    if (!namespaces.contains(obj.getMetadata().getNamespace())) {
      return;
    }
    String key = key(obj);
    String version = obj.getMetadata().getResourceVersion();
    String previous = lastVersion.put(key, version);
    if (previous != null && !previous.equals(version)) {
      updates.incrementAndGet();
    }
    if (ready(obj)) {
      firstReadyNanos.putIfAbsent(key, System.nanoTime());
      if (readyNow.add(key)) {
        mark();
      }
    } else if (readyNow.remove(key)) {
      mark();
    }
  }

  private synchronized void mark() {
    timeline.add(new Point((System.nanoTime() - startNanos) / 1_000_000, readyNow.size()));
  }

  static String key(HasMetadata obj) {
    return obj.getKind() + "/" + obj.getMetadata().getNamespace() + "/" + obj.getMetadata().getName();
  }

  static String key(String kind, String namespace, String name) {
    return kind + "/" + namespace + "/" + name;
  }

  static boolean ready(HasMetadata obj) {
    ObservedStatus status = obj instanceof TrainingEnvironment te ? te.getStatus() : ((TrainingCompute) obj).getStatus();
    return status != null && status.getConditions() != null && obj.getMetadata().getGeneration() != null
        && obj.getMetadata().getGeneration().equals(status.getObservedGeneration())
        && status.getConditions().stream().anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }

  int readyCount() {
    return readyNow.size();
  }

  boolean isReady(String key) {
    return readyNow.contains(key);
  }

  /** When {@code key} was first seen Ready (System.nanoTime), or null. */
  Long firstReady(String key) {
    return firstReadyNanos.get(key);
  }

  /** resourceVersion changes of the watched objects so far (after each one's first sighting). */
  long updates() {
    return updates.get();
  }

  long startNanos() {
    return startNanos;
  }

  synchronized List<Point> timeline() {
    return List.copyOf(timeline);
  }

  /** Waits until {@code keys} are all Ready or the timeout passes; true when they are. */
  boolean awaitReady(java.util.Collection<String> keys, java.time.Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (readyNow.containsAll(keys)) {
        return true;
      }
      Bench.sleep(200);
    }
    return readyNow.containsAll(keys);
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
  }
}
