package io.amlnet.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlnet.sandbox.RequestLog;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * crash.json: one environment with a compute (NAT gateway + AmlCompute: public IP, NAT gateway,
 * NSG, subnet, compute). A first run counts the writes of its apply; then for each k (every write,
 * or a few spread over them in the quick mode: each point costs two operator starts) the operator
 * process gets SIGKILL the moment ARM has carried out the k-th write, before the operator has its
 * answer, and a new operator process finishes the job. Counted: what converged, duplicates, and
 * writes beyond the ones the first operator had not made yet.
 */
final class Crash {
  private static final Duration RESYNC = Duration.ofMinutes(15);
  private static final Duration FULL_READY = Duration.ofMinutes(5);

  private Crash() {}

  private record Applied(List<String> keys) {}

  private static Applied apply(Bench bench, String ns, BenchWorld.Subnet subnet) {
    String env = bench.create(Manifests.environment("nat-gateway", ns, "env", subnet));
    String compute = bench.create(Manifests.cluster(ns, "crash-" + ns.substring(ns.lastIndexOf('-') + 1), "env"));
    return new Applied(List.of(env, compute));
  }

  /**
   * The crash points: every k from 1 to {@code writes}, or {@code points} of them spread evenly
   * with the first and the last write among them (0: every one).
   */
  static java.util.SortedSet<Integer> crashPoints(int writes, int points) {
    java.util.SortedSet<Integer> ks = new java.util.TreeSet<>();
    if (points <= 0 || points >= writes) {
      for (int k = 1; k <= writes; k++) {
        ks.add(k);
      }
      return ks;
    }
    for (int i = 0; i < points; i++) {
      ks.add(1 + (int) Math.round(i * (writes - 1) / (double) Math.max(1, points - 1)));
    }
    return ks;
  }

  static ObjectNode run(Bench bench, int pointsToCrash) {
    Duration readyLimit = bench.limit(FULL_READY);
    List<BenchWorld.Subnet> subnets = bench.subnets(40);
    String base = bench.namespace("bench-crash-00");
    int writesInApply;
    try (ReadyWatch watch = new ReadyWatch(bench.kube, Set.of(base));
        OperatorProcess operator = bench.operator(RESYNC, List.of(base))) {
      long from = System.nanoTime();
      Applied applied = apply(bench, base, subnets.get(0));
      if (!watch.awaitReady(applied.keys(), readyLimit)) {
        return Bench.object().put("error", "the first apply did not reach Ready in " + readyLimit);
      }
      Bench.sleep(2000);
      writesInApply = (int) bench.traffic.count(from, ArmTraffic.Request::acceptedWrite);
    }
    ArrayNode points = Bench.object().arrayNode();
    int converged = 0;
    long duplicates = 0;
    long extra = 0;
    for (int k : crashPoints(Math.min(writesInApply, subnets.size() - 1), pointsToCrash)) {
      String ns = bench.namespace(String.format("bench-crash-%02d", k));
      ObjectNode point = points.addObject().put("k", k);
      AtomicReference<OperatorProcess> running = new AtomicReference<>();
      AtomicInteger accepted = new AtomicInteger();
      final int crashAt = k;
      Consumer<RequestLog.Entry> killer = e -> {
        if (e.kind() != io.amlnet.sandbox.ArmRequest.Kind.READ && e.status() >= 200 && e.status() < 300
            && accepted.incrementAndGet() == crashAt) {
          running.get().kill(); // before the emulator sends its answer
          point.put("killedAfter", e.method() + " " + e.path().replaceAll(".*/providers/", ""));
        }
      };
      try (ReadyWatch watch = new ReadyWatch(bench.kube, Set.of(ns))) {
        bench.arm.requests().subscribe(killer);
        running.set(bench.operator(RESYNC, List.of(ns)));
        Applied applied = apply(bench, ns, subnets.get(k));
        long deadline = System.nanoTime() + readyLimit.toNanos();
        while (running.get().alive() && System.nanoTime() < deadline) {
          Bench.sleep(100);
        }
        bench.arm.requests().unsubscribe(killer);
        running.get().close();
        long restarted = System.nanoTime();
        try (OperatorProcess again = bench.operator(RESYNC, List.of(ns))) {
          boolean ready = watch.awaitReady(applied.keys(), readyLimit);
          double seconds = Bench.seconds(restarted, System.nanoTime());
          Bench.sleep(2000);
          long after = bench.traffic.count(restarted, ArmTraffic.Request::acceptedWrite);
          long dup = Bench.duplicates(bench.owned(Set.of(ns)));
          long beyond = after - (writesInApply - k);
          converged += ready ? 1 : 0;
          duplicates += dup;
          extra += Math.max(0, beyond);
          point.put("converged", ready).put("secondsToReadyAfterRestart", seconds)
              .put("writesAfterRestart", after).put("extraWrites", beyond).put("duplicates", dup);
          System.out.println("[bench] crash " + point);
        }
      } finally {
        bench.arm.requests().unsubscribe(killer);
      }
    }
    ObjectNode r = Bench.object();
    r.put("writesInApply", writesInApply);
    r.put("crashPoints", points.size());
    r.put("convergedAfterRestart", converged);
    r.put("duplicates", duplicates);
    r.put("extraWritesAfterRestart", extra);
    r.set("points", points);
    return r;
  }
}
