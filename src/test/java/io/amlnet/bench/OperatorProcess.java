package io.amlnet.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * `amlnet run` as its own OS process (the built jar), so a benchmark can SIGKILL and restart it:
 * against the harness's kube-apiserver (KUBECONFIG) and ARM emulator, watching only the given
 * namespaces. Its heap is sampled from its Prometheus port each second and its CPU time read from
 * /proc; its output goes to target/bench/logs/.
 */
final class OperatorProcess implements AutoCloseable {
  static final Path JAR = Path.of("target/amlnet.jar");
  /** The chart's memory limit (512 MiB) at its MaxRAMPercentage (75): what the operator gets in a cluster. */
  private static final String HEAP = "-Xmx384m";
  private static final Pattern HEAP_USED = Pattern.compile("(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} (\\S+)");
  private static final Pattern RECONCILES = Pattern.compile("(?m)^amlnet_reconcile_duration_seconds_count\\{[^}]*} (\\S+)");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static int started;
  /** Operators still running when the harness's JVM ends (a failed or stopped run) go with it. */
  private static final java.util.Set<Process> RUNNING = java.util.concurrent.ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
        "bench-operators-stop"));
  }

  private final Process process;
  private final int healthPort;
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "operator-heap-sampler");
    t.setDaemon(true);
    return t;
  });
  private volatile double heapPeakBytes;
  private volatile double lastCpuSeconds;

  private OperatorProcess(Process process, int healthPort) {
    this.process = process;
    this.healthPort = healthPort;
    RUNNING.add(process);
    sampler.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
  }

  static OperatorProcess start(Path kubeconfig, String armUrl, Path armCa, Duration resync, Duration pollInterval,
      List<String> namespaces) {
    try {
      int port = freePort();
      Path logs = Files.createDirectories(Path.of("target/bench/logs"));
      Path log;
      synchronized (OperatorProcess.class) {
        log = logs.resolve(String.format("operator-%03d.log", ++started));
      }
      List<String> command = new ArrayList<>(List.of(javaBinary(), HEAP, "-XX:+ExitOnOutOfMemoryError",
          "-jar", JAR.toString(), "run", "--azure-endpoint", armUrl, "--azure-ca", armCa.toString(),
          "--azure-credential", "Sandbox", "--resync-period", resync.toSeconds() + "s",
          "--operation-poll-interval", pollInterval.toMillis() + "ms",
          "--health-port", String.valueOf(port), "--namespace", String.join(",", namespaces)));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(log.toFile());
      builder.environment().put("KUBECONFIG", kubeconfig.toString());
      long launched = System.nanoTime();
      OperatorProcess operator = new OperatorProcess(builder.start(), port);
      operator.awaitReady(Duration.ofMinutes(3));
      // Where a benchmark's time goes: each operator start (JVM, informers synced) costs this much.
      System.out.println("[bench] operator " + log.getFileName() + " ready in " + Bench.seconds(launched, System.nanoTime())
          + " s: " + String.join(" ", namespaces));
      return operator;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until /readyz answers 200 (informers synced: the operator is watching), or the process is gone. */
  void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (process.isAlive() && System.nanoTime() < deadline) {
      try {
        HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + "/readyz"))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      Bench.sleep(200);
    }
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** SIGKILL: no shutdown hook, no finalizer, no last write. */
  void kill() {
    cpuSeconds(); // the last reading before /proc forgets the process
    process.destroyForcibly();
    waitFor();
  }

  /** User + system CPU time so far, from /proc/PID/stat (ticks of 1/100 s on Linux). */
  double cpuSeconds() {
    try {
      String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      lastCpuSeconds = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    } catch (IOException | RuntimeException e) {
      // gone: the last reading stands
    }
    return lastCpuSeconds;
  }

  double heapPeakMiB() {
    return heapPeakBytes / (1024 * 1024);
  }

  /** Reconciles the operator has finished since it started (amlnet_reconcile_duration_seconds_count). */
  long reconciles() {
    String metrics = metrics();
    long sum = 0;
    Matcher m = RECONCILES.matcher(metrics);
    while (m.find()) {
      sum += (long) Double.parseDouble(m.group(1));
    }
    return sum;
  }

  private void sample() {
    String metrics = metrics();
    double used = 0;
    Matcher m = HEAP_USED.matcher(metrics);
    while (m.find()) {
      used += Double.parseDouble(m.group(1));
    }
    heapPeakBytes = Math.max(heapPeakBytes, used);
    cpuSeconds();
  }

  private String metrics() {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + "/metrics"))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? r.body() : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  private void waitFor() {
    try {
      process.waitFor(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** SIGTERM, as Kubernetes stops a pod; SIGKILL if it is still there after 30 s. */
  @Override
  public void close() {
    RUNNING.remove(process);
    sampler.shutdownNow();
    cpuSeconds();
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          waitFor();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
