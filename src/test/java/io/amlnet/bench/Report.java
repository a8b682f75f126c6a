package io.amlnet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * target/bench/REPORT.md and the charts, from the JSON files in target/bench/: each figure beside
 * its target, met or missed, the binding term of the scale minimum, the machine and the date.
 * A benchmark that did not run this time is reported as missing, not guessed.
 */
final class Report {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final StringBuilder md = new StringBuilder();

  /** The charts and REPORT.md from the JSON files in {@code dir}. */
  static void write(Path dir) throws IOException {
    JsonNode scale = read(dir, "scale.json");
    if (scale != null && !scale.has("error")) {
      Charts.scale(scale, dir.resolve("scale.png"));
    }
    JsonNode convergence = read(dir, "convergence.json");
    if (convergence != null && !convergence.has("error")) {
      Charts.convergence(convergence, dir.resolve("convergence.png"));
    }
    new Report().render(dir);
  }

  /** Writes the report again from the JSON already in target/bench/ (or the directory given), e.g. after an interrupted run. */
  public static void main(String[] args) throws IOException {
    write(args.length > 0 ? Path.of(args[0]) : Bench.OUT);
  }

  private void render(Path dir) throws IOException {
    line("# amlnet benchmarks");
    line("");
    line("Measured " + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))
        + " on " + Machine.describe() + ".");
    line("");
    line("The operator ran as its own process (`java -Xmx384m -jar target/amlnet.jar run`, the chart's 512 MiB limit at"
        + " 75 %) against the test control plane's kube-apiserver and the ARM emulator (in the harness's JVM, so that"
        + " requests are counted exactly and the operator can be killed right after a given write). Figures are"
        + " printed, never asserted. Machine load from other work on this host shows in every time.");
    line("");
    steadyState(read(dir, "steady-state.json"));
    convergence(read(dir, "convergence.json"));
    scale(read(dir, "scale.json"));
    faults(read(dir, "faults.json"));
    crash(read(dir, "crash.json"));
    badInput(read(dir, "bad-input.json"));
    Files.writeString(dir.resolve("REPORT.md"), md.toString());
    System.out.println("[bench] " + dir.resolve("REPORT.md") + "\n" + md);
  }

  private static JsonNode read(Path dir, String file) throws IOException {
    Path p = dir.resolve(file);
    return Files.exists(p) ? JSON.readTree(p.toFile()) : null;
  }

  private boolean missing(String title, String file, JsonNode json) {
    line("## " + title);
    line("");
    if (json == null) {
      line("_Not run: no " + file + "._");
      line("");
      return true;
    }
    if (json.has("error")) {
      line("_Failed: " + json.path("error").asText() + "_");
      line("");
      return true;
    }
    line("`" + file + "` (" + json.path("mode").asText("-") + " run).");
    line("");
    return false;
  }

  private void steadyState(JsonNode s) {
    if (missing("Steady state: zero writes", "steady-state.json", s)) {
      return;
    }
    long n = s.path("environments").asLong();
    long owned = s.path("ownedAzureResources").asLong();
    table();
    row("environments (Ready: " + s.path("allReady").asBoolean() + ")", n, "", null);
    row("ownedAzureResources", owned, "", null);
    row("writesPerResync", s.path("writesPerResync").asDouble(), "0", s.path("writesPerResync").asDouble() == 0);
    row("statusWritesPerResync", s.path("statusWritesPerResync").asDouble(), "0",
        s.path("statusWritesPerResync").asDouble() == 0);
    row("readsPerResync", s.path("readsPerResync").asDouble(), "<= owned + environments = " + (owned + n),
        s.path("readsPerResync").asDouble() <= owned + n);
    row("serviceTagReadsPerResync", s.path("serviceTagReadsPerResync").asDouble(), "independent of N", null);
    line("");
    line("Resync period " + s.path("resyncSeconds").asText() + " s; window " + s.path("windowSeconds").asText()
        + " s (three resyncs), " + s.path("reconcilesInWindow").asText() + " reconciles in it. Status writes are"
        + " resourceVersion changes seen by a watch on the objects.");
    if (s.has("readsPerResyncByType")) {
      line("");
      line("Reads per resync by resource type (the request log): " + s.path("readsPerResyncByType").toString() + ".");
    }
    line("");
  }

  private void convergence(JsonNode c) {
    if (missing("Convergence against the critical path", "convergence.json", c)) {
      return;
    }
    line("Latency source: " + c.path("latency").asText() + ".");
    line("");
    line("| scenario | criticalPathMs | timeToReadyMs | ratio | target ratio <= 1.25 | first ARM request, ms | ARM reads"
        + " | writes accepted at, ms |");
    line("|---|---|---|---|---|---|---|---|");
    for (JsonNode r : c.path("scenarios")) {
      double ratio = r.path("ratio").asDouble();
      StringBuilder writes = new StringBuilder();
      r.path("writesAcceptedAtMs").forEach(w -> writes.append(writes.length() == 0 ? "" : "; ").append(w.asText()));
      line("| " + r.path("scenario").asText() + " | " + r.path("criticalPathMs").asText() + " | "
          + r.path("timeToReadyMs").asText() + " | " + ratio + " | " + verdict(ratio >= 0 && ratio <= 1.25) + " | "
          + r.path("firstArmRequestMs").asText("-") + " | " + r.path("armReads").asText("-") + " | " + writes + " |");
    }
    line("");
    line("![convergence](convergence.png)");
    line("");
  }

  private void scale(JsonNode s) {
    if (missing("Scale at ARM's throttling limits", "scale.json", s)) {
      return;
    }
    long requests = s.path("requests").asLong();
    table();
    row("environments / computes", s.path("environments").asText() + " / " + s.path("computes").asText(),
        "", null);
    row("Ready", s.path("ready").asText() + " of " + s.path("objects").asText(), "all", s.path("allReady").asBoolean());
    row("writes", s.path("writes").asLong(), "", null);
    row("minimumSeconds", s.path("minimumSeconds").asDouble(), "binding term: **" + s.path("bindingTerm").asText()
        + "** " + s.path("minimumTerms").toString(), null);
    row("seconds", s.path("seconds").asDouble(), "", null);
    row("ratio", s.path("ratio").asDouble(), "<= 1.15", s.path("ratio").asDouble() >= 0
        && s.path("ratio").asDouble() <= 1.15);
    row("throttled429", s.path("throttled429").asLong() + " of " + requests + " requests ("
        + s.path("throttled429Percent").asDouble() + " %)", "<= 1 %", s.path("throttled429Percent").asDouble() <= 1);
    row("heapPeakMiB", s.path("heapPeakMiB").asDouble(), "<= 256", s.path("heapPeakMiB").asDouble() <= 256);
    row("operatorCpuSeconds", s.path("operatorCpuSeconds").asDouble(), "", null);
    row("restartWritesAfterReady", s.path("restartWritesAfterReady").asLong(), "0",
        s.path("restartWritesAfterReady").asLong() == 0);
    row("restartSeconds", s.path("restartSeconds").asDouble(), "< 60", s.path("restartSeconds").asDouble() >= 0
        && s.path("restartSeconds").asDouble() < 60);
    if (s.has("restartReads")) {
      row("restartReads", s.path("restartReads").asLong() + " (until restartSeconds + 3 s)", "", null);
    }
    line("");
    line("Latency source: " + s.path("latency").asText() + ". The busiest VNet is " + s.path("busiestVnet").asText()
        + " (" + s.path("environmentsPerVnet").asInt(BenchWorld.SUBNETS_PER_VNET) + " environments per VNet). Creating the objects took "
        + s.path("createSeconds").asText() + " s of the measured time. heapPeakMiB is the largest heap in use sampled each"
        + " second from the operator's Prometheus port (garbage not yet collected included).");
    line("");
    line("![scale](scale.png)");
    line("");
  }

  private void faults(JsonNode f) {
    if (missing("Faults", "faults.json", f)) {
      return;
    }
    table();
    row("environments", f.path("environments").asLong(), "", null);
    row("ready", f.path("ready").asLong(), "== environments", f.path("ready").asLong() == f.path("environments").asLong());
    row("duplicates", f.path("duplicates").asLong(), "0", f.path("duplicates").asLong() == 0);
    row("orphans", f.path("orphans").asLong(), "0", f.path("orphans").asLong() == 0 && f.path("allDeleted").asBoolean());
    row("foreignObjectsChanged", f.path("foreignObjectsChanged").asLong() + " of " + f.path("foreignObjects").asText(),
        "0", f.path("foreignObjectsChanged").asLong() == 0);
    row("seconds", f.path("seconds").asDouble(), "", null);
    line("");
    line("Faults injected (seeded): 429 with Retry-After 4 %, 500 3 %, 503 3 %, dropped connection 3 % of every"
        + " request; 4 % of PUTs' operations end Failed; 10 % of subnet PUTs answer 412. " + f.path("faultAnswers").asText()
        + " of " + f.path("requests").asText() + " requests got a fault or error answer. Every environment deleted"
        + " afterwards: " + f.path("allDeleted").asBoolean() + (f.has("deleteSeconds") ? " (in "
        + f.path("deleteSeconds").asText() + " s of at most " + f.path("deleteTimeoutSeconds").asText() + " s; Ready had at"
        + " most " + f.path("readyTimeoutSeconds").asText() + " s)" : "") + ".");
    line("");
  }

  private void crash(JsonNode c) {
    if (missing("Crashes (SIGKILL after the k-th accepted write)", "crash.json", c)) {
      return;
    }
    table();
    row("writesInApply", c.path("writesInApply").asLong(), "", null);
    row("crashPoints", c.path("crashPoints").asLong(), "", null);
    row("convergedAfterRestart", c.path("convergedAfterRestart").asLong(), "all",
        c.path("convergedAfterRestart").asLong() == c.path("crashPoints").asLong());
    row("duplicates", c.path("duplicates").asLong(), "0", c.path("duplicates").asLong() == 0);
    row("extraWritesAfterRestart", c.path("extraWritesAfterRestart").asLong(), "", null);
    line("");
    line("| k | killed right after | converged | writes after restart | extra | s to Ready |");
    line("|---|---|---|---|---|---|");
    for (JsonNode p : c.path("points")) {
      line("| " + p.path("k").asText() + " | " + p.path("killedAfter").asText() + " | " + p.path("converged").asText()
          + " | " + p.path("writesAfterRestart").asText() + " | " + p.path("extraWrites").asText() + " | "
          + p.path("secondsToReadyAfterRestart").asText() + " |");
    }
    line("");
  }

  private void badInput(JsonNode b) {
    if (missing("Bad input", "bad-input.json", b)) {
      return;
    }
    table();
    row("cases", b.path("cases").asLong(), ">= 60", b.path("cases").asLong() >= 60);
    row("rejectedByApiServer", b.path("rejectedByApiServer").asLong(), "", null);
    row("stalledWithZeroWrites", b.path("stalledWithZeroWrites").asLong(), "", null);
    row("acceptedWrongly", b.path("acceptedWrongly").asLong(), "0", b.path("acceptedWrongly").asLong() == 0);
    row("rejectedWrongly", b.path("rejectedWrongly").asLong(), "0", b.path("rejectedWrongly").asLong() == 0);
    line("");
  }

  private void table() {
    line("| figure | measured | target | |");
    line("|---|---|---|---|");
  }

  private void row(String name, Object value, String target, Boolean met) {
    line("| " + name + " | " + value + " | " + target + " | " + (met == null ? "" : verdict(met)) + " |");
  }

  private static String verdict(boolean met) {
    return met ? "met" : "**missed**";
  }

  private void line(String text) {
    md.append(text).append('\n');
  }

  /** This host, as a reader of the report needs it: CPU, cores, memory, OS, Java. */
  static final class Machine {
    static String describe() {
      String cpu = "unknown CPU";
      String memory = "";
      try {
        cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
            .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        memory = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
            .findFirst().map(l -> String.format(Locale.ROOT, ", %.1f GiB RAM",
                Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0)).orElse("");
      } catch (IOException | RuntimeException e) {
        // not Linux: the rest still describes the machine
      }
      return cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores" + memory + ", "
          + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", Java "
          + System.getProperty("java.version");
    }
  }
}
