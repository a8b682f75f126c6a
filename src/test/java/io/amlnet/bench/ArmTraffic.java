package io.amlnet.bench;

import io.amlnet.sandbox.ArmEmulator;
import io.amlnet.sandbox.ArmRequest;
import io.amlnet.sandbox.RequestLog;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Every ARM request the emulator serves during a benchmark, kept whole (the emulator's own log
 * keeps the last 50,000 only), with the moment it was recorded on the harness's clock.
 */
final class ArmTraffic implements AutoCloseable {
  /** One request: when (System.nanoTime), what, and ARM's answer (0: connection dropped). */
  record Request(long nanos, String method, String path, ArmRequest.Kind kind, int status) {
    boolean accepted() {
      return status >= 200 && status < 300;
    }

    boolean isWrite() {
      return kind != ArmRequest.Kind.READ;
    }

    /** A write ARM carried out (an LRO it started counts once, at its PUT/DELETE). */
    boolean acceptedWrite() {
      return isWrite() && accepted();
    }

    boolean isServiceTagRead() {
      return kind == ArmRequest.Kind.READ && path.toLowerCase().contains("/servicetags");
    }
  }

  private final ArmEmulator arm;
  private final List<Request> requests = new ArrayList<>();
  private final Consumer<RequestLog.Entry> listener = this::record;

  ArmTraffic(ArmEmulator arm) {
    this.arm = arm;
    arm.requests().subscribe(listener);
  }

  private synchronized void record(RequestLog.Entry e) {
    requests.add(new Request(System.nanoTime(), e.method(), e.path(), e.kind(), e.status()));
  }

  synchronized List<Request> since(long nanos) {
    return requests.stream().filter(r -> r.nanos() >= nanos).toList();
  }

  synchronized long count(long fromNanos, long toNanos, Predicate<Request> which) {
    return requests.stream().filter(r -> r.nanos() >= fromNanos && r.nanos() < toNanos).filter(which).count();
  }

  synchronized long count(long fromNanos, Predicate<Request> which) {
    return count(fromNanos, Long.MAX_VALUE, which);
  }

  @Override
  public void close() {
    arm.requests().unsubscribe(listener);
  }
}
