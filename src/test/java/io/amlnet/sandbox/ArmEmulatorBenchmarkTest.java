package io.amlnet.sandbox;

import static io.amlnet.sandbox.EmulatorHarness.net;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a timing assertion: GETs per second that one sequential HTTPS client gets from
 * the emulator, written to target/bench/arm-emulator.json. Bounded in count and time.
 */
class ArmEmulatorBenchmarkTest {
  private static final int MAX_REQUESTS = 20_000;
  private static final Duration MAX_TIME = Duration.ofSeconds(3);

  @Test
  void measuresGetsPerSecondWithOneClient() throws Exception {
    var options = EmulatorOptions.defaults().throttle(ArmRequest.Kind.READ, 1_000_000, 1_000_000);
    try (var arm = new EmulatorHarness(options)) {
      String path = net("rg-net", "virtualNetworks/vnet1");
      for (int i = 0; i < 200; i++) {
        arm.get(path); // warm-up: connection, TLS session, JIT
      }
      int n = 0;
      long start = System.nanoTime();
      long deadline = start + MAX_TIME.toNanos();
      while (n < MAX_REQUESTS && System.nanoTime() < deadline) {
        assertThat(arm.get(path).status()).isEqualTo(200);
        n++;
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double perSecond = n / seconds;
      double serverMs = arm.emulator.requests().entries().stream().mapToDouble(RequestLog.Entry::latencyMs).average().orElse(0);
      Path out = Path.of("target", "bench", "arm-emulator.json");
      Files.createDirectories(out.getParent());
      Files.writeString(out, String.format(java.util.Locale.ROOT,
          "{\"benchmark\":\"arm-emulator-gets-per-second\",\"clients\":1,\"requests\":%d,\"seconds\":%.3f,\"getsPerSecond\":%.1f,\"meanServerMs\":%.3f}%n",
          n, seconds, perSecond, serverMs));
      System.out.printf("ARM emulator: %.0f GETs/s with one client (%d requests in %.2f s, %.3f ms in the server)%n",
          perSecond, n, seconds, serverMs);
    }
  }
}
