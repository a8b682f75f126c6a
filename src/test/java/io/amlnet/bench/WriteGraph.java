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
 * facts, with the orderings no operator can avoid. A write depends on:
 * <ul>
 *   <li>every earlier write whose resource it names in its body (the subnet on its NSG, route table
 *       and NAT gateway; the NAT gateway on its public IP; a compute on its subnet) or that is its
 *       parent (a security rule on its NSG);
 *   <li>the earlier write to the same ARM object: ARM runs one write per object at a time, so the
 *       security rules of one NSG go one after another (PlanApplier starts at most one per NSG);
 *   <li>for an ML compute, every write of its environment: a TrainingCompute waits until its
 *       environment is Ready, with the NSG rules it needs in Azure (TrainingComputeReconciler), so
 *       an attached compute, whose body names no subnet, still waits for the network.
 * </ul>
 * The critical path is the longest chain of dependent writes by their latencies: a lower bound for
 * any operator, since the applier's own phases (NSGs, route tables and public IPs before NAT
 * gateways) are not modelled; with the realistic profile they cost nothing (the three take 5 s each).
 */
final class WriteGraph {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECURITY_RULES = "Microsoft.Network/networkSecurityGroups/securityRules";

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
        if (id.startsWith(dep + "/") || body.contains("\"" + dep + "\"")
            || objectOf(writes.get(u)).equals(objectOf(writes.get(v)))
            || isCompute(writes.get(v)) && !isCompute(writes.get(u))) {
          deps.add(u);
        }
      }
      dependsOn.add(deps);
    }
  }

  /** The ARM object a write occupies while it runs: a security rule's NSG, else the resource itself. */
  private static String objectOf(ArmWrite write) {
    String id = write.id().toLowerCase(Locale.ROOT);
    int rule = id.lastIndexOf("/securityrules/");
    return write.resourceType().equalsIgnoreCase(SECURITY_RULES) && rule > 0 ? id.substring(0, rule) : id;
  }

  private static boolean isCompute(ArmWrite write) {
    return write.resourceType().toLowerCase(Locale.ROOT).startsWith("microsoft.machinelearningservices/");
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
