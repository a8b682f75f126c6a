package io.amlnet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How to run the emulator. Unset values come from the world file's {@code sandbox:} block, then
 * from the defaults (LRO latency 1 s, seed 1, Azure's throttling figures, no faults). The latency is
 * either one duration for every operation ({@link #lroLatency}, world file {@code lroLatencyMs}) or a
 * {@link LatencyProfile} per resource type ({@link #lroLatencyProfile}, world file {@code lroLatency}).
 */
public final class EmulatorOptions {
  private int port;
  private Duration lroLatency;
  private LatencyProfile lroLatencyProfile;
  private Long seed;
  private final Map<ArmRequest.Kind, Throttle.Limits> throttle = new EnumMap<>(ArmRequest.Kind.class);
  private final List<FaultInjector.Rule> faults = new ArrayList<>();
  private Path certDir;
  private Integer operationRetryAfterSeconds;

  public static EmulatorOptions defaults() {
    return new EmulatorOptions();
  }

  public EmulatorOptions port(int port) {
    this.port = port;
    return this;
  }

  /** Every long-running operation takes {@code latency}. */
  public EmulatorOptions lroLatency(Duration latency) {
    this.lroLatency = latency;
    this.lroLatencyProfile = null;
    return this;
  }

  /** Each long-running operation takes as long as {@code profile} says for its type. */
  public EmulatorOptions lroLatencyProfile(LatencyProfile profile) {
    this.lroLatencyProfile = profile;
    this.lroLatency = null;
    return this;
  }

  public EmulatorOptions seed(long seed) {
    this.seed = seed;
    return this;
  }

  public EmulatorOptions throttle(ArmRequest.Kind kind, int capacity, double refillPerSecond) {
    throttle.put(kind, new Throttle.Limits(capacity, refillPerSecond));
    return this;
  }

  public EmulatorOptions fault(FaultInjector.Rule rule) {
    faults.add(rule);
    return this;
  }

  /** Retry-After (seconds) on running operations, as ARM sends it; 0 sends none. */
  public EmulatorOptions operationRetryAfterSeconds(int seconds) {
    this.operationRetryAfterSeconds = seconds;
    return this;
  }

  public EmulatorOptions certDir(Path dir) {
    this.certDir = dir;
    return this;
  }

  public int port() {
    return port;
  }

  public Path certDir() {
    return certDir;
  }

  LatencyProfile lroLatency(JsonNode settings) {
    if (lroLatencyProfile != null) {
      return lroLatencyProfile;
    }
    if (lroLatency != null) {
      return LatencyProfile.fixed(lroLatency);
    }
    return LatencyProfile.parse(settings.path("lroLatency"), Duration.ofMillis(settings.path("lroLatencyMs").asLong(1000)));
  }

  int operationRetryAfterSeconds(JsonNode settings) {
    return operationRetryAfterSeconds != null ? operationRetryAfterSeconds : settings.path("operationRetryAfterSeconds").asInt(0);
  }

  long seed(JsonNode settings) {
    return seed != null ? seed : settings.path("seed").asLong(1);
  }

  Map<ArmRequest.Kind, Throttle.Limits> throttle(JsonNode settings) {
    Map<ArmRequest.Kind, Throttle.Limits> limits = Throttle.azureDefaults();
    for (ArmRequest.Kind kind : ArmRequest.Kind.values()) {
      JsonNode s = settings.path("throttling").path(kind.name().toLowerCase() + "s");
      if (s.isObject()) {
        limits.put(kind, new Throttle.Limits(s.path("capacity").asInt(), s.path("refillPerSecond").asDouble()));
      }
    }
    limits.putAll(throttle);
    return limits;
  }

  List<FaultInjector.Rule> faults(JsonNode settings) {
    List<FaultInjector.Rule> all = new ArrayList<>();
    for (JsonNode f : settings.path("faults")) {
      all.add(new FaultInjector.Rule(f.path("method").asText("*"), f.path("path").asText(".*"),
          f.path("probability").asDouble(1.0), f.path("status").asInt(0), f.path("latencyMs").asLong(0),
          f.path("drop").asBoolean(false), f.hasNonNull("operationError") ? f.get("operationError").asText()
              : f.path("failOperation").asBoolean(false) ? FaultInjector.Rule.INTERNAL_ERROR : null));
    }
    all.addAll(faults);
    return all;
  }
}
