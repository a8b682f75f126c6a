package io.amlnet.azure;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * ARM's REST contract on the Azure SDK's HTTP pipeline (auth, retries, budget): GET, PUT and
 * DELETE of any resource by ID with ARM's JSON, waiting out long-running operations the way ARM
 * describes them (Azure-AsyncOperation, else Location).
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

  /** Create or update; returns the resource once its long-running operation has ended. */
  public ArmResource put(String id, String apiVersion, ObjectNode body, String ifMatch) {
    String url = url(id, apiVersion);
    try (HttpResponse response = send(HttpMethod.PUT, url, body, ifMatch)) {
      JsonNode accepted = expectOk(response);
      String operation = response.getHeaderValue(ASYNC_OPERATION);
      if (operation != null) {
        awaitOperation(operation, retryAfter(response));
        return get(id, apiVersion).orElseThrow(
            () -> new ArmException(404, "ResourceNotFound", id + " is gone right after its PUT succeeded"));
      }
      return resource(id, accepted);
    }
  }

  /** Delete; a resource that is already gone counts as deleted. */
  public void delete(String id, String apiVersion) {
    delete(id, apiVersion, "");
  }

  /** Delete with extra query parameters, e.g. ML's {@code &underlyingResourceAction=Detach}. */
  public void delete(String id, String apiVersion, String extraQuery) {
    try (HttpResponse response = send(HttpMethod.DELETE, url(id, apiVersion) + extraQuery, null, null)) {
      if (response.getStatusCode() == 404) {
        return;
      }
      expectOk(response);
      String operation = response.getHeaderValue(ASYNC_OPERATION);
      String location = response.getHeaderValue(HttpHeaderName.LOCATION);
      if (operation != null) {
        awaitOperation(operation, retryAfter(response));
      } else if (response.getStatusCode() == 202 && location != null) {
        awaitLocation(location, retryAfter(response));
      }
    }
  }

  private void awaitOperation(String operationUrl, Duration firstDelay) {
    inFlight.whilePolling(() -> pollOperation(operationUrl, firstDelay));
  }

  private void awaitLocation(String location, Duration firstDelay) {
    inFlight.whilePolling(() -> pollLocation(location, firstDelay));
  }

  private void pollOperation(String operationUrl, Duration firstDelay) {
    long deadline = System.nanoTime() + operationTimeout.toNanos();
    Duration delay = firstDelay;
    while (true) {
      sleep(delay);
      try (HttpResponse response = send(HttpMethod.GET, operationUrl, null, null)) {
        JsonNode status = expectOk(response);
        switch (status.path("status").asText("InProgress")) {
          case "Succeeded" -> {
            return;
          }
          case "Failed", "Canceled" -> {
            JsonNode error = status.path("error");
            throw new ArmException(200, error.path("code").asText("OperationFailed"),
                error.path("message").asText("the long-running operation ended " + status.path("status").asText()));
          }
          default -> delay = retryAfter(response);
        }
      }
      if (System.nanoTime() > deadline) {
        throw new ArmException(504, "OperationTimedOut", "the operation " + operationUrl + " did not end within "
            + operationTimeout.toSeconds() + "s");
      }
    }
  }

  private void pollLocation(String location, Duration firstDelay) {
    long deadline = System.nanoTime() + operationTimeout.toNanos();
    Duration delay = firstDelay;
    while (System.nanoTime() < deadline) {
      sleep(delay);
      try (HttpResponse response = send(HttpMethod.GET, location, null, null)) {
        if (response.getStatusCode() != 202) {
          expectOk(response);
          return;
        }
        delay = retryAfter(response);
      }
    }
    throw new ArmException(504, "OperationTimedOut", "the operation " + location + " did not end in time");
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

  private Duration retryAfter(HttpResponse response) {
    String value = response.getHeaderValue(HttpHeaderName.RETRY_AFTER);
    if (value != null) {
      try {
        Duration asked = Duration.ofSeconds(Long.parseLong(value.trim()));
        return asked.compareTo(LONGEST_POLL) > 0 ? LONGEST_POLL : asked.compareTo(pollInterval) < 0 ? pollInterval : asked;
      } catch (NumberFormatException ignored) {
        // an HTTP date: fall back to our own interval
      }
    }
    return pollInterval;
  }

  private String url(String id, String apiVersion) {
    return endpoint.baseUrl() + id + "?api-version=" + apiVersion;
  }

  /** An interrupt (shutdown) keeps its flag and ends the reconcile with a retryable error, never a Stalled one. */
  static void sleep(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ArmException(499, ArmException.INTERRUPTED, "interrupted while waiting for a long-running operation;"
          + " it is looked at again on the next reconcile");
    }
  }
}
