package io.amlnet.cli;

import static io.amlnet.cli.PlanCommandTest.amlnet;
import static org.assertj.core.api.Assertions.assertThat;

import io.amlnet.sandbox.ArmEmulator;
import io.amlnet.sandbox.EmulatorOptions;
import io.amlnet.sandbox.WorldSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** `amlnet plan --live` against the ARM emulator seeded with the sandbox world: reads only, same plan as --facts. */
class PlanLiveTest {
  private static ArmEmulator arm;

  @BeforeAll
  static void startEmulator() throws Exception {
    arm = ArmEmulator.start(WorldSpec.load(Path.of("examples/sandbox-world.yaml")), EmulatorOptions.defaults().port(0));
  }

  @AfterAll
  static void stopEmulator() {
    arm.close();
  }

  /** `plan --live` on the emulator, with the given arguments after it. */
  static PlanCommandTest.Run live(String... more) {
    List<String> args = new ArrayList<>(List.of("plan", "--live", "--azure-endpoint", arm.baseUrl(),
        "--azure-ca", arm.certificatePath().toString(), "--azure-credential", "Sandbox"));
    args.addAll(List.of(more));
    return amlnet(args.toArray(String[]::new));
  }

  @ParameterizedTest
  @MethodSource("io.amlnet.cli.PlanCommandTest#environmentExamples")
  void aLivePlanIsThePlanOfTheFactsItSaved(String example, @TempDir Path dir) {
    Path facts = dir.resolve("facts.json");
    PlanCommandTest.Run live = live("-f", example, "--facts-out", facts.toString(), "-o", "json");
    PlanCommandTest.Run offline = amlnet("plan", "-f", example, "--facts", facts.toString(), "-o", "json");
    assertThat(live.err()).isEmpty();
    assertThat(live.out()).contains("\"changes\"").isEqualTo(offline.out());
    assertThat(live.exitCode()).isEqualTo(offline.exitCode()).isZero();
    PlanCommandTest.Run liveTable = live("-f", example, "--full");
    assertThat(liveTable.out()).isEqualTo(amlnet("plan", "-f", example, "--facts", facts.toString(), "--full").out());
  }

  @Test
  void aLivePlanMakesNoWriteToArm() {
    long writesBefore = arm.counts().writes() + arm.counts().deletes();
    long readsBefore = arm.counts().reads();
    PlanCommandTest.Run run = live("-f", "examples/udr-ip-prefixes.yaml", "-f", "examples/existing-nsg.yaml",
        "-f", "examples/nat-gateway.yaml", "-f", "examples/restricted-outbound.yaml",
        "-f", "examples/compute-aml-cluster.yaml");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(arm.counts().reads()).as("it did read ARM").isGreaterThan(readsBefore);
    assertThat(arm.counts().writes() + arm.counts().deletes()).isEqualTo(writesBefore);
  }

  @Test
  void onlyTheWritesAzureLacksAreShownWithTheirFields() {
    PlanCommandTest.Run run = live("-f", "examples/existing-nsg.yaml");
    assertThat(run.out()).contains("Changes against Azure (", "+ create ",
        "/networkSecurityGroups/shared-training-nsg/securityRules/amlnet-out-virtualnetwork")
        .doesNotContain("ARM writes (");
  }

  @Test
  void detailedExitCodeIsFourWhileChangesArePending() {
    PlanCommandTest.Run run = live("-f", "examples/open-outbound.yaml", "--detailed-exitcode");
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(PlanCommand.CHANGES_PENDING);
    assertThat(live("-f", "examples/open-outbound.yaml").exitCode()).isZero();
  }

  @Test
  void liveAndFactsExcludeEachOther() {
    PlanCommandTest.Run run = live("-f", "examples/open-outbound.yaml", "--facts", "examples/facts.json");
    assertThat(run.exitCode()).isEqualTo(PlanCommand.INVALID_INPUT);
    assertThat(run.err()).contains("--live and --facts exclude each other");
  }
}
