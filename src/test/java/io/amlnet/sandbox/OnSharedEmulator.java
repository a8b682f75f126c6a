package io.amlnet.sandbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Base of the behaviour tests that share one emulator on the test world (operations complete at once). */
abstract class OnSharedEmulator {
  static EmulatorHarness arm;

  @BeforeAll
  static void startSharedEmulator() {
    arm = new EmulatorHarness();
  }

  @AfterAll
  static void stopSharedEmulator() {
    arm.close();
  }
}
