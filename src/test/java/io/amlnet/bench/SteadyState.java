package io.amlnet.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * steady-state.json: N environments (open, restricted, NAT and restricted-UDR, in turn) Ready, then
 * three resync periods: what amlnet asks of ARM and writes to the API server when nothing changed.
 */
final class SteadyState {
  private static final int RESYNCS = 3;

  private SteadyState() {}

  /** Reads by what they read (the resource type of the path), most first: where the reads go. */
  static java.util.Map<String, Long> readsByType(List<ArmTraffic.Request> requests, long to) {
    java.util.Map<String, Long> counts = new java.util.TreeMap<>();
    for (ArmTraffic.Request q : requests) {
      if (q.nanos() < to && !q.isWrite()) {
        String type = io.amlnet.plan.ArmWrite.typeOf(q.path());
        counts.merge(type.isEmpty() ? q.path() : type, 1L, Long::sum);
      }
    }
    java.util.Map<String, Long> sorted = new java.util.LinkedHashMap<>();
    counts.entrySet().stream().sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  static ObjectNode run(Bench bench, int environments, int perVnet, Duration resync) {
    String ns = bench.namespace("bench-steady-" + environments);
    List<BenchWorld.Subnet> subnets = bench.subnets(environments, perVnet);
    try (ReadyWatch watch = new ReadyWatch(bench.kube, Set.of(ns));
        OperatorProcess operator = bench.operator(resync, List.of(ns))) {
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < environments; i++) {
        String scenario = Manifests.VARIED.get(i % Manifests.VARIED.size());
        keys.add(bench.create(Manifests.environment(scenario, ns, String.format("env-%03d", i), subnets.get(i))));
      }
      boolean ready = watch.awaitReady(keys, bench.limit(Duration.ofMinutes(10)));
      Bench.sleep(3000); // the last status writes of the first apply land
      long from = System.nanoTime();
      long updatesBefore = watch.updates();
      long reconcilesBefore = operator.reconciles();
      Bench.sleep(resync.multipliedBy(RESYNCS).toMillis());
      long to = System.nanoTime();
      long statusWrites = watch.updates() - updatesBefore;
      long reconciles = operator.reconciles() - reconcilesBefore;
      ArmTraffic t = bench.traffic;
      ObjectNode r = Bench.object();
      r.put("environments", environments);
      r.put("ownedAzureResources", bench.owned(Set.of(ns)).values().stream().mapToInt(List::size).sum());
      r.put("writesPerResync", Bench.round(t.count(from, to, ArmTraffic.Request::isWrite) / (double) RESYNCS, 2));
      r.put("readsPerResync", Bench.round(t.count(from, to, q -> !q.isWrite()) / (double) RESYNCS, 2));
      r.put("serviceTagReadsPerResync", Bench.round(t.count(from, to, ArmTraffic.Request::isServiceTagRead)
          / (double) RESYNCS, 2));
      r.put("statusWritesPerResync", Bench.round(statusWrites / (double) RESYNCS, 2));
      r.put("allReady", ready);
      r.put("resyncSeconds", resync.toSeconds());
      r.put("environmentsPerVnet", perVnet);
      r.put("windowSeconds", Bench.seconds(from, to));
      r.put("reconcilesInWindow", reconciles);
      ObjectNode byType = r.putObject("readsPerResyncByType");
      readsByType(t.since(from), to).forEach((type, n) -> byType.put(type, Bench.round(n / (double) RESYNCS, 2)));
      return r;
    }
  }
}
