package io.amlnet.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlnet.testing.ControlPlane;
import io.amlnet.testing.Crds;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The benchmark harness (bench/run.sh): each benchmark writes its JSON to target/bench/, then the
 * report and the charts are written from whatever JSON is there. It prints figures and their targets
 * and asserts none of them. {@code -Dbench.mode=quick|full} picks the sizes ({@link QuickBenchmarksIT}
 * runs the quick mode in `mvn verify`), {@code -Dbench.only=a,b} some of the benchmarks,
 * {@code -Dbench.timeScale=F} the latency profile's scale, {@code -Dbench.scaleTimeoutMinutes=N} how
 * long the scale run may wait for Ready. Not an *IT: `mvn verify` does not run the full mode.
 */
@ExtendWith(ControlPlane.class)
class Benchmarks {
  /**
   * How big and how fast each benchmark is in one mode. Quick keeps every benchmark and both charts
   * alive in CI (under 4 minutes): fewer objects, its scale run's environments 5 to a VNet (so that
   * VNets, not one VNet's subnet queue, are what it exercises), its steady-state environments one to
   * a VNet (it measures the resyncs after Ready, not the way there), operations at 0.02 of their
   * size, a 5 s resync for the steady-state window, 3 crash points (first, middle and last write), and a
   * minute for the faults run to reach Ready and 30 s to delete (what is left then is counted, not
   * waited for: a teardown retried with back-off under faults can take minutes).
   */
  record Mode(String name, int steadyEnvironments, int steadyEnvironmentsPerVnet, Duration steadyResync,
      int scaleEnvironments, int scaleComputes,
      int scaleEnvironmentsPerVnet, Duration scaleTimeout, int faultEnvironments, Duration faultsReadyTimeout,
      Duration faultsDeleteTimeout, int crashPoints, double timeScale) {
    static final Mode QUICK = new Mode("quick", 4, 1, Duration.ofSeconds(5), 20, 2, 5, Duration.ofMinutes(2), 10,
        Duration.ofMinutes(1), Duration.ofSeconds(30), 3, 0.02);
    static final Mode FULL = new Mode("full", 50, BenchWorld.SUBNETS_PER_VNET, Duration.ofSeconds(20), 1000, 100, BenchWorld.SUBNETS_PER_VNET,
        Duration.ofMinutes(90), 100, Duration.ofMinutes(20), Duration.ofMinutes(20), 0, 0.1);

    /** The mode {@code -Dbench.mode} names (quick unless full), with the -D overrides applied. */
    static Mode fromProperties() {
      Mode mode = "full".equals(System.getProperty("bench.mode", "quick")) ? FULL : QUICK;
      return mode.overridden();
    }

    Mode overridden() {
      return new Mode(name, steadyEnvironments, steadyEnvironmentsPerVnet, steadyResync, scaleEnvironments, scaleComputes,
          scaleEnvironmentsPerVnet, Duration.ofMinutes(Long.getLong("bench.scaleTimeoutMinutes", scaleTimeout.toMinutes())),
          faultEnvironments, faultsReadyTimeout, faultsDeleteTimeout, crashPoints, Double.parseDouble(System.getProperty("bench.timeScale", String.valueOf(timeScale))));
    }

    boolean quick() {
      return name.equals("quick");
    }

    /** Benchmark VNets enough for every benchmark's subnets (each benchmark starts on a VNet of its own). */
    int virtualNetworks() {
      int per = BenchWorld.SUBNETS_PER_VNET;
      return ceil(steadyEnvironments, steadyEnvironmentsPerVnet) + ceil(scaleEnvironments, scaleEnvironmentsPerVnet)
          + ceil(faultEnvironments, per) + 1;
    }

    private static int ceil(int n, int per) {
      return (n + per - 1) / per;
    }
  }

  static final int FOREIGN_OBJECTS = 10;

  @Test
  void run(KubernetesClient kube) throws Exception {
    run(kube, Mode.fromProperties());
  }

  /** Every benchmark (or those -Dbench.only names) in {@code mode}, then the report and the charts. */
  static void run(KubernetesClient kube, Mode mode) throws Exception {
    Crds.installAll(kube, Crds.CHECKED_IN);
    Map<String, Function<Bench, ObjectNode>> all = new LinkedHashMap<>();
    // Scale first: the longest, and the one whose full-size figures matter most when time runs out.
    all.put("scale", b -> Scale.run(b, mode.scaleEnvironments(), mode.scaleComputes(),
        mode.scaleEnvironmentsPerVnet(), mode.scaleTimeout()));
    all.put("steady-state", b -> SteadyState.run(b, mode.steadyEnvironments(), mode.steadyEnvironmentsPerVnet(),
        mode.steadyResync()));
    all.put("convergence", Convergence::run);
    all.put("crash", b -> Crash.run(b, mode.crashPoints()));
    all.put("faults", b -> Faults.run(b, mode.faultEnvironments(), mode.faultsReadyTimeout(),
        mode.faultsDeleteTimeout()));
    String only = System.getProperty("bench.only", "");
    Set<String> chosen = only.isBlank() ? all.keySet() : Arrays.stream(only.split(",")).map(String::trim)
        .collect(Collectors.toSet());
    // Nothing of an earlier run may pass for this one's (bad-input.json is BadInputIT's, this run's or not).
    for (String stale : chosen) {
      java.nio.file.Files.deleteIfExists(Bench.OUT.resolve(stale + ".json"));
    }
    for (String stale : List.of("REPORT.md", "scale.png", "convergence.png")) {
      java.nio.file.Files.deleteIfExists(Bench.OUT.resolve(stale));
    }
    BenchWorld world = new BenchWorld(mode.virtualNetworks(), FOREIGN_OBJECTS);
    OperationLatency latency = OperationLatency.realistic(mode.timeScale());
    try (Bench bench = new Bench(kube, ControlPlane.kubeconfig(), world, latency, mode.quick())) {
      for (var benchmark : all.entrySet()) {
        if (!chosen.contains(benchmark.getKey())) {
          continue;
        }
        long start = System.nanoTime();
        ObjectNode result;
        try {
          result = benchmark.getValue().apply(bench);
        } catch (RuntimeException e) {
          e.printStackTrace();
          result = Bench.object().put("error", String.valueOf(e));
        }
        result.put("mode", mode.name());
        result.put("benchmarkSeconds", Bench.seconds(start, System.nanoTime()));
        Bench.write(benchmark.getKey() + ".json", result);
      }
    }
    report();
  }

  /** REPORT.md and the charts from every JSON in target/bench/ (bad-input.json comes from BadInputIT). */
  static void report() throws java.io.IOException {
    Report.write(Bench.OUT);
  }
}
