package io.amlnet.controller;

import java.util.List;

/** The Reconciling reason and message of an object that waits for Azure: WaitingFor + what (NatGateway, Subnet...). */
final class Waiting {
  private Waiting() {}

  static String reason(List<String> purposes) {
    return "WaitingFor" + (purposes.isEmpty() ? "Azure" : purposes.get(0));
  }

  /** No per-poll numbers: an unchanged wait must leave the status unchanged, so nothing is written. */
  static String message(List<String> purposes) {
    return "waiting for Azure's long-running operations to end: " + String.join(", ", purposes);
  }
}
