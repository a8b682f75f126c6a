package io.amlnet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.amlnet.api.ManifestReader;
import io.amlnet.api.TrainingCompute;
import io.amlnet.api.TrainingEnvironment;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlnet.azure.PendingWrites;
import io.amlnet.plan.AzureFacts;
import io.amlnet.plan.ResourceNames;
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
    exitCodeList = {"0:the plan was printed (with --detailed-exitcode: and Azure needs no change)",
        "1:the plan has Blocking findings", "2:the input is invalid", "3:a defect in amlnet",
        "4:with --detailed-exitcode: changes are pending"})
public final class PlanCommand implements Callable<Integer> {
  static final int BLOCKED = 1;
  static final int INVALID_INPUT = 2;
  /** Terraform's -detailed-exitcode has 2 for this; amlnet's 2 already means invalid input. */
  static final int CHANGES_PENDING = 4;

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

  @Option(names = "--live", description = "Read the facts from ARM, as the operator does, instead of --facts.")
  boolean live;

  @picocli.CommandLine.Mixin AzureOptions azure = new AzureOptions();

  @Option(names = "--full", description = "List every write of the plan, not only those Azure does not satisfy.")
  boolean full;

  @Option(names = "--detailed-exitcode",
      description = "Exit 0 when Azure needs no change and 4 when changes are pending (1, 2, 3 as always).")
  boolean detailedExitCode;

  @Option(names = "--facts-out", paramLabel = "FILE",
      description = "With --live: save the facts read, so `plan --facts FILE` makes the same plan offline.")
  Path factsOut;

  enum OutputFormat { table, json }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    List<String> errors = new ArrayList<>();
    ManifestReader.Manifests manifests = readAll(files, errors);
    List<TrainingEnvironment> environments = manifests.environments();
    List<TrainingCompute> computes = manifests.computes();
    if (live && factsFile != null) {
      errors.add("--live and --facts exclude each other: the facts come from ARM or from the file");
    }
    if (factsOut != null && !live) {
      errors.add("--facts-out saves what --live read; give --live");
    }
    if (azure.problem() != null) {
      errors.add(azure.problem());
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
    if (live) {
      ObjectNode read = LiveFacts.read(azure.session().facts(), inputs);
      if (factsOut != null) {
        try {
          Files.writeString(factsOut, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(read));
        } catch (IOException e) {
          err.println(factsOut + ": cannot write: " + e.getMessage());
          err.flush();
          return INVALID_INPUT;
        }
      }
      inputs = Bindings.bind(environments, computes, AzureFacts.fromJson(read), errors);
    }
    List<PlannedEnvironment> plans = planAll(inputs, live || factsFile != null);
    if (output == OutputFormat.json) {
      out.println(PlanJson.render(plans));
    } else {
      out.print(PlanTable.render(plans, factsFile == null && !live, full));
    }
    out.flush();
    return exitCode(plans, detailedExitCode);
  }

  /** Every document of the files; what cannot be read or is invalid goes to errors. */
  static ManifestReader.Manifests readAll(List<Path> files, List<String> errors) {
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
    return new ManifestReader.Manifests(environments, computes, List.of());
  }

  /**
   * Each environment's plan and, when there are facts to compare with, the writes Azure does not
   * satisfy: judged on the facts alone, so a saved facts file gives the same answer as the live read.
   */
  static List<PlannedEnvironment> planAll(List<PlanInput> inputs, boolean compare) {
    EnvironmentPlanner planner = new EnvironmentPlanner(RegionPairs.published());
    PendingWrites judge = new PendingWrites((id, apiVersion) -> java.util.Optional.empty());
    List<PlannedEnvironment> plans = new ArrayList<>();
    for (PlanInput input : inputs) {
      Plan plan = planner.plan(input);
      List<PendingWrites.PendingWrite> pending = compare
          ? judge.of(plan, input.facts(), ResourceNames.owner(input.namespace(), input.name())) : null;
      plans.add(new PlannedEnvironment(input.namespace() + "/" + input.name(), plan, pending));
    }
    return plans;
  }

  static int exitCode(List<PlannedEnvironment> plans, boolean detailed) {
    if (plans.stream().anyMatch(p -> p.plan().hasBlockingFindings())) {
      return BLOCKED;
    }
    return detailed && plans.stream().anyMatch(p -> !p.changes().isEmpty()) ? CHANGES_PENDING : 0;
  }

  /**
   * One environment's plan, named namespace/name; {@code pending} is what Azure does not satisfy,
   * or null when nothing is known of Azure to compare with.
   */
  record PlannedEnvironment(String environment, Plan plan, List<PendingWrites.PendingWrite> pending) {
    /** The writes amlnet would make now: the pending ones, or every write when Azure is unknown. */
    List<PendingWrites.PendingWrite> changes() {
      return pending != null ? pending : plan.writes().stream()
          .map(w -> new PendingWrites.PendingWrite(w, List.of(), false)).toList();
    }
  }
}
