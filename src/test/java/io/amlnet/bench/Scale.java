package io.amlnet.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * scale.json: N environments (open, restricted, NAT, restricted-UDR in turn; up to 50 per VNet, 50
 * per namespace) and C AmlCompute clusters spread over them, in one subscription, against ARM's
 * published throttling (writes: bucket 200, 10/s; reads: 250, 25/s). Then the operator is restarted
 * with everything Ready. The physical minimum is the largest of ARM's write bucket, one
 * environment's critical path, and the busiest VNet's serialized subnet writes.
 */
final class Scale {
  private static final Duration RESYNC = Duration.ofMinutes(15);

  private Scale() {}

  static ObjectNode run(Bench bench, int environments, int computes, int perVnet, Duration timeout) {
    int per = BenchWorld.SUBNETS_PER_VNET;
    List<String> namespaces = new ArrayList<>();
    for (int n = 0; n < (environments + per - 1) / per; n++) {
      namespaces.add(bench.namespace(String.format("bench-scale-%02d", n)));
    }
    List<BenchWorld.Subnet> subnets = bench.subnets(environments, perVnet);
    int computeEvery = computes == 0 ? Integer.MAX_VALUE : Math.max(1, environments / computes);
    Map<String, WriteGraph> graphs = new HashMap<>();
    Map<String, Long> subnetMsPerVnet = new LinkedHashMap<>();
    Map<String, Long> chainBeforePerVnet = new LinkedHashMap<>();
    long criticalPath = 0;
    ObjectNode r = Bench.object();
    bench.arm.throttle().reset();
    try (ReadyWatch watch = new ReadyWatch(bench.kube, Set.copyOf(namespaces));
        OperatorProcess operator = bench.operator(RESYNC, namespaces)) {
      List<String> keys = new ArrayList<>();
      List<ObjectNode> objects = new ArrayList<>();
      int made = 0;
      for (int i = 0; i < environments; i++) {
        String scenario = Manifests.VARIED.get(i % Manifests.VARIED.size());
        String ns = namespaces.get(i / per);
        String env = String.format("env-%04d", i);
        objects.add(Manifests.environment(scenario, ns, env, subnets.get(i)));
        boolean withCompute = i % computeEvery == 0 && made < computes;
        if (withCompute) {
          objects.add(Manifests.cluster(ns, String.format("sc-%04d", made++), env));
        }
        WriteGraph graph = graphs.computeIfAbsent(scenario + withCompute, s -> plan(scenario, withCompute));
        criticalPath = Math.max(criticalPath, graph.criticalPathMs(bench.latency));
        String vnet = subnets.get(i).virtualNetwork();
        for (int w : graph.subnetWrites()) {
          subnetMsPerVnet.merge(vnet, bench.latency.of(graph.writes().get(w)).toMillis(), Long::sum);
          chainBeforePerVnet.merge(vnet, graph.chainBeforeMs(w, bench.latency), Math::min);
        }
      }
      long start = System.nanoTime();
      keys.addAll(bench.createAll(objects));
      double createSeconds = Bench.seconds(start, System.nanoTime());
      boolean allReady = watch.awaitReady(keys, timeout);
      long readyAt = keys.stream().map(watch::firstReady).filter(java.util.Objects::nonNull)
          .mapToLong(Long::longValue).max().orElse(System.nanoTime());
      if (!allReady) {
        readyAt = System.nanoTime();
      }
      double seconds = Bench.seconds(start, readyAt);
      long writes = bench.traffic.count(start, readyAt + 1, ArmTraffic.Request::acceptedWrite);
      long requests = bench.traffic.count(start, readyAt + 1, q -> true);
      long throttled = bench.traffic.count(start, readyAt + 1, q -> q.status() == 429);
      double bucketTerm = Math.max(0, (writes - 200) / 10.0);
      String busiest = subnetMsPerVnet.keySet().stream()
          .max((a, b) -> Long.compare(subnetMsPerVnet.get(a) + chainBeforePerVnet.get(a),
              subnetMsPerVnet.get(b) + chainBeforePerVnet.get(b))).orElse("");
      double vnetTerm = busiest.isEmpty() ? 0
          : (subnetMsPerVnet.get(busiest) + chainBeforePerVnet.get(busiest)) / 1000.0;
      double pathTerm = criticalPath / 1000.0;
      Map<String, Double> terms = new LinkedHashMap<>();
      terms.put("writeBucket", Bench.round(bucketTerm, 1));
      terms.put("criticalPath", Bench.round(pathTerm, 1));
      terms.put("busiestVnet", Bench.round(vnetTerm, 1));
      var binding = terms.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
      double heap = operator.heapPeakMiB();
      double cpu = operator.cpuSeconds();
      r.put("environments", environments);
      r.put("computes", computes);
      r.put("writes", writes);
      r.put("minimumSeconds", binding.getValue());
      r.put("seconds", seconds);
      r.put("ratio", binding.getValue() > 0 ? Bench.round(seconds / binding.getValue(), 2) : -1);
      r.put("throttled429", throttled);
      r.put("heapPeakMiB", Bench.round(heap, 1));
      r.put("operatorCpuSeconds", Bench.round(cpu, 1));
      Bench.sleep(3000);
      operator.close(); // SIGTERM, as a rolling update stops a pod
      restart(bench, watch, keys, r);
      r.put("allReady", allReady);
      r.put("ready", keys.stream().filter(k -> watch.firstReady(k) != null).count());
      r.put("objects", keys.size());
      r.put("requests", requests);
      r.put("throttled429Percent", requests == 0 ? 0 : Bench.round(100.0 * throttled / requests, 2));
      r.put("createSeconds", createSeconds);
      r.put("bindingTerm", binding.getKey());
      ObjectNode termsNode = r.putObject("minimumTerms");
      terms.forEach(termsNode::put);
      r.put("busiestVnet", busiest);
      r.put("environmentsPerVnet", perVnet);
      r.put("latency", bench.latency.describe());
      r.set("timeline", timeline(bench, watch, start, readyAt));
    }
    return r;
  }

