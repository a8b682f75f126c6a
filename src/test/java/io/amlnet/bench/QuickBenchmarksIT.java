package io.amlnet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.amlnet.testing.ControlPlane;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * `bench/run.sh --quick` inside `mvn verify`, so that the harness stays alive: every benchmark in
 * quick mode into target/bench/, then REPORT.md and both charts. It checks that the harness did its
 * job, never a figure: benchmarks are not timed tests, and a slow machine must not fail the build.
 * bad-input.json comes from BadInputIT, which failsafe runs first (runOrder reversealphabetical).
 */
@ExtendWith(ControlPlane.class)
class QuickBenchmarksIT {
  private static final List<String> BENCHMARKS =
      List.of("scale.json", "steady-state.json", "convergence.json", "crash.json", "faults.json");

  @Test
  void writesEveryBenchmarksFiguresTheReportAndBothCharts(KubernetesClient kube) throws Exception {
    long start = System.nanoTime();
    Benchmarks.run(kube, Benchmarks.Mode.QUICK.overridden());
    System.out.println("[bench] quick run took " + Bench.seconds(start, System.nanoTime()) + " s");

    for (String file : BENCHMARKS) {
      Path json = Bench.OUT.resolve(file);
      assertThat(json).as(file).exists();
      assertThat(new ObjectMapper().readTree(json.toFile()).has("error")).as(file + " has no error").isFalse();
    }
    assertThat(Bench.OUT.resolve("REPORT.md")).exists();
    assertThat(Bench.OUT.resolve("scale.png")).exists();
    assertThat(Bench.OUT.resolve("convergence.png")).exists();
  }
}
