package io.amlnet.cli;

import io.amlnet.controller.AmlnetOperator;
import io.amlnet.metrics.OperationsServer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.List;

/** The `--health-port` of the commands that run the operator: one Prometheus registry, one small HTTP server. */
final class OperationsPort {
  private OperationsPort() {}

  /** A Prometheus registry with the JVM's own meters (memory, threads, classes, CPU, uptime) bound. */
  static PrometheusMeterRegistry registry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    List.of(new JvmMemoryMetrics(), new JvmThreadMetrics(), new ClassLoaderMetrics(), new ProcessorMetrics(),
        new UptimeMetrics()).forEach(binder -> binder.bindTo(registry));
    return registry;
  }

  /** Serves the operator's probes and the registry on {@code port} on all interfaces; null for port 0. */
  static OperationsServer serve(int port, AmlnetOperator operator, PrometheusMeterRegistry registry, PrintStream out) {
    if (port == 0) {
      return null;
    }
    OperationsServer server = OperationsServer.start(new InetSocketAddress(port), operator.health()::liveness,
        operator.health()::readiness, registry);
    out.println("amlnet operator: /healthz, /readyz and /metrics on port " + server.port());
    return server;
  }
}
