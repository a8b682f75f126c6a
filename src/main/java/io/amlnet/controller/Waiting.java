package io.amlnet.controller;

import java.util.List;

/** The Reconciling reason and message of an object that waits for Azure: WaitingFor + what (NatGateway, Subnet...). */
final class Waiting {
  private Waiting() {}

  static String reason(List<String> purposes) {
    return "WaitingFor" + (purposes.isEmpty() ? "Azure" : purposes.get(0));
  }

  /** The conditions of an object that waits: not Ready, Reconciling on what it waits for, not Stalled. */
  static List<io.fabric8.kubernetes.api.model.Condition> conditions(List<io.fabric8.kubernetes.api.model.Condition> base,
      long generation, java.time.Clock clock, List<String> purposes, List<String> owned) {
    String reason = reason(purposes);
    String message = message(purposes);
    return new Conditions(base, generation, clock)
        .set(Conditions.READY, false, reason, message)
        .set(Conditions.RECONCILING, true, reason, message)
        .clear(Conditions.STALLED)
        .result(owned);
  }

  /** No per-poll numbers: an unchanged wait must leave the status unchanged, so nothing is written. */
  static String message(List<String> purposes) {
    return "waiting for Azure's long-running operations to end: " + String.join(", ", purposes);
  }
}
