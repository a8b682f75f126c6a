package io.amlnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.amlnet.azure.ArmEndpoint;
import io.amlnet.azure.RequestBudget;
import io.amlnet.controller.LeaderElection;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `amlnet run --arm-request-share`: how much of ARM's per-subscription request limits amlnet allows itself. */
class ArmRequestShareTest {

  private static RequestBudget.Limits budget(String... args) {
    RunCommand run = new RunCommand();
    new CommandLine(run).parseArgs(args);
    return run.settings(ArmEndpoint.AZURE_PUBLIC, LeaderElection.off()).budget();
  }

  @Test
  void isNinetyFivePercentOfArmsLimitsUnlessGiven() {
    assertThat(budget()).isEqualTo(RequestBudget.Limits.DEFAULT);
  }

  @Test
  void aSmallerShareLeavesRoomForOtherClientsOfTheSubscription() {
    RequestBudget.Limits half = budget("--arm-request-share", "0.5");
    assertThat(half.reads()).isEqualTo(new RequestBudget.Bucket(125, 12.5));
    assertThat(half.writes()).isEqualTo(new RequestBudget.Bucket(100, 5));
    assertThat(half.deletes()).isEqualTo(new RequestBudget.Bucket(100, 5));
  }

  @Test
  void aShareAboveOneIsInvalidInput() {
    CommandLineRun run = CommandLineRun.of("run", "--arm-request-share", "1.2");
    assertThat(run.exit()).isEqualTo(PlanCommand.INVALID_INPUT);
    assertThat(run.stderr()).contains("--arm-request-share must be above 0 and at most 1");
  }
}
