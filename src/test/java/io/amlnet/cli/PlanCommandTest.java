package io.amlnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** `amlnet plan` as a user runs it: the examples, the two output forms and the exit codes. */
class PlanCommandTest {
  private static final String FACTS = "examples/facts.json";

  record Run(int exitCode, String out, String err) {}

  static Run amlnet(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = AmlnetCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  static Stream<String> environmentExamples() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("examples"))) {
      return files.map(Path::toString).filter(f -> f.endsWith(".yaml") && !f.contains("compute-")
          && !f.contains("world")).sorted().toList().stream();
    }
  }

  static Stream<String> computeExamples() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("examples"))) {
      return files.map(Path::toString).filter(f -> f.contains("compute-")).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("environmentExamples")
  void everyEnvironmentExamplePlansWithoutBlockingFindings(String example) {
    Run run = amlnet("plan", "-f", example, "--facts", FACTS);
    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(run.out()).contains("OK: amlnet would make");
  }

  @ParameterizedTest
  @MethodSource("computeExamples")
  void everyComputeExamplePlansWithItsEnvironment(String example) throws IOException {
    String environment = "examples/" + Files.readString(Path.of(example)).lines()
        .filter(l -> l.contains("environmentRef:")).findFirst().orElseThrow().split(":")[1].trim() + ".yaml";
    Run run = amlnet("plan", "-f", environment, "-f", example, "--facts", FACTS, "-o", "json");
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("Microsoft.MachineLearningServices/workspaces/mlw-contoso/computes/");
  }

  @Test
  void jsonIsOneObjectWithWritesFindingsAndAssumedFacts() throws IOException {
    Run run = amlnet("plan", "-f", "examples/udr-ip-prefixes.yaml", "--facts", FACTS, "-o", "json");
    JsonNode plan = new ObjectMapper().readTree(run.out());
    assertThat(plan.has("writes") && plan.has("findings") && plan.has("assumedFacts")).isTrue();
    JsonNode write = plan.path("writes").get(0);
    assertThat(write.fieldNames()).toIterable().containsExactly("method", "id", "apiVersion", "body");
    List<String> types = new ArrayList<>();
    plan.path("writes").forEach(w -> types.add(w.path("id").asText().replaceAll(".*/providers/", "")
        .replaceAll("/[^/]+$", "")));
    assertThat(types).containsExactly("Microsoft.Network/networkSecurityGroups", "Microsoft.Network/routeTables",
        "Microsoft.Network/virtualNetworks/vnet-aml/subnets");
    JsonNode finding = plan.path("findings").get(0);
    assertThat(finding.path("requirement").asText()).isEqualTo("R16");
    assertThat(finding.path("severity").asText()).isEqualTo("Warning");
  }

  @Test
  void tableShowsRulesRoutesSummaryAndFindingsWithTheirRequirement() {
    Run run = amlnet("plan", "-f", "examples/udr-ip-prefixes.yaml", "--facts", FACTS);
    assertThat(run.out()).contains("amlnet-out-deny-internet", "Routes: 16 to Internet",
        "BatchNodeManagement.EastUS2: 5", "... and 11 more", "[Warning] R16:");
  }

  @Test
  void withoutFactsThePlanSaysWhichFactsItAssumed() {
    Run run = amlnet("plan", "-f", "examples/open-outbound.yaml");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Assumed facts (no --facts given):", "(R1)", "(R7)");
  }

  @Test
  void blockingFindingsExitOne(@TempDir Path dir) throws IOException {
    Path manifest = dir.resolve("te.yaml");
    Files.writeString(manifest, Files.readString(Path.of("examples/open-outbound.yaml"))
        .replace("subnet: training", "subnet: databricks-private"));
    Run run = amlnet("plan", "-f", manifest.toString(), "--facts", FACTS);
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("[Blocking] R5:", "BLOCKED");
  }

  @Test
  void malformedManifestExitsTwoWithOneLineNamingFileDocumentAndField(@TempDir Path dir) throws IOException {
    Path manifest = dir.resolve("bad.yaml");
    Files.writeString(manifest, "---\n" + Files.readString(Path.of("examples/open-outbound.yaml"))
        .replace("    subnet: training\n", ""));
    Run run = amlnet("plan", "-f", manifest.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines()).containsExactly(
        manifest + ": document 1 (TrainingEnvironment open-outbound): spec.network.subnet: required");
  }

  @Test
  void invalidYamlExitsTwoWithoutAStackTrace(@TempDir Path dir) throws IOException {
    Path manifest = dir.resolve("broken.yaml");
    Files.writeString(manifest, "apiVersion: amlnet.io/v1alpha1\nkind: [unclosed\n");
    Run run = amlnet("plan", "-f", manifest.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("broken.yaml: line 2: not valid YAML: while parsing a flow sequence")
        .doesNotContain("\tat ");
    assertThat(run.err().lines()).hasSize(1);
  }

  @Test
  void missingFileExitsTwo() {
    Run run = amlnet("plan", "-f", "no/such/file.yaml");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("no/such/file.yaml: cannot read");
  }

  @Test
  void computeWithoutItsEnvironmentIsInvalidInput() {
    Run run = amlnet("plan", "-f", "examples/compute-vm.yaml");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("spec.environmentRef: no TrainingEnvironment named open-outbound");
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"table", "json"})
  void anAttachedComputesCredentialsShowOnlyAsTheirSecretsName(String output) {
    Run run = amlnet("plan", "-f", "examples/open-outbound.yaml", "-f", "examples/compute-vm.yaml",
        "--facts", FACTS, "-o", output);
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    if (output.equals("json")) {
      assertThat(run.out()).contains("\"administratorAccount\" : \"<from secret ubuntu-vm-admin>\"");
    }
    assertThat(run.out() + run.err()).doesNotContain("sandbox-only-not-a-secret").doesNotContain("azureuser");
  }

  @Test
  void versionAndHelp() {
    assertThat(amlnet("--version").out()).startsWith("amlnet ");
    assertThat(amlnet("--help").out()).contains("plan");
  }
}
