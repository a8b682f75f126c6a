package io.amlnet.bench;

import io.amlnet.plan.ArmWrite;
import java.time.Duration;

/**
 * How long ARM takes to carry out one write in this run: the single place the benchmarks take
 * operation latencies from, for the emulator they start and for the critical paths they compute.
 * Today the emulator has one fixed latency for every long-running operation (and every write of
 * a type amlnet writes is one); a per-type profile is a second implementation of this interface.
 */
interface OperationLatency {
  /** The latency of {@code write} (a PUT or DELETE from a plan). */
  Duration of(ArmWrite write);

  /** What the emulator is configured with (its LRO latency). */
  Duration emulatorLroLatency();

  /** One line for the report. */
  String describe();

  static OperationLatency fixed(Duration latency) {
    return new OperationLatency() {
      @Override
      public Duration of(ArmWrite write) {
        return latency;
      }

      @Override
      public Duration emulatorLroLatency() {
        return latency;
      }

      @Override
      public String describe() {
        return "fixed: every ARM long-running operation takes " + latency.toMillis()
            + " ms (the emulator's per-type `realistic` profile has not landed yet; this is not Azure's latency)";
      }
    };
  }
}
