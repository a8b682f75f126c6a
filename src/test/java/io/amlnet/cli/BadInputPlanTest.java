package io.amlnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.amlnet.testing.BadInputCorpus;
import io.amlnet.testing.BadInputCorpus.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every manifest of the hostile-input corpus through `amlnet plan`: never exit 3 and never a stack
 * trace; what the API server rejects is invalid input here too (exit 2), and what it admits is not.
 */
class BadInputPlanTest {
  @TempDir static Path dir;

  static List<BadInputCorpus.Case> cases() {
    return BadInputCorpus.cases();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void planGivesTheApiServersVerdictWithoutADefect(BadInputCorpus.Case c) throws IOException {
    Path file = dir.resolve(c.name() + ".yaml");
    Files.writeString(file, String.join("---\n", c.finalVersions()));
    PlanCommandTest.Run run = PlanCommandTest.amlnet("plan", "-f", BadInputCorpus.ENVIRONMENT_FIXTURE.toString(),
        "-f", file.toString(), "--facts", "examples/facts.json");

    assertThat(run.exitCode()).as(run.err()).isNotEqualTo(3);
    assertThat(run.err() + run.out()).doesNotContain("Exception", "\tat ", "Error:");
    if (c.verdict() == Verdict.REJECTED && !c.update()) {
      assertThat(run.exitCode()).as("invalid input, as for the API server").isEqualTo(2);
      assertThat(run.err().lines().count()).as("one line per problem, not a wall of text").isBetween(1L, 20L);
      assertThat(run.err().lines()).allMatch(line -> line.length() < 2000);
    } else if (c.verdict() != Verdict.WAITING && !c.update()) {
      // WAITING cases name an environment that is not among the files: plan says so with exit 2;
      // an update's verdict needs the object it replaces, which plan never sees.
      assertThat(run.exitCode()).as(run.err()).isIn(0, 1);
    }
  }
}
