package io.amlnet.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.amlnet.testing.ControlPlane;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's pull-request workflow, command for command: the block after the gitops-workflow
 * marker is run with bash, with bin/ (the kubectl plugin) and kubectl on PATH, against the test API
 * server, an in-process operator and the ARM emulator.
 */
@ExtendWith(ControlPlane.class)
class GitOpsWorkflowIT {
  static final String MARKER = "<!-- gitops-workflow";

  /** The commands of the README's workflow block, comments left out, in order. */
  static List<String> readmeCommands() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String after = readme.substring(readme.indexOf(MARKER));
    String block = after.substring(after.indexOf("```sh\n") + "```sh\n".length());
    block = block.substring(0, block.indexOf("```"));
    return block.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
  }

  @Test
  void theReadmeWorkflowDiffsAppliesAndWaitsUntilAzureHoldsThePlan(@TempDir Path repo) throws Exception {
    List<String> commands = readmeCommands();
    assertThat(commands).hasSize(4);
    try (OperatorSandbox sandbox = OperatorSandbox.start(OperatorIT.NEVER, o -> { })) {
      Path environments = Files.createDirectories(repo.resolve("environments"));
      String yaml = OperatorIT.environmentOnly(Files.readString(Path.of("examples/open-outbound.yaml")))
          .replace("namespace: ml-team", "namespace: " + sandbox.namespace);
      Files.writeString(environments.resolve("open-outbound.yaml"), yaml);
      Map<String, String> env = Map.of(
          "PATH", Path.of("bin").toAbsolutePath() + ":" + ControlPlane.kubectl().toAbsolutePath().getParent() + ":"
              + System.getenv("PATH"),
          "KUBECONFIG", ControlPlane.kubeconfig().toString(),
          "AMLNET_CLASSPATH", System.getProperty("java.class.path"),
          "JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "AMLNET_AZURE_ENDPOINT", sandbox.arm.baseUrl(),
          "AMLNET_AZURE_CA", sandbox.arm.certificatePath().toString(),
          "AMLNET_AZURE_CREDENTIAL", "Sandbox");

      run(repo, env, commands.get(0));
      assertThat(Files.readString(repo.resolve("amlnet-diff.md"))).contains("## amlnet diff",
          "`" + sandbox.namespace + "/open-outbound`", "**+ create**");
      assertThat(ObservePolicyIT.writes(sandbox)).as("ARM writes by the diff").isZero();

      for (String command : commands.subList(1, commands.size())) {
        run(repo, env, command);
      }
      assertThat(OperatorIT.pending(sandbox, OperatorIT.plan(sandbox, "open-outbound"))).isEmpty();
    }
  }

  private static void run(Path dir, Map<String, String> env, String command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder("bash", "-c", command).directory(dir.toFile())
        .redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(11, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(command + "\n" + new String(output, StandardCharsets.UTF_8)).isZero();
  }
}
