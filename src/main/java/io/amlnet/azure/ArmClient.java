package io.amlnet.azure;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.azure.core.util.DateTimeRfc1123;
import com.azure.core.util.polling.LongRunningOperationStatus;
import io.amlnet.api.AzureOperation;
import java.time.Instant;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * ARM's REST contract on the Azure SDK's HTTP pipeline (auth, retries, budget): GET, PUT and
 * DELETE of any resource by ID with ARM's JSON. NSGs, security rules, route tables, routes, NAT
 * gateways and public IPs (and the service-tag list) go through the typed network SDK
 * ({@link NetworkSdk}); everything else is a raw request on the same pipeline, for the reason its
 * method gives. Writes never wait for their long-running operations: they return the operation
 * (Azure-AsyncOperation, else Location) for a later reconcile to {@link #poll} once with
 * azure-core's poller ({@link RecordedOperations}).
 */
public final class ArmClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpHeaderName ASYNC_OPERATION = HttpHeaderName.fromString("Azure-AsyncOperation");
  private static final Duration LONGEST_POLL = Duration.ofSeconds(10);

  private final HttpPipeline pipeline;
  private final ArmEndpoint endpoint;
  private final Duration pollInterval;
  private final Duration operationTimeout;
  private final OperationsInFlight inFlight;
  private final NetworkSdk network;
  private final RecordedOperations operations;

  public ArmClient(HttpPipeline pipeline, ArmEndpoint endpoint, Duration pollInterval, Duration operationTimeout) {
    this(pipeline, endpoint, pollInterval, operationTimeout, new OperationsInFlight());
  }

  public ArmClient(HttpPipeline pipeline, ArmEndpoint endpoint, Duration pollInterval, Duration operationTimeout,
      OperationsInFlight inFlight) {
    this.inFlight = inFlight;
    this.pipeline = pipeline;
    this.endpoint = endpoint;
    this.pollInterval = pollInterval;
    this.operationTimeout = operationTimeout;
    this.network = new NetworkSdk(pipeline, endpoint);
    this.operations = new RecordedOperations(pipeline, endpoint, pollInterval);
  }

  /**
   * GET of a resource; 404 is empty. The network SDK's types are read with its typed clients (and
   * its own api-version); others raw, since no SDK for them is on the classpath (VNets and subnets:
   * the SDK's model may drop properties it does not know, and subnets are written back from this read).
   */
  public Optional<ArmResource> get(String id, String apiVersion) {
    Optional<NetworkSdkTypes.Target> typed = NetworkSdkTypes.of(id);
    if (typed.isPresent()) {
      return network.get(id, typed.get());
    }
    try (HttpResponse response = send(HttpMethod.GET, url(id, apiVersion), null, null)) {
      if (response.getStatusCode() == 404) {
        return Optional.empty();
      }
      return Optional.of(resource(id, expectOk(response)));
    }
  }

  /** GET of a collection or action URL (e.g. permissions, locks) below the endpoint; raw: no SDK for them is served. */
  public JsonNode getJson(String pathAndQuery) {
    try (HttpResponse response = send(HttpMethod.GET, endpoint.baseUrl() + pathAndQuery, null, null)) {
      return expectOk(response);
    }
  }

  /** POST of an action that changes nothing (e.g. PolicyInsights' checkPolicyRestrictions); raw: no SDK for it is served. */
  public JsonNode postAction(String pathAndQuery, JsonNode body) {
    try (HttpResponse response = send(HttpMethod.POST, endpoint.baseUrl() + pathAndQuery, body, null)) {
      return expectOk(response);
    }
  }

  /**
   * Starts a create or update and returns at once: the resource as ARM answered, and the operation
   * to poll when ARM did not finish it within the request. A 200/201 whose body already says
   * provisioningState Succeeded needs no poll. The network SDK's types go through its typed client
   * (the activation request only); the rest raw: subnets are a read-modify-write with If-Match of
   * ARM's own JSON, because the SDK's model can drop properties it does not know, and no SDK for ML
   * computes is served.
   */
  public Accepted startPut(String id, String apiVersion, ObjectNode body, String ifMatch, String purpose) {
    Optional<NetworkSdkTypes.Target> typed = ifMatch == null ? NetworkSdkTypes.of(id) : Optional.empty();
    if (typed.isPresent()) {
      NetworkSdk.Activation a = network.startPut(typed.get(), body);
      return put(id, a.status(), a.headers(), a.body(), purpose);
    }
    try (HttpResponse response = send(HttpMethod.PUT, url(id, apiVersion), body, ifMatch)) {
      return put(id, response.getStatusCode(), response.getHeaders(), expectOk(response), purpose);
    }
  }

  private Accepted put(String id, int status, HttpHeaders headers, JsonNode accepted, String purpose) {
    boolean done = status != 202 && "Succeeded".equals(accepted.path("properties").path("provisioningState").asText(null));
    return new Accepted(accepted, done ? Optional.empty() : operation(status, headers, id, "PUT", purpose),
        retryAfter(headers));
  }

  /** Starts a delete; a resource that is already gone counts as deleted (no operation). */
  public Accepted startDelete(String id, String apiVersion, String purpose) {
    return startDelete(id, apiVersion, "", purpose);
  }

  /**
   * Starts a delete with extra query parameters, e.g. ML's {@code &underlyingResourceAction=Detach}:
   * the network SDK's types through its typed client, the rest raw (no SDK for them is served).
   */
  public Accepted startDelete(String id, String apiVersion, String extraQuery, String purpose) {
    Optional<NetworkSdkTypes.Target> typed = extraQuery.isEmpty() ? NetworkSdkTypes.of(id) : Optional.empty();
    if (typed.isPresent()) {
      NetworkSdk.Activation a;
      try {
        a = network.startDelete(typed.get());
      } catch (ArmException e) {
        if (e.status() == 404) {
          return new Accepted(JSON.createObjectNode(), Optional.empty(), null);
        }
        throw e;
      }
      return new Accepted(a.body(), operation(a.status(), a.headers(), id, "DELETE", purpose), retryAfter(a.headers()));
    }
    try (HttpResponse response = send(HttpMethod.DELETE, url(id, apiVersion) + extraQuery, null, null)) {
      if (response.getStatusCode() == 404) {
        return new Accepted(JSON.createObjectNode(), Optional.empty(), null);
      }
      JsonNode answer = expectOk(response);
      return new Accepted(answer, operation(response.getStatusCode(), response.getHeaders(), id, "DELETE", purpose),
          retryAfter(response.getHeaders()));
    }
  }

  /** ARM's service-tag list of a region (Microsoft.Network's serviceTags), through the network SDK. */
  public JsonNode serviceTags(String subscription, String region) {
    return network.serviceTags(subscription, region);
  }

  /**
   * Polls a recorded operation once with azure-core's poller, resumed from what status recorded: one
   * GET of its URL, never a wait. A DELETE whose Location answers 404 is done; an operation that ended
   * Failed or Canceled is ARM's error; an error answer to a Location poll ends the operation with it.
   */
  public Poll poll(AzureOperation operation) {
    RecordedOperations.Outcome outcome;
    try {
      outcome = operations.pollOnce(operation);
    } catch (ArmException e) {
      if (!AzureOperation.LOCATION.equals(operation.pollingKind())) {
        throw e;
      }
      return ended(operation, e.status() == 404 && operation.method().equals("DELETE") ? Poll.succeeded() : Poll.failed(e));
    }
    LongRunningOperationStatus status = outcome.status();
    if (status == LongRunningOperationStatus.SUCCESSFULLY_COMPLETED) {
      return ended(operation, Poll.succeeded());
    }
    if (status == LongRunningOperationStatus.FAILED || status == LongRunningOperationStatus.USER_CANCELLED) {
      String ended = status == LongRunningOperationStatus.FAILED ? "Failed" : "Canceled";
      return ended(operation, Poll.failed(ManagementErrors.ofOperation(
          outcome.body() == null ? "" : outcome.body().toString(), ended)));
    }
    return Poll.running(clamp(outcome.retryAfter()));
  }

  private Poll ended(AzureOperation operation, Poll poll) {
    inFlight.ended(operation.pollingUrl());
    return poll;
  }

  /** Azure-AsyncOperation if ARM gave one, else Location on a 201/202; none: the write is done. */
  private Optional<AzureOperation> operation(int status, HttpHeaders headers, String id, String method, String purpose) {
    String async = headers.getValue(ASYNC_OPERATION);
    String location = headers.getValue(HttpHeaderName.LOCATION);
    AzureOperation op;
    if (async != null) {
      op = new AzureOperation(id, purpose, method, AzureOperation.ASYNC_OPERATION, async, Instant.now().toString());
    } else if (location != null && (status == 202 || status == 201)) {
      op = new AzureOperation(id, purpose, method, AzureOperation.LOCATION, location, Instant.now().toString());
    } else {
      return Optional.empty();
    }
    inFlight.started(op.pollingUrl());
    return Optional.of(op);
  }

  /** What ARM answered to a write: its body, the operation to poll if it is still running, ARM's Retry-After (or null). */
  public record Accepted(JsonNode body, Optional<AzureOperation> operation, Duration retryAfter) {
    public boolean done() {
      return operation.isEmpty();
    }
  }

  /** One poll's outcome: still running (ARM's Retry-After, or null), succeeded, or failed with ARM's error. */
  public record Poll(boolean running, Duration retryAfter, ArmException failure) {
    static Poll running(Duration retryAfter) {
      return new Poll(true, retryAfter, null);
    }

    static Poll succeeded() {
      return new Poll(false, Duration.ZERO, null);
    }

    static Poll failed(ArmException e) {
      return new Poll(false, Duration.ZERO, e);
    }
  }

  private HttpResponse send(HttpMethod method, String url, JsonNode body, String ifMatch) {
    HttpRequest request = new HttpRequest(method, url);
    request.setHeader(HttpHeaderName.ACCEPT, "application/json");
    if (body != null) {
      request.setHeader(HttpHeaderName.CONTENT_TYPE, "application/json");
      request.setBody(body.toString());
    }
    if (ifMatch != null) {
      request.setHeader(HttpHeaderName.IF_MATCH, ifMatch);
    }
    return pipeline.sendSync(request, Context.NONE);
  }

  private static JsonNode expectOk(HttpResponse response) {
    String text = response.getBodyAsBinaryData() == null ? "" : response.getBodyAsBinaryData().toString();
    JsonNode json;
    try {
      json = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
    } catch (IOException e) {
      json = JSON.createObjectNode();
    }
    if (response.getStatusCode() >= 400) {
      throw ManagementErrors.of(response.getStatusCode(), text);
    }
    return json;
  }

  private static ArmResource resource(String id, JsonNode json) {
    if (!(json instanceof ObjectNode body)) {
      throw new ArmException(502, "InvalidResponse", "ARM answered " + id + " with a non-object body");
    }
    return new ArmResource(body.path("id").asText(id), body.path("etag").asText(null), body);
  }

  /**
   * When to look again: Retry-After in delta-seconds or as an HTTP date (RFC 7231 allows both), kept
   * between the poll interval and {@link #LONGEST_POLL}; without one, the poll interval.
   */
  private Duration retryAfter(HttpHeaders headers) {
    return retryAfter(headers.getValue(HttpHeaderName.RETRY_AFTER), Instant.now());
  }

  /** The Retry-After ARM asked for, clamped; null when it sent none. */
  Duration retryAfter(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return null;
    }
    Duration asked;
    try {
      asked = Duration.ofSeconds(Long.parseLong(value.trim()));
    } catch (NumberFormatException notSeconds) {
      try {
        asked = Duration.between(now, new DateTimeRfc1123(value.trim()).getDateTime().toInstant());
      } catch (RuntimeException notADate) {
        return null;
      }
    }
    return clamp(asked);
  }

  /** A Retry-After kept between the poll interval and {@link #LONGEST_POLL}; null stays null. */
  private Duration clamp(Duration asked) {
    if (asked == null) {
      return null;
    }
    return asked.compareTo(LONGEST_POLL) > 0 ? LONGEST_POLL : asked.compareTo(pollInterval) < 0 ? pollInterval : asked;
  }

  /**
   * When to poll {@code operation} next: when ARM's Retry-After says, else a fifth of the time it has
   * run so far (so a poll comes at most about 20% after the operation ended, and a 2-minute creation is
   * polled about 25 times rather than every interval), between the poll interval and {@link #LONGEST_POLL}.
   */
  public Duration nextPoll(AzureOperation operation, Duration retryAfter) {
    if (retryAfter != null) {
      return retryAfter;
    }
    Duration running;
    try {
      running = Duration.between(Instant.parse(operation.startedAt()), Instant.now());
    } catch (RuntimeException unreadable) {
      running = Duration.ZERO;
    }
    Duration fifth = running.dividedBy(5);
    return fifth.compareTo(LONGEST_POLL) > 0 ? LONGEST_POLL : fifth.compareTo(pollInterval) < 0 ? pollInterval : fifth;
  }

  /** How long one operation may take before amlnet stops holding a VNet's write slot for it. */
  public Duration operationTimeout() {
    return operationTimeout;
  }

  private String url(String id, String apiVersion) {
    return endpoint.baseUrl() + id + "?api-version=" + apiVersion;
  }

}
