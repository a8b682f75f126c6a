package io.amlnet.bench;

import io.amlnet.plan.ArmWrite;
import io.amlnet.sandbox.EmulatorOptions;
import io.amlnet.sandbox.LatencyProfile;
import java.time.Duration;
import java.util.Locale;

/**
 * How long ARM takes to carry out one write in this run: the single place the benchmarks take
 * operation latencies from, both for the emulator they start and for the critical paths they
 * compute, so the two cannot disagree. It is the emulator's own {@link LatencyProfile}.
 */
record OperationLatency(LatencyProfile profile, String description) {

  /** The emulator's `realistic` per-type profile at {@code timeScale} (the scale runs use 0.1). */
  static OperationLatency realistic(double timeScale) {
    return new OperationLatency(LatencyProfile.realistic(timeScale), "the emulator's per-type `realistic` profile "
        + "(NSG, route table, public IP 5 s, NAT gateway 30 s, subnet 10 s, AmlCompute 120 s, ComputeInstance "
        + "300 s, attach 30 s, deletes 10 s: our estimates, not Microsoft's figures) at time scale " + timeScale);
  }

  static OperationLatency fixed(Duration latency) {
    return new OperationLatency(LatencyProfile.fixed(latency), "fixed: every ARM long-running operation takes "
        + latency.toMillis() + " ms (not Azure's latency)");
  }

  /** The latency of {@code write} (a PUT or DELETE from a plan), as the emulator will serve it. */
  Duration of(ArmWrite write) {
    return profile.latency(key(write), write.isDelete());
  }

  /** The emulator's options with this latency. */
  EmulatorOptions configure(EmulatorOptions options) {
    return options.lroLatencyProfile(profile);
  }

  /** One line for the report. */
  String describe() {
    return description;
  }

  /** What the emulator knows a write as: its ARM type, or for an ML compute its kind (or "attach"). */
  private static String key(ArmWrite write) {
    if (!write.resourceType().toLowerCase(Locale.ROOT).startsWith("microsoft.machinelearningservices")) {
      return write.resourceType();
    }
    String kind = write.body() == null ? "" : write.body().path("properties").path("computeType").asText("");
    return kind.equals("AmlCompute") || kind.equals("ComputeInstance") ? kind : "attach";
  }
}
