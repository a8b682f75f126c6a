package io.amlnet.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlnet.sandbox.FaultInjector.Rule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * faults.json: environments (open, restricted, NAT, restricted-UDR in turn) applied while the
 * emulator injects faults on about 20% of requests: 429 with Retry-After, 500, 503, dropped
 * connections, long-running operations that end Failed, and 412 on subnet writes. The foreign NSGs
 * and route tables of the world (one of them with a rule named like amlnet's) are checksummed
 * before and after; at the end every environment is deleted and what amlnet still owns is counted.
 */
final class Faults {
  private static final Duration RESYNC = Duration.ofMinutes(2);

  private Faults() {}

  static List<Rule> rules() {
    return List.of(
        Rule.status("*", "/subscriptions/", 0.04, 429),
        Rule.status("*", "/subscriptions/", 0.03, 500),
        Rule.status("*", "/subscriptions/", 0.03, 503),
        Rule.drop("*", "/subscriptions/", 0.03),
        Rule.failOperation("PUT", "/subscriptions/", 0.04),
        Rule.status("PUT", "/virtualNetworks/[^/]+/subnets/", 0.10, 412));
  }

  /** The environments get {@code readyTimeout} to be Ready, then {@code deleteTimeout} to be deleted. */
  static ObjectNode run(Bench bench, int environments, Duration readyTimeout, Duration deleteTimeout) {
    List<String> namespaces = new ArrayList<>();
    for (int n = 0; n < (environments + 49) / 50; n++) {
      namespaces.add(bench.namespace(String.format("bench-faults-%02d", n)));
    }
    List<BenchWorld.Subnet> subnets = bench.subnets(environments);
    Map<String, String> foreignBefore = foreign(bench);
    ObjectNode r = Bench.object();
    try (ReadyWatch watch = new ReadyWatch(bench.kube, Set.copyOf(namespaces));
        OperatorProcess operator = bench.operator(RESYNC, namespaces)) {
      rules().forEach(bench.arm.faults()::add);
      long start = System.nanoTime();
      List<ObjectNode> objects = new ArrayList<>();
      for (int i = 0; i < environments; i++) {
        String scenario = Manifests.VARIED.get(i % Manifests.VARIED.size());
        objects.add(Manifests.environment(scenario, namespaces.get(i / 50), String.format("env-%03d", i),
            subnets.get(i)));
      }
      List<String> keys = bench.createAll(objects);
      watch.awaitReady(keys, readyTimeout);
      long readyAt = System.nanoTime();
      int ready = (int) keys.stream().filter(watch::isReady).count();
      long requests = bench.traffic.count(start, q -> true);
      long injected = bench.traffic.count(start, q -> q.status() == 0 || q.status() >= 500 || q.status() == 429
          || q.status() == 412);
      long duplicates = Bench.duplicates(bench.owned(namespaces));
      long deleting = System.nanoTime();
      boolean deleted = bench.deleteAll(namespaces, deleteTimeout);
      r.put("deleteSeconds", Bench.seconds(deleting, System.nanoTime()));
      bench.arm.faults().clear();
      int orphans = bench.owned(namespaces).values().stream().mapToInt(List::size).sum();
      Map<String, String> foreignAfter = foreign(bench);
      long changed = foreignBefore.entrySet().stream()
          .filter(e -> !e.getValue().equals(foreignAfter.get(e.getKey()))).count();
      r.put("environments", environments);
      r.put("ready", ready);
      r.put("duplicates", duplicates);
      r.put("orphans", orphans);
      r.put("foreignObjectsChanged", changed);
      r.put("seconds", Bench.seconds(start, readyAt));
      r.put("foreignObjects", foreignBefore.size());
      r.put("requests", requests);
      r.put("faultAnswers", injected);
      r.put("allDeleted", deleted);
      r.put("readyTimeoutSeconds", readyTimeout.toSeconds());
      r.put("deleteTimeoutSeconds", deleteTimeout.toSeconds());
    } finally {
      bench.arm.faults().clear();
    }
    return r;
  }

  /** The world's foreign NSGs and route tables, each as its JSON text (etag included: any write shows). */
  private static Map<String, String> foreign(Bench bench) {
    Map<String, String> out = new TreeMap<>();
    bench.arm.snapshot().stream().filter(o -> o.path("name").asText().startsWith(BenchWorld.FOREIGN_PREFIX)
        || o.path("tags").path("owner").asText().equals("network-team"))
        .forEach(o -> out.put(o.path("id").asText(), o.toString()));
    return out;
  }
}
