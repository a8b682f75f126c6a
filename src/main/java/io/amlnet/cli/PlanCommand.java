package io.amlnet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.amlnet.api.ManifestReader;
import io.amlnet.api.TrainingCompute;
import io.amlnet.api.TrainingEnvironment;
import io.amlnet.plan.AzureFacts;
import io.amlnet.plan.EnvironmentPlanner;
import io.amlnet.plan.Plan;
import io.amlnet.plan.PlanInput;
import io.amlnet.plan.RegionPairs;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** `amlnet plan`: what amlnet would write to Azure for the given manifests, before it touches Azure. */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = "Print the ARM writes and preflight findings for TrainingEnvironment/TrainingCompute manifests.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the plan was printed", "1:the plan has Blocking findings", "2:the input is invalid"})
public final class PlanCommand implements Callable<Integer> {
  static final int BLOCKED = 1;
  static final int INVALID_INPUT = 2;

  @Spec CommandSpec spec;

  @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE",
      description = "Manifest file (multi-document YAML); repeatable.")
  List<Path> files;

  @Option(names = "--facts", paramLabel = "FACTS.json",
      description = "What is known of Azure (ARM JSON); without it amlnet states the facts it assumed.")
  Path factsFile;

  @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "table|json",
      description = "table (default) or json.")
  OutputFormat output;

  enum OutputFormat { table, json }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    List<String> errors = new ArrayList<>();
    List<TrainingEnvironment> environments = new ArrayList<>();
    List<TrainingCompute> computes = new ArrayList<>();
    for (Path file : files) {
      try {
        ManifestReader.Manifests read = ManifestReader.read(file.toString(), Files.readString(file));
        environments.addAll(read.environments());
        computes.addAll(read.computes());
        errors.addAll(read.errors());
      } catch (IOException e) {
        errors.add(file + ": cannot read: " + e.getMessage());
      }
    }
    AzureFacts facts = AzureFacts.NONE;
    if (factsFile != null) {
      try {
        JsonNode json = new ObjectMapper().readTree(Files.readString(factsFile));
        facts = AzureFacts.fromJson(json);
      } catch (IOException e) {
        errors.add(factsFile + ": not a readable JSON facts file: " + e.getMessage().lines().findFirst().orElse(""));
      }
    }
    // Binding is only meaningful once every document was read: a rejected environment would
    // otherwise show up a second time as "no TrainingEnvironment named ...".
    List<PlanInput> inputs = errors.isEmpty() ? Bindings.bind(environments, computes, facts, errors) : List.of();
    if (!errors.isEmpty()) {
      errors.forEach(err::println);
      err.flush();
      return INVALID_INPUT;
    }
    EnvironmentPlanner planner = new EnvironmentPlanner(RegionPairs.published());
    List<PlannedEnvironment> plans = new ArrayList<>();
    for (PlanInput input : inputs) {
      Plan plan = planner.plan(input);
      plans.add(new PlannedEnvironment(input.namespace() + "/" + input.name(), plan));
    }
    if (output == OutputFormat.json) {
      out.println(PlanJson.render(plans));
    } else {
      out.print(PlanTable.render(plans, factsFile == null));
    }
    out.flush();
    return plans.stream().anyMatch(p -> p.plan().hasBlockingFindings()) ? BLOCKED : 0;
  }

  /** One environment's plan, named namespace/name. */
  record PlannedEnvironment(String environment, Plan plan) {}
}
