package io.amlnet.azure;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import reactor.core.publisher.Mono;

/**
 * Counts every ARM attempt (it sits after the retry policy, so retries count) by resource type,
 * method and status, and every throttled answer (429) with the Retry-After that ARM asked for.
 */
public final class ArmRequestMetrics implements HttpPipelinePolicy {
  private final MeterRegistry registry;

  public ArmRequestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** For pipelines whose numbers nobody scrapes (tests, one-off tools). */
  public static ArmRequestMetrics unobserved() {
    return new ArmRequestMetrics(new SimpleMeterRegistry());
  }

  @Override
  public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
    HttpRequest request = context.getHttpRequest();
    return next.process()
        .doOnNext(response -> record(request, response))
        .doOnError(e -> count(request, "error"));
  }

  @Override
  public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
    HttpRequest request = context.getHttpRequest();
    try {
      HttpResponse response = next.processSync();
      record(request, response);
      return response;
    } catch (RuntimeException e) {
      count(request, "error"); // no answer at all: connection refused, TLS, timeout
      throw e;
    }
  }

  private void record(HttpRequest request, HttpResponse response) {
    int status = response.getStatusCode();
    count(request, Integer.toString(status));
    if (status == 429) {
      String type = ArmResourceType.of(request.getUrl().getPath());
      Counter.builder("amlnet.arm.throttled").description("ARM answers 429 Too Many Requests")
          .tag("resource_type", type).register(registry).increment();
      Long seconds = retryAfterSeconds(response.getHeaderValue(HttpHeaderName.RETRY_AFTER));
      if (seconds != null) {
        DistributionSummary.builder("amlnet.arm.retry.after").baseUnit("seconds")
            .description("Retry-After that ARM sent with a 429").tag("resource_type", type)
            .register(registry).record(seconds);
      }
    }
  }

  private void count(HttpRequest request, String status) {
    Counter.builder("amlnet.arm.requests").description("ARM requests, every attempt")
        .tag("resource_type", ArmResourceType.of(request.getUrl().getPath()))
        .tag("method", request.getHttpMethod().name())
        .tag("status", status)
        .register(registry).increment();
  }

  /** Retry-After in seconds; an HTTP date (ARM sends seconds) is not counted. */
  private static Long retryAfterSeconds(String value) {
    try {
      return value == null ? null : Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
