package io.amlnet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.amlnet.cli.AmlnetCommand;
import io.amlnet.plan.ArmWrite;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;

/**
 * The dependency graph of a plan's writes, as `amlnet plan -o json` prints them for the examples'
 * facts: a write depends on every earlier write whose resource it names in its body (the subnet on
 * its NSG, route table and NAT gateway; the NAT gateway on its public IP; a compute on its subnet) or
 * that is its parent. The critical path is the longest chain of dependent writes by their latencies.
 */
final class WriteGraph {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<ArmWrite> writes;
  private final List<List<Integer>> dependsOn = new ArrayList<>();

  WriteGraph(List<ArmWrite> writes) {
    this.writes = List.copyOf(writes);
    for (int v = 0; v < writes.size(); v++) {
      String id = writes.get(v).id().toLowerCase(Locale.ROOT);
      String body = writes.get(v).body() == null ? "" : writes.get(v).body().toString().toLowerCase(Locale.ROOT);
      List<Integer> deps = new ArrayList<>();
      for (int u = 0; u < v; u++) {
        String dep = writes.get(u).id().toLowerCase(Locale.ROOT);
        if (id.startsWith(dep + "/") || body.contains("\"" + dep + "\"")) {
          deps.add(u);
        }
      }
      dependsOn.add(deps);
    }
  }

  /** The plan of exactly these documents (TrainingEnvironments, TrainingComputes, Secrets), on examples/facts.json. */
  static WriteGraph plan(List<ObjectNode> documents) {
    try {
      Path file = Files.createTempFile("amlnet-bench-plan-", ".yaml");
      try {
        StringBuilder yaml = new StringBuilder();
        for (ObjectNode d : documents) {
          yaml.append("---\n").append(YAML.writeValueAsString(d).replaceFirst("^---\\s*\n", ""));
        }
        Files.writeString(file, yaml.toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new AmlnetCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
            .execute("plan", "-f", file.toString(), "--facts", "examples/facts.json", "-o", "json");
        if (exit > 1) {
          throw new IllegalStateException("amlnet plan exited " + exit + ": " + err);
        }
        List<ArmWrite> writes = new ArrayList<>();
        for (JsonNode w : JSON.readTree(out.toString()).path("writes")) {
          writes.add(new ArmWrite(w.path("method").asText(), w.path("id").asText(), w.path("apiVersion").asText(),
              w.get("body") instanceof ObjectNode body ? body : null));
        }
        return new WriteGraph(writes);
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<ArmWrite> writes() {
    return writes;
  }

  /** The longest chain of dependent writes, in ms. */
  long criticalPathMs(OperationLatency latency) {
    long longest = 0;
    Map<Integer, Long> memo = new HashMap<>();
    for (int v = 0; v < writes.size(); v++) {
      longest = Math.max(longest, finish(v, latency, memo));
    }
    return longest;
  }

  /** The longest chain that must finish before write {@code v} can start, in ms. */
  long chainBeforeMs(int v, OperationLatency latency) {
    Map<Integer, Long> memo = new HashMap<>();
    return dependsOn.get(v).stream().mapToLong(u -> finish(u, latency, memo)).max().orElse(0);
  }

  /** The earliest finish of write {@code v} when every write starts as soon as what it depends on is done. */
  private long finish(int v, OperationLatency latency, Map<Integer, Long> memo) {
    Long known = memo.get(v);
    if (known != null) {
      return known;
    }
    long start = dependsOn.get(v).stream().mapToLong(u -> finish(u, latency, memo)).max().orElse(0);
    long end = start + latency.of(writes.get(v)).toMillis();
    memo.put(v, end);
    return end;
  }

  /** Indexes of the subnet writes (ARM serializes them per VNet). */
  List<Integer> subnetWrites() {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < writes.size(); i++) {
      if (writes.get(i).resourceType().equals("Microsoft.Network/virtualNetworks/subnets")) {
        out.add(i);
      }
    }
    return out;
  }
}
