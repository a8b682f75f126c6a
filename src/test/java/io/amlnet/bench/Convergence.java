package io.amlnet.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * convergence.json: each example scenario, and each compute kind with the environment it names,
 * applied alone on a quiet operator: time to Ready against the critical path of its plan's writes.
 * Scenarios run one after another on the examples' own subnets, each deleted before the next.
 */
final class Convergence {
  private Convergence() {}

  /** Scenario name -> the example files whose documents it applies (an environment, then its computes). */
  static Map<String, List<String>> scenarios() {
    Map<String, List<String>> s = new LinkedHashMap<>();
    s.put("open-outbound+AmlCompute", List.of("open-outbound"));
    s.put("restricted-outbound", List.of("restricted-outbound"));
    s.put("nat-gateway", List.of("nat-gateway"));
    s.put("udr-ip-prefixes", List.of("udr-ip-prefixes"));
    s.put("udr-service-tags", List.of("udr-service-tags"));
    s.put("existing-nsg", List.of("existing-nsg"));
    s.put("compute-aml-cluster", List.of("restricted-outbound", "compute-aml-cluster"));
    s.put("compute-instance", List.of("open-outbound:env", "compute-instance"));
    s.put("compute-vm", List.of("open-outbound:env", "compute-vm"));
    s.put("compute-hdinsight", List.of("open-outbound:env", "compute-hdinsight"));
    s.put("compute-databricks", List.of("open-outbound:env", "compute-databricks"));
    return s;
  }

  /** The documents of a scenario; "FILE:env" takes only the file's TrainingEnvironment. */
  static List<ObjectNode> documents(List<String> files) {
    List<ObjectNode> docs = new ArrayList<>();
    for (String file : files) {
      String[] parts = file.split(":");
      for (ObjectNode d : Manifests.example(parts[0])) {
        if (parts.length == 1 || d.path("kind").asText().equals("TrainingEnvironment")) {
          docs.add(d);
        }
      }
    }
    return docs;
  }

  /** Where the time went: the first ARM request, and when ARM accepted each write, in ms after the apply. */
  private static void trace(Bench bench, long start, long readyAt, ObjectNode row) {
    List<ArmTraffic.Request> requests = bench.traffic.since(start).stream().filter(q -> q.nanos() <= readyAt).toList();
    row.put("firstArmRequestMs", requests.isEmpty() ? -1 : (requests.get(0).nanos() - start) / 1_000_000);
    row.put("armReads", requests.stream().filter(q -> !q.isWrite()).count());
    ArrayNode writes = row.putArray("writesAcceptedAtMs");
    requests.stream().filter(ArmTraffic.Request::acceptedWrite)
        .forEach(q -> writes.add((q.nanos() - start) / 1_000_000 + " " + io.amlnet.plan.ArmWrite.typeOf(q.path())));
  }

  static ObjectNode run(Bench bench) {
    Map<String, List<String>> scenarios = scenarios();
    List<String> namespaces = new ArrayList<>();
    int i = 0;
    for (String name : scenarios.keySet()) {
      namespaces.add(bench.namespace(String.format("bench-conv-%02d", i++)));
    }
    ArrayNode rows = Bench.object().arrayNode();
    try (ReadyWatch watch = new ReadyWatch(bench.kube, Set.copyOf(namespaces));
        OperatorProcess operator = bench.operator(Duration.ofMinutes(15), namespaces)) {
      i = 0;
      for (var scenario : scenarios.entrySet()) {
        String ns = namespaces.get(i++);
        List<ObjectNode> docs = documents(scenario.getValue());
        long criticalPath = WriteGraph.plan(docs).criticalPathMs(bench.latency);
        List<String> keys = new ArrayList<>();
        long start = System.nanoTime();
        for (ObjectNode d : docs) {
          String key = bench.create(Manifests.place(d.deepCopy(), ns, null));
          if (!key.startsWith("Secret/")) {
            keys.add(key);
          }
        }
        boolean ready = watch.awaitReady(keys, bench.limit(Duration.ofMinutes(5)));
        long readyAt = keys.stream().mapToLong(k -> watch.firstReady(k) == null ? System.nanoTime() : watch.firstReady(k))
            .max().orElse(start);
        long timeToReady = (readyAt - start) / 1_000_000;
        ObjectNode row = rows.addObject();
        row.put("scenario", scenario.getKey());
        row.put("criticalPathMs", criticalPath);
        row.put("timeToReadyMs", ready ? timeToReady : -1);
        row.put("ratio", ready && criticalPath > 0 ? Bench.round((double) timeToReady / criticalPath, 2) : -1);
        trace(bench, start, readyAt, row);
        System.out.println("[bench] convergence " + row);
        Duration deletion = bench.limit(Duration.ofMinutes(3));
        if (!bench.deleteAll(List.of(ns), deletion)) {
          row.put("note", "not deleted within " + deletion.toSeconds() + " s; later scenarios may share its subnet");
        }
      }
    }
    ObjectNode r = Bench.object();
    r.put("latency", bench.latency.describe());
    r.set("scenarios", rows);
    return r;
  }
}
