package io.amlnet.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Every ARM request served: time, method, path, status, latency; and running counts. */
public final class RequestLog {
  private static final int KEEP = 50_000;

  /**
   * One served request; {@code object} is the caller's x-amlnet-object header (which Kubernetes object
   * caused it), or null; {@code userAgent} is the client's User-Agent (which SDK sent it), or null.
   */
  public record Entry(Instant time, String method, String path, ArmRequest.Kind kind, int status, double latencyMs,
      String object, String userAgent) {
    public Entry(Instant time, String method, String path, ArmRequest.Kind kind, int status, double latencyMs) {
      this(time, method, path, kind, status, latencyMs, null, null);
    }

    public Entry(Instant time, String method, String path, ArmRequest.Kind kind, int status, double latencyMs,
        String object) {
      this(time, method, path, kind, status, latencyMs, object, null);
    }
  }

  /** Counts since start or the last reset. */
  public record Counts(long total, long reads, long writes, long deletes, long throttled, long serverErrors) {
    public ObjectNode toJson() {
      ObjectNode o = Json.object();
      o.put("total", total);
      o.put("reads", reads);
      o.put("writes", writes);
      o.put("deletes", deletes);
      o.put("throttled", throttled);
      o.put("serverErrors", serverErrors);
      return o;
    }
  }

  private final ArrayDeque<Entry> entries = new ArrayDeque<>();
  /** Told of every request as it is recorded, before its answer is sent (benchmarks count and crash on it). */
  private final List<Consumer<Entry>> listeners = new CopyOnWriteArrayList<>();
  private long total;
  private long reads;
  private long writes;
  private long deletes;
  private long throttled;
  private long serverErrors;

  public void record(Entry e) {
    append(e);
    listeners.forEach(l -> l.accept(e));
  }

  /** Calls {@code listener} with every later request, on the serving thread, before the client has its answer. */
  public void subscribe(Consumer<Entry> listener) {
    listeners.add(listener);
  }

  public void unsubscribe(Consumer<Entry> listener) {
    listeners.remove(listener);
  }

  private synchronized void append(Entry e) {
    total++;
    switch (e.kind()) {
      case READ -> reads++;
      case WRITE -> writes++;
      case DELETE -> deletes++;
    }
    if (e.status() == 429) {
      throttled++;
    }
    if (e.status() >= 500) {
      serverErrors++;
    }
    entries.addLast(e);
    if (entries.size() > KEEP) {
      entries.removeFirst();
    }
  }

  public synchronized Counts counts() {
    return new Counts(total, reads, writes, deletes, throttled, serverErrors);
  }

  public synchronized List<Entry> entries() {
    return new ArrayList<>(entries);
  }

  public synchronized void reset() {
    entries.clear();
    total = reads = writes = deletes = throttled = serverErrors = 0;
  }

  public synchronized ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.set("counts", counts().toJson());
    var list = o.putArray("requests");
    for (Entry e : entries) {
      ObjectNode j = list.addObject();
      j.put("time", e.time().toString());
      j.put("method", e.method());
      j.put("path", e.path());
      j.put("kind", e.kind().name());
      j.put("status", e.status());
      j.put("latencyMs", e.latencyMs());
      if (e.object() != null) {
        j.put("object", e.object());
      }
      if (e.userAgent() != null) {
        j.put("userAgent", e.userAgent());
      }
    }
    return o;
  }
}
