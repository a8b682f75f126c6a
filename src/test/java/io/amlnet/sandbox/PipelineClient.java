package io.amlnet.sandbox;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/** REST over the SDK's HttpPipeline (as the operator does for ML computes), with ARM's async polling. */
final class PipelineClient {
  private final HttpPipeline pipeline;
  private final String baseUrl;

  /** Status, Azure-AsyncOperation header and JSON body of one answer. */
  record Answer(int status, String asyncOperation, JsonNode body) {}

  PipelineClient(ArmEmulator emulator) {
    this.pipeline = SandboxAzureClients.armPipeline(emulator.certificatePath());
    this.baseUrl = emulator.baseUrl();
  }

  Answer send(HttpMethod method, String path, String body) {
    String url = path.startsWith("https://") ? path : baseUrl + path + "?api-version=" + EmulatorHarness.ML_API;
    HttpRequest request = new HttpRequest(method, url);
    if (body != null) {
      request.setHeader(HttpHeaderName.CONTENT_TYPE, "application/json").setBody(body);
    }
    try (HttpResponse r = pipeline.sendSync(request, Context.NONE)) {
      String text = r.getBodyAsBinaryData() == null ? "" : r.getBodyAsBinaryData().toString();
      return new Answer(r.getStatusCode(), r.getHeaderValue(HttpHeaderName.fromString("Azure-AsyncOperation")),
          text.isEmpty() ? null : Json.MAPPER.readTree(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Polls an operation until it leaves InProgress; returns its final status. */
  String await(Answer started) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      String status = send(HttpMethod.GET, started.asyncOperation(), null).body().path("status").asText();
      if (!status.equals("InProgress")) {
        return status;
      }
      EmulatorHarness.sleep(10);
    }
    return "TimedOut";
  }
}
