package io.amlnet.cli;

import io.amlnet.api.ManifestReader;
import io.amlnet.plan.AzureFacts;
import io.amlnet.plan.PlanInput;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `amlnet diff -f DIR`: what a pull request's manifests would change in Azure now, per environment,
 * read live as `plan --live` does; Markdown for a PR comment. It never writes to Azure.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
    description = "Show, per TrainingEnvironment, what the manifests in a directory would change in Azure now.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:printed (with --detailed-exitcode: and Azure needs no change)",
        "1:a plan has Blocking findings", "2:the input is invalid", "3:a defect in amlnet",
        "4:with --detailed-exitcode: changes are pending"})
public final class DiffCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-f", "--filename"}, required = true, paramLabel = "DIR",
      description = "Directory of manifests (*.yaml, *.yml, searched recursively); files without amlnet kinds are skipped.")
  Path directory;

  @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "table|markdown",
      description = "table (default) or markdown (for a pull-request comment).")
  Format output;

  @Option(names = "--detailed-exitcode", description = "Exit 0 when Azure needs no change and 4 when changes are pending.")
  boolean detailedExitCode;

  @Mixin AzureOptions azure = new AzureOptions();

  enum Format { table, markdown }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    List<String> errors = new ArrayList<>();
    if (azure.problem() != null) {
      errors.add(azure.problem());
    }
    List<Path> files = manifests(directory, errors);
    ManifestReader.Manifests manifests = PlanCommand.readAll(files, errors);
    List<PlanInput> inputs = errors.isEmpty()
        ? Bindings.bind(manifests.environments(), manifests.computes(), AzureFacts.NONE, errors) : List.of();
    if (!errors.isEmpty()) {
      errors.forEach(err::println);
      err.flush();
      return PlanCommand.INVALID_INPUT;
    }
    AzureFacts facts = AzureFacts.fromJson(LiveFacts.read(azure.session().facts(), inputs));
    List<PlanCommand.PlannedEnvironment> plans = PlanCommand.planAll(
        Bindings.bind(manifests.environments(), manifests.computes(), facts, errors), true);
    PrintWriter out = spec.commandLine().getOut();
    out.print(output == Format.markdown ? DiffMarkdown.render(plans) : DiffMarkdown.table(plans));
    out.flush();
    return PlanCommand.exitCode(plans, detailedExitCode);
  }

  /** The manifest files under the directory, in a stable order; a file is one if it holds an amlnet kind. */
  static List<Path> manifests(Path directory, List<String> errors) {
    if (!Files.isDirectory(directory)) {
      errors.add(directory + ": not a directory");
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(directory)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
          .filter(DiffCommand::holdsAmlnetKinds).sorted().toList();
    } catch (IOException e) {
      errors.add(directory + ": cannot list: " + e.getMessage());
      return List.of();
    }
  }

  private static boolean holdsAmlnetKinds(Path file) {
    try {
      return Files.readString(file).contains("apiVersion: amlnet.io/");
    } catch (IOException e) {
      return true; // reading it again reports the problem with the file's name
    }
  }
}
