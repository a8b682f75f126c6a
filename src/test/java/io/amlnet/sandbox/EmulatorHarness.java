package io.amlnet.sandbox;

import com.azure.core.management.provider.DelayProvider;
import com.azure.resourcemanager.network.NetworkManager;
import com.azure.resourcemanager.resources.fluentcore.utils.ResourceManagerUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Starts an emulator on the test world and talks to it: raw HTTPS (java.net.http, trusting only
 * the emulator's certificate), the real network SDK, and helpers for ARM paths and operations.
 */
final class EmulatorHarness implements AutoCloseable {
  static final String SUB = "00000000-0000-0000-0000-0000000000aa";
  static final String SUB2 = "00000000-0000-0000-0000-0000000000bb";
  static final String API = "2024-07-01";
  static final String ML_API = "2024-10-01";

  static {
    // The SDK waits between polls; the emulator's operations are fast in tests.
    DelayProvider fast = d -> Duration.ofMillis(10);
    ResourceManagerUtils.InternalRuntimeContext.setDelayProvider(fast);
  }

  final ArmEmulator emulator;
  private final HttpClient http;
  private NetworkManager network;

  /** A reply: status, headers, JSON body (null when empty). */
  record Reply(int status, Map<String, java.util.List<String>> headers, JsonNode body) {
    String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }

    String errorCode() {
      return body == null ? null : body.path("error").path("code").asText(null);
    }

    String state() {
      return body.path("properties").path("provisioningState").asText();
    }
  }

  EmulatorHarness(EmulatorOptions options) {
    this(testWorld(), options);
  }

  EmulatorHarness(WorldSpec world, EmulatorOptions options) {
    try {
      this.emulator = ArmEmulator.start(world, options);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.http = HttpClient.newBuilder().sslContext(emulator.clientSslContext()).connectTimeout(Duration.ofSeconds(5)).build();
  }

  EmulatorHarness() {
    this(EmulatorOptions.defaults().lroLatency(Duration.ZERO));
  }

  static WorldSpec testWorld() {
    try (InputStream in = EmulatorHarness.class.getResourceAsStream("/sandbox/test-world.yaml")) {
      return WorldSpec.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  NetworkManager network() {
    if (network == null) {
      network = SandboxAzureClients.networkManager(emulator.baseUrl(), emulator.certificatePath(), SUB);
    }
    return network;
  }

  static String group(String rg) {
    return "/subscriptions/" + SUB + "/resourceGroups/" + rg;
  }

  static String net(String rg, String typeAndName) {
    return group(rg) + "/providers/Microsoft.Network/" + typeAndName;
  }

  static String compute(String name) {
    return group("rg-ml") + "/providers/Microsoft.MachineLearningServices/workspaces/ws1/computes/" + name;
  }

  static String subnetId(String rg, String vnet, String subnet) {
    return net(rg, "virtualNetworks/" + vnet + "/subnets/" + subnet);
  }

  static ObjectNode json(String text) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Reply get(String path) {
    return send("GET", path, null, Map.of());
  }

  Reply put(String path, String body) {
    return send("PUT", path, body, Map.of());
  }

  Reply put(String path, JsonNode body) {
    return send("PUT", path, body.toString(), Map.of());
  }

  Reply delete(String path) {
    return send("DELETE", path, null, Map.of());
  }

  /** Sends with the bearer token and the api-version for the path's provider unless the path has one. */
  Reply send(String method, String path, String body, Map<String, String> headers) {
    String url = path.startsWith("https://") ? path : emulator.baseUrl() + path;
    if (!url.contains("api-version=") && !path.startsWith("/_sandbox")) {
      url += (url.contains("?") ? "&" : "?") + "api-version=" + (path.contains("MachineLearningServices") ? ML_API : API);
    }
    Map<String, String> all = new java.util.LinkedHashMap<>(Map.of("Authorization", "Bearer test-token"));
    all.putAll(headers);
    return sendRaw(method, url, body, all);
  }

  Reply sendRaw(String method, String url, String body, Map<String, String> headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach((k, v) -> {
      if (v != null) {
        b.header(k, v);
      }
    });
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = r.body().isEmpty() ? null : Json.MAPPER.readTree(r.body());
      return new Reply(r.statusCode(), r.headers().map(), json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Polls the reply's Azure-AsyncOperation URL until the operation ends; returns the final status body. */
  JsonNode awaitOperation(Reply started) {
    String url = started.header("Azure-AsyncOperation");
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      Reply r = sendRaw("GET", url, null, Map.of("Authorization", "Bearer test-token"));
      if (!r.body().path("status").asText().equals("InProgress") || System.nanoTime() > deadline) {
        return r.body();
      }
      sleep(10);
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    emulator.close();
  }
}
