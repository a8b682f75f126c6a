package io.amlnet.sandbox;

/** Starts a harness on a given world (instead of the test world). */
final class ArmEmulatorHandle {
  private ArmEmulatorHandle() {}

  static EmulatorHarness start(WorldSpec world) {
    return new EmulatorHarness(world, EmulatorOptions.defaults());
  }
}
