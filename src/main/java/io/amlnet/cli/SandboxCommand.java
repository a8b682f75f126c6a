package io.amlnet.cli;

import io.amlnet.demo.SandboxDemo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `amlnet sandbox`: the whole of amlnet on this machine, with no cluster and no Azure subscription. */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
    description = {"Start a local kube-apiserver + etcd and the ARM emulator, run the operator, apply the examples"
        + " and show their status.", "Needs the control plane built by hack/control-plane/install.sh"
        + " (hack/sandbox.sh does both)."})
public final class SandboxCommand implements Callable<Integer> {

  @Option(names = "--world", defaultValue = "examples/sandbox-world.yaml", paramLabel = "WORLD.yaml",
      description = "What exists in the emulated Azure before amlnet runs.")
  Path world;

  @Option(names = "--examples", defaultValue = "examples", paramLabel = "DIR",
      description = "Directory whose TrainingEnvironment/TrainingCompute manifests (and the Secrets beside them) are applied.")
  Path examples;

  @Option(names = "--lro-latency", defaultValue = "1s", converter = RunCommand.DurationConverter.class,
      paramLabel = "DURATION", description = "How long the emulator's long-running operations take.")
  Duration lroLatency;

  @Option(names = "--timeout", defaultValue = "180s", converter = RunCommand.DurationConverter.class,
      paramLabel = "DURATION", description = "How long to wait for every object to settle.")
  Duration timeout;

  @Option(names = "--keep-running", description = "Keep everything running after the status is shown, until Ctrl-C.")
  boolean keepRunning;

  @Override
  public Integer call() throws Exception {
    try (SandboxDemo sandbox = SandboxDemo.start(world, lroLatency, Duration.ofMinutes(1), System.out)) {
      List<String> applied = sandbox.applyExamples(examples);
      System.out.println("[sandbox] applied " + applied.size() + " objects from " + examples + "/ into namespace "
          + SandboxDemo.NAMESPACE);
      boolean allReady = sandbox.awaitSettled(timeout);
      System.out.println();
      System.out.print(sandbox.statusTable());
      System.out.println();
      System.out.println("[sandbox] ARM requests: " + sandbox.armCounts());
      System.out.println(allReady ? "[sandbox] every object is Ready" : "[sandbox] not every object is Ready (see REASON)");
      if (keepRunning) {
        System.out.println("[sandbox] kubectl --kubeconfig " + sandbox.kubeconfig() + " get amlnet -n "
            + SandboxDemo.NAMESPACE + "    (Ctrl-C stops everything)");
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
        stop.await();
      }
      return allReady ? 0 : 1;
    }
  }
}
