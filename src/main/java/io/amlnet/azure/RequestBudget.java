package io.amlnet.azure;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;

/**
 * Client-side token buckets per subscription, one each for reads, writes and deletes as ARM keeps
 * them, set a little below ARM's published limits so amlnet slows itself down before ARM answers
 * 429. Every attempt (retries too) takes a token. A request waits for its token only up to
 * {@link #LONGEST_WAIT}: that short pause paces a burst more cheaply than a reschedule, which would
 * read Azure again from the start. An exhausted budget beyond it fails the request with a retryable
 * 429 (RequestBudgetExhausted), so the reconcile is retried later instead of holding its thread.
 */
public final class RequestBudget implements HttpPipelinePolicy {
  /** The longest a request waits for a token in the reconcile's thread. */
  static final Duration LONGEST_WAIT = Duration.ofSeconds(1);
  private static final Pattern SUBSCRIPTION = Pattern.compile("/subscriptions/([^/?]+)", Pattern.CASE_INSENSITIVE);

  /** One bucket: its size and its refill per second. */
  public record Bucket(int burst, double perSecond) {
    Bucket scaled(double burstFactor, double rateFactor) {
      return new Bucket((int) Math.floor(burst * burstFactor), perSecond * rateFactor);
    }
  }

  /** The three buckets ARM keeps per subscription (reads, writes, deletes). */
  public record Limits(Bucket reads, Bucket writes, Bucket deletes) {
    /** ARM's published per-subscription limits: reads 250 + 25/s, writes 200 + 10/s, deletes 200 + 10/s. */
    public static final Limits ARM = new Limits(new Bucket(250, 25), new Bucket(200, 10), new Bucket(200, 10));
    /**
     * The default share of ARM's limits: near them, because every token left unused is convergence
     * time lost at scale, and a 429 that still comes (another client on the subscription) is retried
     * on ARM's Retry-After; not at them, so amlnet's own bursts rarely meet one.
     */
    public static final double DEFAULT_SHARE = 0.95;
    public static final Limits DEFAULT = ARM.share(DEFAULT_SHARE);

    /** This fraction (0 < share <= 1) of ARM's limits, e.g. less where other clients use the subscription too. */
    public Limits share(double share) {
      if (!(share > 0 && share <= 1)) {
        throw new IllegalArgumentException("the share of ARM's request limits must be in (0, 1], not " + share);
      }
      return new Limits(reads.scaled(share, share), writes.scaled(share, share), deletes.scaled(share, share));
    }

    /** The same buckets refilled this many times faster (an emulator whose time runs faster). */
    public Limits refilledFaster(double factor) {
      return new Limits(reads.scaled(1, factor), writes.scaled(1, factor), deletes.scaled(1, factor));
    }
  }

  /** Told of each bucket when it is first used: its subscription, {@code read}, {@code write} or {@code delete}, and its tokens. */
  public interface BucketObserver {
    void created(String subscription, String kind, DoubleSupplier tokens);
  }

  private final Limits limits;
  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
  private volatile BucketObserver observer = (subscription, kind, tokens) -> { };

  public RequestBudget(Limits limits) {
    this.limits = limits;
  }

  /** Buckets made from now on are reported to the observer (the token gauges). */
  public void observeBuckets(BucketObserver value) {
    observer = value;
  }

  @Override
  public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
    return Mono.fromRunnable(() -> take(context)).then(next.process());
  }

  @Override
  public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
    take(context);
    return next.processSync();
  }

  private void take(HttpPipelineCallContext context) {
    Matcher m = SUBSCRIPTION.matcher(context.getHttpRequest().getUrl().getPath());
    String subscription = m.find() ? m.group(1).toLowerCase(Locale.ROOT) : "";
    bucket(subscription, kind(context.getHttpRequest().getHttpMethod())).take();
  }

  /** ARM's bucket for a method: GET and HEAD read, DELETE deletes, everything else (PUT, PATCH, POST) writes. */
  static String kind(HttpMethod method) {
    if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
      return "read";
    }
    return method == HttpMethod.DELETE ? "delete" : "write";
  }

  private TokenBucket bucket(String subscription, String kind) {
    return buckets.computeIfAbsent(subscription + "/" + kind, k -> {
      Bucket limit = switch (kind) {
        case "read" -> limits.reads();
        case "delete" -> limits.deletes();
        default -> limits.writes();
      };
      TokenBucket bucket = new TokenBucket(limit.burst(), limit.perSecond());
      observer.created(subscription, kind, bucket::available);
      return bucket;
    });
  }

  /** A blocking token bucket: take() waits until a token is there. */
  static final class TokenBucket {
    private final int capacity;
    private final double perSecond;
    private final java.util.function.LongSupplier nanoTime;
    private double tokens;
    private long last;

    TokenBucket(int capacity, double perSecond) {
      this(capacity, perSecond, System::nanoTime);
    }

    TokenBucket(int capacity, double perSecond, java.util.function.LongSupplier nanoTime) {
      this.capacity = capacity;
      this.perSecond = perSecond;
      this.nanoTime = nanoTime;
      this.tokens = capacity;
      this.last = nanoTime.getAsLong();
    }

    void take() {
      long waitNanos = reserve();
      if (waitNanos > LONGEST_WAIT.toNanos()) {
        giveBack();
        throw new ArmException(429, "RequestBudgetExhausted", "amlnet's own request budget for ARM is used up for "
            + Duration.ofNanos(waitNanos).toMillis() + " ms; the reconcile is retried later");
      }
      if (waitNanos > 0) {
        pause(Duration.ofNanos(waitNanos).plusMillis(1));
      }
    }

    private synchronized void giveBack() {
      tokens += 1;
    }

    /** Takes a token now, possibly on credit, and says how long the caller must wait for it. */
    synchronized long reserve() {
      refill();
      tokens -= 1;
      return tokens >= 0 ? 0 : (long) (-tokens / perSecond * 1e9);
    }

    /** Tokens there now; negative while callers wait for tokens they took on credit. */
    synchronized double available() {
      refill();
      return tokens;
    }

    private void refill() {
      long now = nanoTime.getAsLong();
      tokens = Math.min(capacity, tokens + (now - last) / 1e9 * perSecond);
      last = now;
    }
  }

  /** A pacing pause; an interrupt (shutdown) keeps its flag and ends the reconcile with a retryable error, never a Stalled one. */
  static void pause(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ArmException(499, ArmException.INTERRUPTED, "interrupted while pacing requests to ARM;"
          + " it is looked at again on the next reconcile");
    }
  }
}
