package io.amlnet.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlnet.plan.ArmWrite;
import io.amlnet.plan.Finding;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The machine form of a plan: {"writes": [...], "findings": [...], "assumedFacts": [...], "notes": [...]}. */
final class PlanJson {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PlanJson() {}

  static String render(List<PlanCommand.PlannedEnvironment> plans) {
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode writes = root.putArray("writes");
    ArrayNode findings = root.putArray("findings");
    Set<String> assumed = new LinkedHashSet<>();
    Set<String> notes = new LinkedHashSet<>();
    for (PlanCommand.PlannedEnvironment planned : plans) {
      for (ArmWrite write : planned.plan().writes()) {
        ObjectNode w = writes.addObject();
        w.put("method", write.method()).put("id", write.id()).put("apiVersion", write.apiVersion());
        w.set("body", write.body());
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
