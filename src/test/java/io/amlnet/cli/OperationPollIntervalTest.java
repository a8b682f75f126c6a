package io.amlnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.amlnet.azure.ArmEndpoint;
import io.amlnet.controller.LeaderElection;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * `amlnet run --operation-poll-interval`: how soon the operator polls a running ARM operation again.
 * 2 s by default; shorter for an emulator whose operations are scaled down, but never a busy loop.
 */
class OperationPollIntervalTest {

  private static RunCommand parsed(String... args) {
    RunCommand run = new RunCommand();
    new CommandLine(run).parseArgs(args);
    return run;
  }

  private static Duration pollInterval(RunCommand run) {
    return run.settings(ArmEndpoint.AZURE_PUBLIC, LeaderElection.off()).operationPollInterval();
  }

  @Test
  void isTwoSecondsUnlessGiven() {
    assertThat(pollInterval(parsed())).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void reachesTheOperatorSettingsInMilliseconds() {
    assertThat(pollInterval(parsed("--operation-poll-interval", "40ms"))).isEqualTo(Duration.ofMillis(40));
  }

  @Test
  void belowTwentyMillisecondsIsInvalidInput() {
    CommandLineRun run = CommandLineRun.of("run", "--operation-poll-interval", "5ms");
    assertThat(run.exit()).isEqualTo(PlanCommand.INVALID_INPUT);
    assertThat(run.stderr()).contains("--operation-poll-interval must be at least 20ms");
  }
}
