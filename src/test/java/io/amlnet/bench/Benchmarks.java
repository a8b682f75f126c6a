package io.amlnet.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlnet.testing.ControlPlane;
import io.amlnet.testing.Crds;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The benchmark harness (bench/run.sh): each benchmark writes its JSON to target/bench/, then the
 * report and the charts are written from whatever JSON is there. It prints figures and their targets
 * and asserts none of them. {@code -Dbench.mode=quick|full} picks the sizes, {@code -Dbench.only=a,b}
 * some of the benchmarks, {@code -Dbench.scaleTimeoutMinutes=N} how long the scale run may wait for Ready.
 * Not an *IT: `mvn verify` does not run it unless asked.
 */
@ExtendWith(ControlPlane.class)
class Benchmarks {
  /** How big each benchmark is in one mode. */
  record Sizes(int steadyEnvironments, int scaleEnvironments, int scaleComputes, int faultEnvironments) {
    static Sizes of(boolean quick) {
      return quick ? new Sizes(8, 50, 5, 20) : new Sizes(50, 1000, 100, 100);
    }

    int virtualNetworks() {
      int per = BenchWorld.SUBNETS_PER_VNET;
      return ceil(steadyEnvironments, per) + ceil(scaleEnvironments, per) + ceil(faultEnvironments, per) + 1;
    }

    private static int ceil(int n, int per) {
      return (n + per - 1) / per;
    }
  }

  /** The emulator's per-type realistic latencies at a tenth of their size, as the scale run asks. */
  static final OperationLatency LATENCY = OperationLatency.realistic(Double.parseDouble(System.getProperty("bench.timeScale", "0.1")));
  static final int FOREIGN_OBJECTS = 10;

  @Test
  void run(KubernetesClient kube) throws Exception {
    boolean quick = !"full".equals(System.getProperty("bench.mode", "quick"));
    Sizes sizes = Sizes.of(quick);
    Crds.installAll(kube, Crds.CHECKED_IN);
    Map<String, Function<Bench, ObjectNode>> all = new LinkedHashMap<>();
    // Scale first: the longest, and the one whose full-size figures matter most when time runs out.
    all.put("scale", b -> Scale.run(b, sizes.scaleEnvironments(), sizes.scaleComputes(),
        Duration.ofMinutes(Long.getLong("bench.scaleTimeoutMinutes", quick ? 10 : 90))));
    all.put("steady-state", b -> SteadyState.run(b, sizes.steadyEnvironments()));
    all.put("convergence", Convergence::run);
    all.put("crash", Crash::run);
    all.put("faults", b -> Faults.run(b, sizes.faultEnvironments()));
    String only = System.getProperty("bench.only", "");
    Set<String> chosen = only.isBlank() ? all.keySet() : Arrays.stream(only.split(",")).map(String::trim)
        .collect(Collectors.toSet());
    BenchWorld world = new BenchWorld(sizes.virtualNetworks(), FOREIGN_OBJECTS);
    try (Bench bench = new Bench(kube, ControlPlane.kubeconfig(), world, LATENCY, quick)) {
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
        result.put("mode", quick ? "quick" : "full");
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
