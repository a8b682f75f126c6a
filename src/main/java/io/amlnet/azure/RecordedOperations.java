package io.amlnet.azure;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.rest.SimpleResponse;
import com.azure.core.util.BinaryData;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.PollingStrategyOptions;
import com.azure.core.util.polling.SyncLocationPollingStrategy;
import com.azure.core.util.polling.SyncOperationResourcePollingStrategy;
import com.azure.core.util.polling.SyncPoller;
import com.azure.core.util.polling.SyncPollingStrategy;
import com.azure.core.util.serializer.TypeReference;
import io.amlnet.api.AzureOperation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Polls an operation that status recorded with azure-core's own polling strategies (Azure-AsyncOperation
 * status bodies, Location-only operations, Retry-After in delta-seconds or as an HTTP date): a poller
 * is resumed from a synthetic activation answer that carries what was recorded (the request's URL and
 * method and its polling header) and is asked for exactly one {@code poll()}, one GET; nothing waits.
 * ARM's error answers to that GET leave the pipeline as {@link ArmException}, since the strategies
 * would read an error body as a status.
 */
final class RecordedOperations {
  private static final HttpHeaderName ASYNC_OPERATION = HttpHeaderName.fromString("Azure-AsyncOperation");
  private static final TypeReference<BinaryData> BODY = TypeReference.createInstance(BinaryData.class);

  private final HttpPipeline pipeline;
  private final ArmEndpoint endpoint;
  private final Duration interval;

  RecordedOperations(HttpPipeline session, ArmEndpoint endpoint, Duration interval) {
    this.pipeline = failingOnErrors(session);
    this.endpoint = endpoint;
    this.interval = interval;
  }

  /** One poll's outcome as azure-core read it: status, Retry-After (or null), the body of the answer. */
  record Outcome(LongRunningOperationStatus status, Duration retryAfter, BinaryData body) {}

  /** One GET of the operation's polling URL. @throws ArmException ARM's error answer to it */
  Outcome pollOnce(AzureOperation operation) {
    boolean location = AzureOperation.LOCATION.equals(operation.pollingKind());
    HttpHeaders recorded = new HttpHeaders().set(location ? HttpHeaderName.LOCATION : ASYNC_OPERATION,
        operation.pollingUrl());
    HttpRequest activation = new HttpRequest(HttpMethod.valueOf(operation.method()),
        endpoint.baseUrl() + operation.resourceId());
    PollingStrategyOptions options = new PollingStrategyOptions(pipeline);
    SyncPollingStrategy<BinaryData, BinaryData> strategy = location ? new SyncLocationPollingStrategy<>(options)
        : new SyncOperationResourcePollingStrategy<>(ASYNC_OPERATION, options);
    SyncPoller<BinaryData, BinaryData> poller = SyncPoller.createPoller(interval,
        () -> new SimpleResponse<>(activation, 202, recorded, null), strategy, BODY, BODY);
    PollResponse<BinaryData> answer = poller.poll();
    return new Outcome(answer.getStatus(), answer.getRetryAfter(), answer.getValue());
  }

  /** The session's pipeline with ARM's error answers thrown as ArmException after the retries. */
  private static HttpPipeline failingOnErrors(HttpPipeline session) {
    List<HttpPipelinePolicy> policies = new ArrayList<>();
    policies.add(new ErrorAnswers());
    for (int i = 0; i < session.getPolicyCount(); i++) {
      policies.add(session.getPolicy(i));
    }
    return new HttpPipelineBuilder().httpClient(session.getHttpClient())
        .policies(policies.toArray(HttpPipelinePolicy[]::new)).build();
  }

  /** Turns a 4xx/5xx answer into ARM's error, read with the SDK's error type; buffers the others. */
  private static final class ErrorAnswers implements HttpPipelinePolicy {
    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
      return next.process().map(ErrorAnswers::check);
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
      return check(next.processSync());
    }

    private static HttpResponse check(HttpResponse response) {
      if (response.getStatusCode() < 400) {
        return response.buffer(); // read twice by the strategies: as a status, then as the poll's value
      }
      try (response) {
        BinaryData body = response.getBodyAsBinaryData();
        throw ManagementErrors.of(response.getStatusCode(), body == null ? "" : body.toString());
      }
    }
  }
}
