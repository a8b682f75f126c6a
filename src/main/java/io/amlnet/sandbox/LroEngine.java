package io.amlnet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Long-running operations in ARM's async pattern: a write answers at once with
 * {@code Azure-AsyncOperation} and {@code Location} headers (or, where the {@link LatencyProfile}
 * says so, {@code Location} alone); the operation completes after the profile's latency for its
 * type, when its effect (provisioningState Succeeded/Failed, or removal) is applied lazily by
 * {@link #settle()} at the start of every request.
 */
public final class LroEngine {

  /** One operation in flight or finished. */
  public static final class Operation {
    final String id = UUID.randomUUID().toString();
    final String subscription;
    final String namespace;
    final String location;
    final String lockKey;
    final LatencyProfile.Polling polling;
    final boolean httpDateRetryAfter;
    final Instant started = Instant.now();
    final long dueNanos;
    final Runnable onSuccess;
    final Runnable onFailure;
    final ArmError failure;
    final Supplier<JsonNode> result;
    String status = "InProgress";
    Instant ended;

    Operation(Builder b, long dueNanos, LatencyProfile profile) {
      this.polling = profile.polling(b.latencyKey, b.delete);
      this.httpDateRetryAfter = profile.httpDateRetryAfter(b.latencyKey);
      this.subscription = b.subscription;
      this.namespace = b.namespace;
      this.location = b.location;
      this.lockKey = ResourceId.key(b.lockKey);
      this.dueNanos = dueNanos;
      this.onSuccess = b.onSuccess;
      this.onFailure = b.onFailure;
      this.failure = b.failure;
      this.result = b.result;
    }
  }

  /** What a handler says about a new operation. */
  public static final class Builder {
    private final String subscription;
    private final String namespace;
    private final String location;
    private final String lockKey;
    private Runnable onSuccess = () -> {};
    private Runnable onFailure = () -> {};
    private ArmError failure;
    private Supplier<JsonNode> result;
    private String latencyKey = "";
    private boolean delete;

    public Builder(ResourceId id, String location, String lockKey) {
      this.latencyKey = id.namespace() + "/" + String.join("/", id.types());
      this.subscription = id.subscription();
      this.namespace = id.namespace();
      this.location = location == null || location.isBlank() ? "global" : location;
      this.lockKey = lockKey;
    }

    /** What the latency profile knows this operation as (an ARM type, or a compute type). */
    public Builder latencyKey(String key) {
      this.latencyKey = key;
      return this;
    }

    public Builder delete(boolean isDelete) {
      this.delete = isDelete;
      return this;
    }

    public Builder onSuccess(Runnable r) {
      this.onSuccess = r;
      return this;
    }

    /** The operation ends Failed with this error, running {@code r} instead of the success effect. */
    public Builder failWith(ArmError error, Runnable r) {
      this.failure = error;
      this.onFailure = r;
      return this;
    }

    /** The body GET on the Location URL returns once done (null: 204, as for deletes). */
    public Builder result(Supplier<JsonNode> supplier) {
      this.result = supplier;
      return this;
    }
  }

  private final Map<String, Operation> operations = new LinkedHashMap<>();
  /** Operations not ended yet, so that settling and in-flight checks do not walk the history. */
  private final java.util.List<Operation> pending = new java.util.ArrayList<>();
  private volatile LatencyProfile profile;
  private final int retryAfterSeconds;

  /**
   * @param profile how long each operation runs and how it is polled
   * @param retryAfterSeconds the Retry-After that ARM sends with running operations (0: none,
   *     so that SDK clients poll at their own interval)
   */
  public LroEngine(LatencyProfile profile, int retryAfterSeconds) {
    this.profile = profile;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Retry-After in seconds, or as an HTTP date (RFC 7231 allows both) for the types the profile names. */
  private ArmResponse withRetryAfter(ArmResponse r, Operation op) {
    if (retryAfterSeconds > 0 && op.ended == null) {
      r.header("Retry-After", op.httpDateRetryAfter
          ? java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
              java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(retryAfterSeconds))
          : String.valueOf(retryAfterSeconds));
    }
    return r;
  }

  /** Every operation from now on takes {@code latency} (a fixed profile). */
  public void setLatency(Duration latency) {
    this.profile = LatencyProfile.fixed(latency);
  }

  public void setProfile(LatencyProfile profile) {
    this.profile = profile;
  }

  public Operation start(Builder b) {
    LatencyProfile p = profile;
    Duration latency = p.latency(b.latencyKey, b.delete);
    Operation op = new Operation(b, System.nanoTime() + latency.toNanos(), p);
    operations.put(op.id, op);
    if (latency.isZero()) {
      complete(op);
    } else {
      pending.add(op);
    }
    return op;
  }

  /** Applies the effects of every operation whose time has come. */
  public void settle() {
    long now = System.nanoTime();
    for (Iterator<Operation> it = pending.iterator(); it.hasNext(); ) {
      Operation op = it.next();
      if (now - op.dueNanos >= 0) {
        it.remove();
        complete(op);
      }
    }
    if (operations.size() > 10_000) {
      Iterator<Operation> it = operations.values().iterator();
      while (operations.size() > 5_000 && it.hasNext()) {
        if (it.next().ended != null) {
          it.remove();
        }
      }
    }
  }

  private void complete(Operation op) {
    op.ended = Instant.now();
    if (op.failure == null) {
      op.status = "Succeeded";
      op.onSuccess.run();
    } else {
      op.status = "Failed";
      op.onFailure.run();
    }
  }

  /** True while an operation holding {@code lockKey} (a resource id) has not ended. */
  public boolean inFlight(String lockKey) {
    String key = ResourceId.key(lockKey);
    for (Operation op : pending) {
      if (op.lockKey.equals(key)) {
        return true;
      }
    }
    return false;
  }

  public void reset() {
    operations.clear();
    pending.clear();
  }

  /** Adds the polling headers for {@code op} to a 200/201/202 answer. */
  public ArmResponse withPollingHeaders(ArmResponse r, Operation op, String baseUrl, String apiVersion) {
    String prefix = baseUrl + "/subscriptions/" + op.subscription + "/providers/" + op.namespace
        + "/locations/" + op.location;
    String q = "?api-version=" + apiVersion;
    if (op.polling == LatencyProfile.Polling.ASYNC_OPERATION) {
      r.header("Azure-AsyncOperation", prefix + "/operations/" + op.id + q);
    }
    r.header("Location", prefix + "/operationResults/" + op.id + q);
    return withRetryAfter(r, op);
  }

  /** GET .../operations/{id}: the async-operation status body. */
  public ArmResponse status(String operationId) {
    Operation op = find(operationId);
    ObjectNode body = Json.object();
    body.put("id", "/subscriptions/" + op.subscription + "/providers/" + op.namespace + "/locations/"
        + op.location + "/operations/" + op.id);
    body.put("name", op.id);
    body.put("status", op.status);
    body.put("startTime", op.started.toString());
    if (op.ended != null) {
      body.put("endTime", op.ended.toString());
    }
    if (op.failure != null && op.ended != null) {
      body.set("error", ArmError.body(op.failure.code(), op.failure.getMessage()).get("error"));
    }
    return withRetryAfter(ArmResponse.of(200, body), op);
  }

  /** GET .../operationResults/{id}: 202 while running, then the result (or 204, or the error). */
  public ArmResponse result(String operationId, String selfUrl) {
    Operation op = find(operationId);
    if (op.ended == null) {
      return withRetryAfter(ArmResponse.empty(202).header("Location", selfUrl), op);
    }
    if (op.failure != null) {
      return op.failure.toResponse();
    }
    JsonNode body = op.result == null ? null : op.result.get();
    return body == null ? ArmResponse.empty(204) : ArmResponse.of(200, body);
  }

  private Operation find(String operationId) {
    Operation op = operations.get(operationId);
    if (op == null) {
      throw new ArmError(404, "OperationNotFound", "Operation '" + operationId + "' was not found.");
    }
    return op;
  }
}
