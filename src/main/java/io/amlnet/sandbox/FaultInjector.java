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
   * {@code operationError} (an ARM error code, or null) lets the request's long-running operation end
   * Failed with that error.
   */
  public record Rule(
      String method, String pathRegex, double probability, int status, long latencyMs, boolean drop,
      String operationError) {
    /** What a failed operation says when a rule names no code: ARM's catch-all. */
    public static final String INTERNAL_ERROR = "InternalServerError";
    /**
     * The network resource provider's answer when a later write to the same VNet supersedes an
     * accepted one: the accepted operation ends Failed with this code (not only a 409 on the PUT).
     */
    public static final String ANOTHER_OPERATION_IN_PROGRESS = "AnotherOperationInProgress";

    public static Rule status(String method, String pathRegex, double probability, int status) {
      return new Rule(method, pathRegex, probability, status, 0, false, null);
    }

    public static Rule latency(String method, String pathRegex, double probability, long latencyMs) {
      return new Rule(method, pathRegex, probability, 0, latencyMs, false, null);
    }

    public static Rule drop(String method, String pathRegex, double probability) {
      return new Rule(method, pathRegex, probability, 0, 0, true, null);
    }

    public static Rule failOperation(String method, String pathRegex, double probability) {
      return failOperation(method, pathRegex, probability, INTERNAL_ERROR);
    }

    public static Rule failOperation(String method, String pathRegex, double probability, String code) {
      return new Rule(method, pathRegex, probability, 0, 0, false, code);
    }
  }

  /** What the rules that fired ask for, merged; {@code operationError} null: the operation succeeds. */
  public record Decision(int status, long latencyMs, boolean drop, String operationError) {
    static final Decision NONE = new Decision(0, 0, false, null);
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
    String fail = null;
    for (Armed a : rules) {
      Rule r = a.rule();
      boolean methodMatches = r.method() == null || r.method().equals("*") || r.method().equalsIgnoreCase(method);
      if (!methodMatches || !a.path().matcher(path).find() || a.random().nextDouble() >= r.probability()) {
        continue;
      }
      status = status == 0 ? r.status() : status;
      latency += r.latencyMs();
      drop |= r.drop();
      fail = fail == null ? r.operationError() : fail;
    }
    return new Decision(status, latency, drop, fail);
  }
}
