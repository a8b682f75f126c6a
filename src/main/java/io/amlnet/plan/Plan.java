package io.amlnet.plan;

import java.util.List;

/**
 * What amlnet would do: the exact ARM writes, the preflight findings, the facts it had to assume,
 * and why it left out what a reader might expect (e.g. inbound rules for no-public-IP computes).
 */
public record Plan(
    List<ArmWrite> writes,
    List<Finding> findings,
    List<String> assumedFacts,
    List<String> notes,
    DesiredNetwork network) {

  public boolean hasBlockingFindings() {
    return findings.stream().anyMatch(Finding::isBlocking);
  }
}
