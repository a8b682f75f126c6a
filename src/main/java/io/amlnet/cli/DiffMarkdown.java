package io.amlnet.cli;

import io.amlnet.azure.PendingWrites.PendingWrite;
import io.amlnet.plan.Finding;
import io.amlnet.plan.Plan;
import java.util.List;

/**
 * `amlnet diff` output: a summary row per environment, then each environment's changes with their
 * fields, and its findings. Markdown suits a pull-request comment; the table form a terminal.
 */
final class DiffMarkdown {
  private DiffMarkdown() {}

  static String render(List<PlanCommand.PlannedEnvironment> plans) {
    StringBuilder out = new StringBuilder("## amlnet diff\n\n");
    out.append("| environment | create | update | delete | blocking findings |\n|---|---:|---:|---:|---:|\n");
    for (PlanCommand.PlannedEnvironment planned : plans) {
      out.append("| `").append(planned.environment()).append("` | ").append(count(planned, "+")).append(" | ")
          .append(count(planned, "~")).append(" | ").append(count(planned, "-")).append(" | ")
          .append(blocking(planned.plan())).append(" |\n");
    }
    for (PlanCommand.PlannedEnvironment planned : plans) {
      out.append("\n### `").append(planned.environment()).append("`\n\n");
      List<PendingWrite> changes = planned.changes();
      if (changes.isEmpty()) {
        out.append("No changes: Azure matches the plan.\n");
      }
      for (PendingWrite change : changes) {
        out.append("- **").append(PlanTable.verb(change)).append("** `").append(shortId(change.write().id()))
            .append("`\n");
        if (change.foreign()) {
          out.append("  - not amlnet's: the operator would stop with `NameCollision`\n");
        }
        if (!change.creates() && !change.write().isDelete()) {
          change.differences().forEach(d -> out.append("  - `").append(d.field()).append("`: `").append(d.actual())
              .append("` → `").append(d.expected()).append("`\n"));
        }
      }
      List<Finding> findings = planned.plan().findings();
      if (!findings.isEmpty()) {
        out.append("\nFindings:\n\n");
        findings.forEach(f -> out.append("- ").append(f.isBlocking() ? "**Blocking** " : "Warning ")
            .append(f.requirement()).append(": ").append(f.message().replace("|", "\\|")).append('\n'));
      }
    }
    return out.toString();
  }

  static String table(List<PlanCommand.PlannedEnvironment> plans) {
    StringBuilder out = new StringBuilder();
    for (PlanCommand.PlannedEnvironment planned : plans) {
      out.append("TrainingEnvironment ").append(planned.environment()).append(": ")
          .append(planned.changes().size()).append(" change(s), ").append(blocking(planned.plan()))
          .append(" blocking finding(s)\n");
      out.append(PlanTable.changes(planned.changes(), "  "));
      planned.plan().findings().forEach(f -> out.append("  [").append(f.severity()).append("] ")
          .append(f.requirement()).append(": ").append(f.message()).append('\n'));
      out.append('\n');
    }
    return out.toString();
  }

  /** The ID below its resource group: {@code rg / Type/name/...}, as a reviewer reads it. */
  static String shortId(String id) {
    String lower = id.toLowerCase(java.util.Locale.ROOT);
    int group = lower.indexOf("/resourcegroups/");
    int providers = lower.indexOf("/providers/");
    if (group < 0 || providers < 0) {
      return id;
    }
    String resourceGroup = id.substring(group + "/resourcegroups/".length(), providers);
    return resourceGroup + "/" + id.substring(providers + "/providers/".length());
  }

  private static long count(PlanCommand.PlannedEnvironment planned, String sign) {
    return planned.changes().stream().filter(c -> PlanTable.verb(c).startsWith(sign)).count();
  }

  private static long blocking(Plan plan) {
    return plan.findings().stream().filter(Finding::isBlocking).count();
  }
}
