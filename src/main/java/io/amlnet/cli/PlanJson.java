package io.amlnet.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlnet.azure.PendingWrites;
import io.amlnet.plan.ArmWrite;
import io.amlnet.plan.Finding;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The machine form of a plan: {"writes": [...], "findings": [...], "assumedFacts": [...], "notes": [...]},
 * and with facts (--facts, --live) "changes": the writes Azure does not satisfy, field by field.
 */
final class PlanJson {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PlanJson() {}

  /** A write Azure does not satisfy, with each field as {field, expected, actual}. */
  private static void change(ObjectNode c, String environment, PendingWrites.PendingWrite change) {
    c.put("environment", environment).put("action", PlanTable.verb(change).substring(2))
        .put("method", change.write().method()).put("id", change.write().id());
    if (change.foreign()) {
      c.put("foreign", true);
    }
    ArrayNode fields = c.putArray("differences");
    change.differences().forEach(d -> fields.addObject().put("field", d.field()).put("expected", d.expected())
        .put("actual", d.actual()));
  }

  static String render(List<PlanCommand.PlannedEnvironment> plans) {
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode writes = root.putArray("writes");
    ArrayNode findings = root.putArray("findings");
    ArrayNode changes = plans.stream().anyMatch(p -> p.pending() != null) ? root.putArray("changes") : null;
    Set<String> assumed = new LinkedHashSet<>();
    Set<String> notes = new LinkedHashSet<>();
    for (PlanCommand.PlannedEnvironment planned : plans) {
      for (ArmWrite write : planned.plan().writes()) {
        ObjectNode w = writes.addObject();
        w.put("method", write.method()).put("id", write.id()).put("apiVersion", write.apiVersion());
        w.set("body", write.body());
      }
      if (changes != null && planned.pending() != null) {
        planned.pending().forEach(change -> change(changes.addObject(), planned.environment(), change));
      }
      for (Finding finding : planned.plan().findings()) {
        ObjectNode f = findings.addObject().put("environment", planned.environment())
            .put("requirement", finding.requirement()).put("severity", finding.severity().name())
            .put("message", finding.message());
        if (finding.compute() != null) {
          f.put("compute", finding.compute());
        }
      }
      assumed.addAll(planned.plan().assumedFacts());
      planned.plan().notes().forEach(n -> notes.add(planned.environment() + ": " + n));
    }
    assumed.forEach(root.putArray("assumedFacts")::add);
    notes.forEach(root.putArray("notes")::add);
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a plan is always serializable", e);
    }
  }
}
