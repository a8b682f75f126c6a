package io.amlnet.cli;

import io.amlnet.sandbox.ArmEmulator;
import io.amlnet.sandbox.EmulatorOptions;
import io.amlnet.sandbox.WorldSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code amlnet sandbox-arm}: runs the ARM emulator until stopped. */
@Command(
    name = "sandbox-arm",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the Azure Resource Manager emulator (HTTPS, stateful, throttling, faults) on 127.0.0.1.",
      "Prints ARM_URL=<base URL> and ARM_CA=<certificate PEM> on stdout, then serves until stopped."
    })
public final class SandboxArmCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "0", description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--world", description = "World file (YAML) seeding what exists in Azure.")
  Path world;

  @Option(names = "--lro-latency-ms", description = "Latency of long-running operations (default: the world's, else 1000).")
  Long lroLatencyMs;

  @Option(names = "--seed", description = "Seed of the fault injection (default: the world's, else 1).")
  Long seed;

  @Option(names = "--cert-dir", description = "Where to write arm-emulator.pem (default: a new temporary directory).")
  Path certDir;

  @Override
  public Integer call() throws Exception {
    ArmEmulator emulator = start(System.out);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      emulator.close();
      stopped.countDown();
    }));
    System.err.println("ARM emulator serving; admin endpoint " + emulator.baseUrl() + "/_sandbox/requests; Ctrl-C stops it.");
    stopped.await();
    return 0;
  }

  /** Starts the emulator as the options say and prints ARM_URL= and ARM_CA= lines to {@code out}. */
  ArmEmulator start(PrintStream out) throws IOException {
    EmulatorOptions options = EmulatorOptions.defaults().port(port).certDir(certDir);
    if (lroLatencyMs != null) {
      options.lroLatency(Duration.ofMillis(lroLatencyMs));
    }
    if (seed != null) {
      options.seed(seed);
    }
    WorldSpec spec = world == null ? WorldSpec.parse("{}") : WorldSpec.load(world);
    ArmEmulator emulator = ArmEmulator.start(spec, options);
    out.println("ARM_URL=" + emulator.baseUrl());
    out.println("ARM_CA=" + emulator.certificatePath());
    out.flush();
    return emulator;
  }
}
