package io.amlnet.cli;

import io.amlnet.azure.PendingWrites;
import io.amlnet.plan.ArmWrite;
import io.amlnet.plan.DesiredNetwork;
import io.amlnet.plan.Finding;
import io.amlnet.plan.Plan;
import io.amlnet.plan.Route;
import io.amlnet.plan.SecurityRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The plan as a person reads it first: rules as a table, routes summarised, findings with their R. */
final class PlanTable {
  static final int ROUTES_SHOWN = 5;

  private PlanTable() {}

  static String render(List<PlanCommand.PlannedEnvironment> plans, boolean withoutFacts) {
    return render(plans, withoutFacts, true);
  }

  /** @param full every write of the plan too, not only the changes Azure needs (always, when Azure is unknown) */
  static String render(List<PlanCommand.PlannedEnvironment> plans, boolean withoutFacts, boolean full) {
    StringBuilder out = new StringBuilder();
    for (PlanCommand.PlannedEnvironment planned : plans) {
      Plan plan = planned.plan();
      DesiredNetwork network = plan.network();
      out.append("TrainingEnvironment ").append(planned.environment()).append('\n');
      out.append("\nNSG rules").append(network.networkSecurityGroupId() == null ? " (inside an existing NSG)" : "")
          .append(":\n");
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"DIRECTION", "PRIORITY", "NAME", "ACCESS", "PROTOCOL", "SOURCE", "DESTINATION", "PORTS", "R"});
      for (SecurityRule r : network.securityRules()) {
        rows.add(new String[] {r.direction().name(), String.valueOf(r.priority()), r.name(), r.access().name(),
            r.protocol(), r.sourceAddressPrefix(), r.destinationAddressPrefix(), r.destinationPortRange(),
            r.requirement()});
      }
      table(out, rows);
      if (!network.routes().isEmpty()) {
        routes(out, network);
      }
      if (planned.pending() != null) {
        out.append("\nChanges against Azure (").append(planned.pending().size()).append(" of ")
            .append(plan.writes().size()).append(" writes):\n");
        out.append(changes(planned.pending(), "  "));
      }
      if (full || planned.pending() == null) {
        out.append("\nARM writes (").append(plan.writes().size()).append("):\n");
        for (ArmWrite write : plan.writes()) {
          out.append("  ").append(write.method()).append(' ').append(write.id())
              .append("  (").append(write.resourceType()).append(' ').append(write.apiVersion()).append(")\n");
        }
      }
      section(out, "Findings", plan.findings().stream()
          .map(f -> "[" + f.severity() + "] " + f.requirement() + ": " + f.message()).toList());
      section(out, "Notes", plan.notes());
      section(out, "Assumed facts" + (withoutFacts ? " (no --facts given)" : ""), plan.assumedFacts());
      String verdict = plan.hasBlockingFindings()
          ? "BLOCKED: " + plan.findings().stream().filter(Finding::isBlocking).count()
              + " blocking finding(s); amlnet would write nothing"
          : "OK: amlnet would make " + planned.changes().size() + " write(s)"
              + (planned.pending() != null && planned.pending().isEmpty() ? " (Azure matches the plan)" : "");
      out.append('\n').append(verdict).append("\n\n");
    }
    return out.toString();
  }

  /** Each pending write with its field-level differences (`field: actual -> wanted`), as `diff` shows them too. */
  static String changes(List<PendingWrites.PendingWrite> pending, String indent) {
    StringBuilder out = new StringBuilder();
    for (PendingWrites.PendingWrite change : pending) {
      out.append(indent).append(verb(change)).append(' ').append(change.write().id()).append('\n');
      if (change.foreign()) {
        out.append(indent).append("    ! not amlnet's: the operator would stop with NameCollision instead\n");
      }
      if (!change.creates() && !change.write().isDelete()) {
        change.differences().forEach(d -> out.append(indent).append("    ~ ").append(d.withValues()).append('\n'));
      }
    }
    return out.toString();
  }

  /** create (+), update (~) or delete (-), as a reviewer reads a change. */
  static String verb(PendingWrites.PendingWrite change) {
    return change.write().isDelete() ? "- delete" : change.creates() ? "+ create" : "~ update";
  }

  private static void routes(StringBuilder out, DesiredNetwork network) {
    Map<String, Integer> bySource = new LinkedHashMap<>();
    network.routes().forEach(r -> bySource.merge(r.source(), 1, Integer::sum));
    out.append("\nRoutes: ").append(network.routes().size()).append(" to Internet");
    if (network.serviceTagsChangeNumber() != null) {
      out.append(" (service tags changeNumber ").append(network.serviceTagsChangeNumber()).append(')');
    }
    out.append("\n");
    bySource.forEach((source, count) -> out.append("  ").append(source).append(": ").append(count).append('\n'));
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"NAME", "ADDRESS PREFIX", "NEXT HOP"});
    for (Route r : network.routes().subList(0, Math.min(ROUTES_SHOWN, network.routes().size()))) {
      rows.add(new String[] {r.name(), r.addressPrefix(), r.nextHopType()});
    }
    table(out, rows);
    if (network.routes().size() > ROUTES_SHOWN) {
      out.append("  ... and ").append(network.routes().size() - ROUTES_SHOWN).append(" more (-o json lists all)\n");
    }
  }

  private static void section(StringBuilder out, String title, List<String> lines) {
    if (lines.isEmpty()) {
      return;
    }
    out.append('\n').append(title).append(":\n");
    lines.forEach(line -> out.append("  - ").append(line).append('\n'));
  }

  private static void table(StringBuilder out, List<String[]> rows) {
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder("  ");
      for (int i = 0; i < row.length; i++) {
        line.append(String.format("%-" + widths[i] + "s", row[i])).append(i < row.length - 1 ? "  " : "");
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
  }
}
