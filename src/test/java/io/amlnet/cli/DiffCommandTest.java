package io.amlnet.cli;

import static io.amlnet.cli.PlanCommandTest.amlnet;
import static org.assertj.core.api.Assertions.assertThat;

import io.amlnet.sandbox.ArmEmulator;
import io.amlnet.sandbox.EmulatorOptions;
import io.amlnet.sandbox.WorldSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * `amlnet diff -f examples` against the sandbox world, as a pull request's CI runs it. The Markdown
 * is pinned by a golden file (regenerate with -Damlnet.updateGolden=true and read the change).
 */
class DiffCommandTest {
  static final Path GOLDEN = Path.of("src/test/resources/golden/diff-examples.md");
  private static ArmEmulator arm;

  @BeforeAll
  static void startEmulator() throws Exception {
    arm = ArmEmulator.start(WorldSpec.load(Path.of("examples/sandbox-world.yaml")), EmulatorOptions.defaults().port(0));
  }

  @AfterAll
  static void stopEmulator() {
    arm.close();
  }

  static PlanCommandTest.Run diff(String... more) {
    String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("diff", "--azure-endpoint", arm.baseUrl(),
        "--azure-ca", arm.certificatePath().toString(), "--azure-credential", "Sandbox"), java.util.Arrays.stream(more))
        .toArray(String[]::new);
    return amlnet(args);
  }

  @Test
  void theExamplesDiffAsMarkdownIsTheGoldenFile() throws Exception {
    PlanCommandTest.Run run = diff("-f", "examples", "-o", "markdown");
    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isZero();
    if (Boolean.getBoolean("amlnet.updateGolden")) {
      Files.createDirectories(GOLDEN.getParent());
      Files.writeString(GOLDEN, run.out());
    }
    assertThat(run.out()).isEqualTo(Files.readString(GOLDEN));
  }

  @Test
  void everyEnvironmentOfTheDirectoryHasItsSection() {
    PlanCommandTest.Run run = diff("-f", "examples");
    for (String environment : new String[] {"existing-nsg", "nat-gateway", "open-outbound", "restricted-outbound",
        "udr-ip-prefixes", "udr-service-tags"}) {
      assertThat(run.out()).contains("TrainingEnvironment ml-team/" + environment + ": ");
    }
  }

  @Test
  void aDiffMakesNoWriteToArm() {
    long before = arm.counts().writes() + arm.counts().deletes();
    assertThat(diff("-f", "examples", "--detailed-exitcode").exitCode()).isEqualTo(PlanCommand.CHANGES_PENDING);
    assertThat(arm.counts().writes() + arm.counts().deletes()).isEqualTo(before);
  }

  @Test
  void aDirectoryThatDoesNotExistIsInvalidInput() {
    PlanCommandTest.Run run = diff("-f", "no/such/dir");
    assertThat(run.exitCode()).isEqualTo(PlanCommand.INVALID_INPUT);
    assertThat(run.err()).contains("no/such/dir: not a directory");
  }
}
