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
record OperationLatency(LatencyProfile profile, double timeScale, String description) {
  /** The operator's default shortest wait between two polls of a running operation. */
  static final Duration DEFAULT_POLL = Duration.ofSeconds(2);
  /** `amlnet run --operation-poll-interval` accepts no less. */
  static final Duration SHORTEST_POLL = Duration.ofMillis(20);

  /** The emulator's `realistic` per-type profile at {@code timeScale} (the scale runs use 0.1). */
  static OperationLatency realistic(double timeScale) {
    return new OperationLatency(LatencyProfile.realistic(timeScale), timeScale, "the emulator's per-type `realistic` profile "
        + "(NSG, route table, public IP 5 s, NAT gateway 30 s, subnet 10 s, AmlCompute 120 s, ComputeInstance "
        + "300 s, attach 30 s, deletes 10 s: our estimates, not Microsoft's figures) at time scale " + timeScale);
  }

  static OperationLatency fixed(Duration latency) {
    return new OperationLatency(LatencyProfile.fixed(latency), 1.0, "fixed: every ARM long-running operation takes "
        + latency.toMillis() + " ms (not Azure's latency)");
  }

  /** The latency of {@code write} (a PUT or DELETE from a plan), as the emulator will serve it. */
  Duration of(ArmWrite write) {
    return profile.latency(key(write), write.isDelete());
  }

  /**
   * The operator's poll interval scaled like the operations it polls (2 s x the time scale, at least
   * {@link #SHORTEST_POLL}): otherwise a time to Ready measures our 2 s poll pacing against shrunken
   * operations (an NSG of 0.5 s polled after 2 s), not the operator.
   */
  Duration pollInterval() {
    Duration scaled = Duration.ofMillis(Math.round(DEFAULT_POLL.toMillis() * timeScale));
    return scaled.compareTo(SHORTEST_POLL) < 0 ? SHORTEST_POLL : scaled;
  }

  /**
   * The emulator's options with this latency. Below time scale 1 running operations carry no
   * Retry-After: ARM's header counts whole seconds, and a 1 s Retry-After would hold the scaled poll
   * interval at 1 s (50 real seconds at scale 0.02).
   */
  EmulatorOptions configure(EmulatorOptions options) {
    EmulatorOptions scaled = options.lroLatencyProfile(profile);
    return timeScale < 1 ? scaled.operationRetryAfterSeconds(0) : scaled;
  }

  /** One line for the report: the latencies and how the operator's polling was scaled with them. */
  String describe() {
    if (timeScale >= 1) {
      return description;
    }
    return description + "; the operator's operation poll interval scaled by the same factor (`--operation-poll-interval "
        + pollInterval().toMillis() + "ms` instead of 2 s) and running operations answered without Retry-After"
        + " (ARM's header counts whole seconds)";
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
