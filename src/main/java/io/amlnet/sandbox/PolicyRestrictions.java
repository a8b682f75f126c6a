package io.amlnet.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * {@code POST {scope}/providers/Microsoft.PolicyInsights/checkPolicyRestrictions} (api-version
 * 2022-03-01): which of the world's deny policies would refuse the given resource content at the
 * scope, in the shape of Microsoft's PolicyRestrictions_CheckAtResourceGroupScope example. The world
 * knows deny policies by resource type only, so the evaluation is one "type equals" expression.
 */
final class PolicyRestrictions {
  static final String PATH_SUFFIX = "/providers/microsoft.policyinsights/checkpolicyrestrictions";

  private PolicyRestrictions() {}

  static boolean isCheck(String path) {
    return path.toLowerCase(Locale.ROOT).endsWith(PATH_SUFFIX);
  }

  static ArmResponse handle(ArmCall call) {
    if (!call.method().equals("POST") || !isCheck(call.request().path())) {
      throw new ArmError(404, "InvalidResourceType", "Microsoft.PolicyInsights serves only POST checkPolicyRestrictions here.");
    }
    String type = call.request().jsonObject().path("resourceDetails").path("resourceContent").path("type").asText("");
    if (type.isEmpty()) {
      throw ArmError.badRequest("InvalidCheckRestrictionsRequest", "resourceDetails.resourceContent.type is required.");
    }
    String scope = call.id().scope();
    ObjectNode body = Json.object();
    body.putArray("fieldRestrictions");
    ArrayNode evaluations = body.putObject("contentEvaluationResult").putArray("policyEvaluations");
    for (ObjectNode policy : call.world().policies()) {
      boolean enabled = policy.path("enabled").asBoolean(true);
      boolean deny = policy.path("effect").asText("Deny").equalsIgnoreCase("Deny");
      if (!enabled || !deny || !policy.path("resourceType").asText().equalsIgnoreCase(type)
          || !Governance.within(scope, policy.path("scope").asText())) {
        continue;
      }
      String authorization = policy.path("scope").asText() + "/providers/Microsoft.Authorization/";
      ObjectNode evaluation = evaluations.addObject();
      evaluation.putObject("policyInfo")
          .put("policyDefinitionId", authorization + "policyDefinitions/" + policy.path("name").asText())
          .put("policyAssignmentId", authorization + "policyAssignments/" + policy.path("name").asText());
      evaluation.put("evaluationResult", "NonCompliant");
      evaluation.putObject("evaluationDetails").putArray("evaluatedExpressions").addObject()
          .put("result", "True").put("expressionKind", "field").put("expression", "type").put("path", "type")
          .put("expressionValue", type.toLowerCase(Locale.ROOT))
          .put("targetValue", policy.path("resourceType").asText().toLowerCase(Locale.ROOT)).put("operator", "equals");
      evaluation.putObject("effectDetails").put("policyEffect", "Deny");
    }
    return ArmResponse.of(200, body);
  }
}