  /** The plan of one example environment (with an AmlCompute cluster in it, when asked) on the examples' facts. */
  private static WriteGraph plan(String scenario, boolean withCompute) {
    ObjectNode env = Manifests.first(Manifests.example(scenario), "TrainingEnvironment");
    return withCompute
        ? WriteGraph.plan(List.of(env, Manifests.cluster("ml-team", "sc-0000", env.path("metadata").path("name").asText())))
        : WriteGraph.plan(List.of(env));
  }

  /**
   * A new operator process after the first has stopped: its writes, and how long until it has
   * reconciled as many times as there were Ready objects and those are all Ready. Only the objects
   * Ready before the restart count: one that never was (a run cut short by its timeout) would
   * otherwise hold restartSeconds to the time it still needs to converge.
   */
  private static void restart(Bench bench, ReadyWatch watch, List<String> keys, ObjectNode r) {
    List<String> readyBefore = keys.stream().filter(watch::isReady).toList();
    long restarted = System.nanoTime();
    try (OperatorProcess again = bench.operator(RESYNC, new ArrayList<>(watchNamespaces(keys)))) {
      long deadline = System.nanoTime() + bench.limit(Duration.ofMinutes(5)).toNanos();
      long done = -1;
      while (System.nanoTime() < deadline) {
        if (again.reconciles() >= readyBefore.size() && readyBefore.stream().allMatch(watch::isReady)) {
          done = System.nanoTime();
          break;
        }
        Bench.sleep(250);
      }
      Bench.sleep(3000);
      r.put("restartWritesAfterReady", bench.traffic.count(restarted, ArmTraffic.Request::acceptedWrite));
      r.put("restartSeconds", done < 0 ? -1 : Bench.seconds(restarted, done));
      // Ready objects are read again spread over the resync period (FirstLookAfterStart), not in this window.
      r.put("restartReads", bench.traffic.count(restarted, q -> q.kind() == io.amlnet.sandbox.ArmRequest.Kind.READ));
      r.put("restartReadyObjects", readyBefore.size());
      r.put("restartOperatorCpuSeconds", Bench.round(again.cpuSeconds(), 1));
    }
  }

  private static Set<String> watchNamespaces(List<String> keys) {
    Set<String> out = new java.util.TreeSet<>();
    keys.forEach(k -> out.add(k.split("/")[1]));
    return out;
  }

  /** Per second from the start: Ready objects, accepted writes and 429s (for the chart). */
  private static ObjectNode timeline(Bench bench, ReadyWatch watch, long start, long end) {
    int secondsLong = (int) Math.ceil((end - start) / 1e9) + 1;
    long[] writes = new long[secondsLong];
    long[] throttled = new long[secondsLong];
    for (ArmTraffic.Request q : bench.traffic.since(start)) {
      int s = (int) ((q.nanos() - start) / 1_000_000_000L);
      if (s >= secondsLong) {
        continue;
      }
      if (q.acceptedWrite()) {
        writes[s]++;
      }
      if (q.status() == 429) {
        throttled[s]++;
      }
    }
    int[] ready = new int[secondsLong];
    long offset = (start - watch.startNanos()) / 1_000_000;
    for (ReadyWatch.Point p : watch.timeline()) {
      int s = (int) Math.max(0, (p.millis() - offset) / 1000);
      for (int i = s; i < secondsLong; i++) {
        ready[i] = p.ready();
      }
    }
    ObjectNode t = Bench.object();
    ArrayNode readyArray = t.putArray("readyObjects");
    ArrayNode writeArray = t.putArray("acceptedWrites");
    ArrayNode throttledArray = t.putArray("throttled429");
    for (int i = 0; i < secondsLong; i++) {
      readyArray.add(ready[i]);
      writeArray.add(writes[i]);
      throttledArray.add(throttled[i]);
    }
    return t;
  }
}
