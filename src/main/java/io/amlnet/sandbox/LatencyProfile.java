package io.amlnet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How long each kind of long-running operation runs, and how ARM asks to poll it. Operations are
 * keyed by ARM type ({@code Microsoft.Network/natGateways}, {@code Microsoft.Network/virtualNetworks/subnets});
 * a child type without its own entry (a security rule, a route) takes its parent's; ML computes are
 * keyed by compute type ({@code AmlCompute}, {@code ComputeInstance}, {@code attach} for the
 * attached kinds). Deletes share one duration. Every duration is multiplied by the time scale.
 */
public final class LatencyProfile {
  /** How a running operation is served: which polling headers, and how Retry-After is written. */
  public enum Polling {
    /** Azure-AsyncOperation and Location, Retry-After in seconds (most of ARM). */
    ASYNC_OPERATION,
    /** 202 with Location only, as ARM's Location-only operations (e.g. resource group delete). */
    LOCATION_ONLY
  }

  private static final Duration REALISTIC_DELETE = Duration.ofSeconds(10);
  private static final Duration REALISTIC_DEFAULT = Duration.ofSeconds(5);

  private final Map<String, Duration> writes;
  private final Duration defaultWrite;
  private final Duration delete;
  private final double timeScale;
  private final Set<String> locationOnlyDeletes;
  private final Set<String> httpDateRetryAfter;

  private LatencyProfile(Map<String, Duration> writes, Duration defaultWrite, Duration delete, double timeScale,
      Set<String> locationOnlyDeletes, Set<String> httpDateRetryAfter) {
    if (!(timeScale > 0)) {
      throw new IllegalArgumentException("timeScale must be > 0, was " + timeScale);
    }
    this.writes = writes;
    this.defaultWrite = defaultWrite;
    this.delete = delete;
    this.timeScale = timeScale;
    this.locationOnlyDeletes = locationOnlyDeletes;
    this.httpDateRetryAfter = httpDateRetryAfter;
  }

  /** Every operation takes {@code latency}, polled through Azure-AsyncOperation (today's behaviour). */
  public static LatencyProfile fixed(Duration latency) {
    return new LatencyProfile(new TreeMap<>(), latency, latency, 1.0, Set.of(), Set.of());
  }

  /**
   * Our estimates of typical ARM durations at scale 1.0 (the table; Microsoft documents none
   * of them): NSG, route table, public IP 5 s, NAT gateway 30 s, subnet 10 s, AmlCompute 120 s,
   * ComputeInstance 300 s, attach 30 s, every delete 10 s. Deletes of public IPs and NAT gateways are
   * served Location-only and ML compute operations send Retry-After as an HTTP date, so that a
   * client meets both of ARM's forms (README: known differences).
   */
  public static LatencyProfile realistic(double timeScale) {
    Map<String, Duration> w = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    w.put("Microsoft.Network/networkSecurityGroups", Duration.ofSeconds(5));
    w.put("Microsoft.Network/routeTables", Duration.ofSeconds(5));
    w.put("Microsoft.Network/publicIPAddresses", Duration.ofSeconds(5));
    w.put("Microsoft.Network/natGateways", Duration.ofSeconds(30));
    w.put("Microsoft.Network/virtualNetworks/subnets", Duration.ofSeconds(10));
    w.put("AmlCompute", Duration.ofSeconds(120));
    w.put("ComputeInstance", Duration.ofSeconds(300));
    w.put("attach", Duration.ofSeconds(30));
    return new LatencyProfile(w, REALISTIC_DEFAULT, REALISTIC_DELETE, timeScale,
        lowerCase(Set.of("Microsoft.Network/publicIPAddresses", "Microsoft.Network/natGateways")),
        lowerCase(Set.of("AmlCompute", "ComputeInstance", "attach")));
  }

  /** The same profile with every duration multiplied by {@code scale}. */
  public LatencyProfile timeScale(double scale) {
    return new LatencyProfile(writes, defaultWrite, delete, scale, locationOnlyDeletes, httpDateRetryAfter);
  }

  /** The same profile with a write of {@code key} taking {@code latency} (before scaling). */
  public LatencyProfile write(String key, Duration latency) {
    Map<String, Duration> w = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    w.putAll(writes);
    w.put(key, latency);
    return new LatencyProfile(w, defaultWrite, delete, timeScale, locationOnlyDeletes, httpDateRetryAfter);
  }

  /**
   * From a world file's {@code sandbox.lroLatency}: a preset name ({@code realistic}, {@code fixed}) or
   * {@code {preset, timeScale, writes: {type: ms}, deleteMs}}; absent, {@code fixedMs} stands.
   */
  static LatencyProfile parse(JsonNode node, Duration fixedMs) {
    if (node.isTextual()) {
      return preset(node.asText(), fixedMs);
    }
    if (!node.isObject()) {
      return fixed(fixedMs);
    }
    LatencyProfile p = preset(node.path("preset").asText("fixed"), fixedMs);
    for (var e : (Iterable<Map.Entry<String, JsonNode>>) () -> node.path("writes").fields()) {
      p = p.write(e.getKey(), Duration.ofMillis(e.getValue().asLong()));
    }
    if (node.has("deleteMs")) {
      p = new LatencyProfile(p.writes, p.defaultWrite, Duration.ofMillis(node.get("deleteMs").asLong()), p.timeScale,
          p.locationOnlyDeletes, p.httpDateRetryAfter);
    }
    return p.timeScale(node.path("timeScale").asDouble(1.0));
  }

  private static LatencyProfile preset(String name, Duration fixedMs) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "realistic" -> realistic(1.0);
      case "fixed" -> fixed(fixedMs);
      default -> throw new IllegalArgumentException("sandbox.lroLatency: unknown preset '" + name
          + "' (realistic, fixed)");
    };
  }

  /** How long an operation of {@code key} runs, scaled. */
  public Duration latency(String key, boolean isDelete) {
    Duration base = isDelete ? delete : lookup(key);
    return Duration.ofNanos(Math.round(base.toNanos() * timeScale));
  }

  public Polling polling(String key, boolean isDelete) {
    return isDelete && matches(locationOnlyDeletes, key) ? Polling.LOCATION_ONLY : Polling.ASYNC_OPERATION;
  }

  /** True when running operations of {@code key} send Retry-After as an HTTP date rather than seconds. */
  public boolean httpDateRetryAfter(String key) {
    return matches(httpDateRetryAfter, key);
  }

  private Duration lookup(String key) {
    for (String k = key; k != null; k = parent(k)) {
      Duration d = writes.get(k);
      if (d != null) {
        return d;
      }
    }
    return defaultWrite;
  }

  private static boolean matches(Set<String> keys, String key) {
    for (String k = key; k != null; k = parent(k)) {
      if (keys.contains(k.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  /** {@code Microsoft.Network/networkSecurityGroups/securityRules} -> {@code Microsoft.Network/networkSecurityGroups}. */
  private static String parent(String key) {
    int last = key.lastIndexOf('/');
    return last > key.indexOf('/') ? key.substring(0, last) : null;
  }

  private static Set<String> lowerCase(Set<String> keys) {
    return keys.stream().map(k -> k.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
  }
}
