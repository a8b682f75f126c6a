package io.amlnet.azure;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.azure.core.util.DateTimeRfc1123;
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
 * DELETE of any resource by ID with ARM's JSON. Writes never wait for their long-running
 * operations: they return the operation (Azure-AsyncOperation, else Location) for a later
 * reconcile to {@link #poll} once.
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
  }

  public Optional<ArmResource> get(String id, String apiVersion) {
    try (HttpResponse response = send(HttpMethod.GET, url(id, apiVersion), null, null)) {
      if (response.getStatusCode() == 404) {
        return Optional.empty();
      }
      return Optional.of(resource(id, expectOk(response)));
    }
  }

  /** GET of a collection or action URL (e.g. permissions, locks) below the endpoint. */
  public JsonNode getJson(String pathAndQuery) {
    try (HttpResponse response = send(HttpMethod.GET, endpoint.baseUrl() + pathAndQuery, null, null)) {
      return expectOk(response);
    }
  }

  /** POST of an action that changes nothing (e.g. PolicyInsights' checkPolicyRestrictions). */
  public JsonNode postAction(String pathAndQuery, JsonNode body) {
    try (HttpResponse response = send(HttpMethod.POST, endpoint.baseUrl() + pathAndQuery, body, null)) {
      return expectOk(response);
    }
  }

  /**
   * Starts a create or update and returns at once: the resource as ARM answered, and the operation
   * to poll when ARM did not finish it within the request. A 200/201 whose body already says
   * provisioningState Succeeded needs no poll.
   */
  public Accepted startPut(String id, String apiVersion, ObjectNode body, String ifMatch, String purpose) {
    try (HttpResponse response = send(HttpMethod.PUT, url(id, apiVersion), body, ifMatch)) {
      JsonNode accepted = expectOk(response);
      boolean done = response.getStatusCode() != 202
          && "Succeeded".equals(accepted.path("properties").path("provisioningState").asText(null));
      return new Accepted(accepted, done ? Optional.empty() : operation(response, id, "PUT", purpose),
          retryAfter(response));
    }
  }

  /** Starts a delete; a resource that is already gone counts as deleted (no operation). */
  public Accepted startDelete(String id, String apiVersion, String purpose) {
    return startDelete(id, apiVersion, "", purpose);
  }

  /** Starts a delete with extra query parameters, e.g. ML's {@code &underlyingResourceAction=Detach}. */
  public Accepted startDelete(String id, String apiVersion, String extraQuery, String purpose) {
    try (HttpResponse response = send(HttpMethod.DELETE, url(id, apiVersion) + extraQuery, null, null)) {
      if (response.getStatusCode() == 404) {
        return new Accepted(JSON.createObjectNode(), Optional.empty(), null);
      }
      JsonNode answer = expectOk(response);
      return new Accepted(answer, operation(response, id, "DELETE", purpose), retryAfter(response));
    }
  }

  /**
   * Polls a recorded operation once: one GET of its URL, never a wait. Hand-written rather than
   * azure-core's polling strategies, whose state lives in a PollingContext built from the activation
   * response within one process; an operation read back from status after a restart has only its URL.
   */
  public Poll poll(AzureOperation operation) {
    try (HttpResponse response = send(HttpMethod.GET, operation.pollingUrl(), null, null)) {
      if (AzureOperation.LOCATION.equals(operation.pollingKind())) {
        if (response.getStatusCode() == 202) {
          return Poll.running(retryAfter(response));
        }
        if (response.getStatusCode() == 404 && operation.method().equals("DELETE")) {
          return ended(operation, Poll.succeeded());
        }
        try {
          expectOk(response);
        } catch (ArmException e) {
          return ended(operation, Poll.failed(e));
        }
        return ended(operation, Poll.succeeded());
      }
      JsonNode status = expectOk(response);
      return switch (status.path("status").asText("InProgress")) {
        case "Succeeded" -> ended(operation, Poll.succeeded());
        case "Failed", "Canceled" -> {
          JsonNode error = status.path("error");
          yield ended(operation, Poll.failed(new ArmException(200, error.path("code").asText("OperationFailed"),
              error.path("message").asText("the long-running operation ended " + status.path("status").asText()))));
        }
        default -> Poll.running(retryAfter(response));
      };
    }
  }

  private Poll ended(AzureOperation operation, Poll poll) {
    inFlight.ended(operation.pollingUrl());
    return poll;
  }

  /** Azure-AsyncOperation if ARM gave one, else Location on a 201/202; none: the write is done. */
  private Optional<AzureOperation> operation(HttpResponse response, String id, String method, String purpose) {
    String async = response.getHeaderValue(ASYNC_OPERATION);
    String location = response.getHeaderValue(HttpHeaderName.LOCATION);
    AzureOperation op;
    if (async != null) {
      op = new AzureOperation(id, purpose, method, AzureOperation.ASYNC_OPERATION, async, Instant.now().toString());
    } else if (location != null && (response.getStatusCode() == 202 || response.getStatusCode() == 201)) {
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
      JsonNode error = json.path("error");
      throw new ArmException(response.getStatusCode(), error.path("code").asText("HttpStatus" + response.getStatusCode()),
          error.path("message").asText(text.isBlank() ? "no message" : text));
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
  private Duration retryAfter(HttpResponse response) {
    return retryAfter(response.getHeaderValue(HttpHeaderName.RETRY_AFTER), Instant.now());
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
