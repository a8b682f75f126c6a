package io.amlnet.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * Deterministic fault injection. Each rule matches a method and a path pattern and fires with a
 * probability drawn from its own random stream seeded from the emulator seed and the rule's
 * position, so the n-th matching request of a rule always gets the same decision.
 */
public final class FaultInjector {

  /**
   * One rule. {@code status} (e.g. 429, 500, 503) answers an ARM error instead of serving;
   * {@code latencyMs} delays the answer; {@code drop} closes the connection without an answer;
   * {@code failOperation} lets the request's long-running operation end Failed.
   */
  public record Rule(
      String method, String pathRegex, double probability, int status, long latencyMs, boolean drop,
      boolean failOperation) {
    public static Rule status(String method, String pathRegex, double probability, int status) {
      return new Rule(method, pathRegex, probability, status, 0, false, false);
    }

    public static Rule latency(String method, String pathRegex, double probability, long latencyMs) {
      return new Rule(method, pathRegex, probability, 0, latencyMs, false, false);
    }

    public static Rule drop(String method, String pathRegex, double probability) {
      return new Rule(method, pathRegex, probability, 0, 0, true, false);
    }

    public static Rule failOperation(String method, String pathRegex, double probability) {
      return new Rule(method, pathRegex, probability, 0, 0, false, true);
    }
  }

  /** What the rules that fired ask for, merged. */
  public record Decision(int status, long latencyMs, boolean drop, boolean failOperation) {
    static final Decision NONE = new Decision(0, 0, false, false);
  }

  private record Armed(Rule rule, Pattern path, SplittableRandom random) {}

  private final long seed;
  private final List<Armed> rules = new ArrayList<>();

  public FaultInjector(long seed, List<Rule> initial) {
    this.seed = seed;
    initial.forEach(this::add);
  }

  public synchronized void add(Rule rule) {
    rules.add(new Armed(rule, Pattern.compile(rule.pathRegex(), Pattern.CASE_INSENSITIVE),
        new SplittableRandom(seed * 31 + rules.size())));
  }

  public synchronized void clear() {
    rules.clear();
  }

  public synchronized Decision decide(String method, String path) {
    if (rules.isEmpty()) {
      return Decision.NONE;
    }
    int status = 0;
    long latency = 0;
    boolean drop = false;
    boolean fail = false;
    for (Armed a : rules) {
      Rule r = a.rule();
      boolean methodMatches = r.method() == null || r.method().equals("*") || r.method().equalsIgnoreCase(method);
      if (!methodMatches || !a.path().matcher(path).find() || a.random().nextDouble() >= r.probability()) {
        continue;
      }
      status = status == 0 ? r.status() : status;
      latency += r.latencyMs();
      drop |= r.drop();
      fail |= r.failOperation();
    }
    return new Decision(status, latency, drop, fail);
  }
}
