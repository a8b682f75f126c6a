package io.amlnet.controller;

import static io.amlnet.controller.OperatorIT.FAST_RESYNC;
import static io.amlnet.controller.OperatorIT.READY;
import static io.amlnet.controller.OperatorIT.hasRule;
import static io.amlnet.controller.OperatorIT.ids;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlnet.metrics.OperationsServer;
import io.amlnet.testing.ControlPlane;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A running operator's port, as the kubelet and Prometheus see it, after an example is applied and drifts. */
@ExtendWith(ControlPlane.class)
class OperatorMetricsIT {
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(OperationsServer server, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void readyzAndMetricsShowTheStartedOperatorItsArmRequestsCreationsAndDriftCorrections() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (OperatorSandbox sandbox = OperatorSandbox.start(FAST_RESYNC, Duration.ofHours(24), o -> { }, registry);
        OperationsServer server = OperationsServer.start(new InetSocketAddress("127.0.0.1", 0),
            sandbox.health()::liveness, sandbox.health()::readiness, registry)) {
      assertThat(get(server, "/readyz").statusCode()).isEqualTo(200);
      assertThat(get(server, "/healthz").statusCode()).isEqualTo(200);
      sandbox.apply("restricted-outbound.yaml");
      sandbox.awaitEnvironment("restricted-outbound", Conditions.READY, "True", READY);
      String nsg = ids(sandbox, "restricted-outbound").networkSecurityGroup();
      ObjectNode drifted = sandbox.armResource(nsg);
      ((ArrayNode) drifted.path("properties").path("securityRules")).remove(0);
      sandbox.arm.driftResource(drifted);
      sandbox.awaitArm("the NSG corrected", arm -> hasRule(arm.readResource(nsg).orElseThrow(),
          "amlnet-out-deny-internet") && arm.readResource(nsg).orElseThrow().path("properties")
          .path("securityRules").size() == drifted.path("properties").path("securityRules").size() + 1, READY);

      // The reconcile counts its writes once ARM has accepted them, and a later reconcile sees the
      // correction's operation end (the in-flight gauge back at 0): scrape until both have happened.
      String correction = "amlnet_drift_corrections_total{resource_type=\"Microsoft.Network/networkSecurityGroups\"} 1.0";
      String idle = "amlnet_arm_operations_in_flight 0.0";
      String metrics = get(server, "/metrics").body();
      for (long deadline = System.nanoTime() + READY.toNanos(); !(metrics.contains(correction) && metrics.contains(idle))
          && System.nanoTime() < deadline; metrics = get(server, "/metrics").body()) {
        Thread.sleep(200);
      }
      assertThat(metrics)
          .contains("amlnet_azure_creations_total{resource_type=\"Microsoft.Network/networkSecurityGroups\"} 1.0")
          .contains(correction)
          .contains("amlnet_arm_requests_total{method=\"PUT\",resource_type=\"Microsoft.Network/networkSecurityGroups\",status=\"201\"} 1.0")
          .contains("amlnet_arm_operations_in_flight 0.0")
          .contains("amlnet_arm_budget_tokens{kind=\"write\",subscription=\"6f1e6c2a-9d2b-4a43-8c1e-2a6f9d3b7c10\"}")
          .contains("amlnet_reconcile_duration_seconds_count{controller=\"trainingenvironment\",operation=\"reconcile\",outcome=\"success\"}")
          .contains("operator_sdk_controllers_execution_reconcile_seconds_count{controller=\"trainingenvironment\"");
    }
  }
}
