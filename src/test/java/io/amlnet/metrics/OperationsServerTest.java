package io.amlnet.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operator's HTTP port: the kubelet's probes and Prometheus' scrape, and nothing else. */
class OperationsServerTest {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicReference<Probe> readiness = new AtomicReference<>(Probe.failing("starting: informers not synced yet"));
  private final HttpClient http = HttpClient.newHttpClient();
  private OperationsServer server;

  @BeforeEach
  void start() {
    server = OperationsServer.start(new InetSocketAddress("127.0.0.1", 0), () -> Probe.ok("ok"), readiness::get, registry);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthzAnswersTheLivenessProbe() throws Exception {
    HttpResponse<String> response = send("GET", "/healthz");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ok\n");
  }

  @Test
  void readyzIsUnavailableUntilReadinessHoldsAndSaysWhy() throws Exception {
    HttpResponse<String> starting = send("GET", "/readyz");
    assertThat(starting.statusCode()).isEqualTo(503);
    assertThat(starting.body()).contains("informers not synced");
    readiness.set(Probe.ok("ok: started"));
    assertThat(send("GET", "/readyz").statusCode()).isEqualTo(200);
  }

  @Test
  void metricsIsPrometheusTextOfTheRegistry() throws Exception {
    registry.counter("amlnet.drift.corrections", "resource_type", "Microsoft.Network/routeTables").increment(3);
    HttpResponse<String> response = send("GET", "/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(response.body())
        .contains("# TYPE amlnet_drift_corrections_total counter")
        .contains("amlnet_drift_corrections_total{resource_type=\"Microsoft.Network/routeTables\"} 3.0");
  }

  @Test
  void otherPathsAndMethodsAreRefused() throws Exception {
    assertThat(send("GET", "/healthz/extra").statusCode()).isEqualTo(404);
    assertThat(send("GET", "/").statusCode()).isEqualTo(404);
    assertThat(send("POST", "/metrics").statusCode()).isEqualTo(405);
  }
}
