package io.amlnet.sandbox;

import static io.amlnet.sandbox.EmulatorHarness.group;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PolicyInsights checkPolicyRestrictions: which deny policies would refuse a resource, before it is written. */
class PolicyRestrictionsTest {
  private static final String CHECK = "/providers/Microsoft.PolicyInsights/checkPolicyRestrictions?api-version=2022-03-01";
  private static final String PUBLIC_IP = "{\"resourceDetails\":{\"resourceContent\":{\"type\":"
      + "\"Microsoft.Network/publicIPAddresses\",\"location\":\"eastus2\"},\"apiVersion\":\"2024-05-01\"}}";
  private EmulatorHarness arm;

  @BeforeEach
  void start() {
    arm = new EmulatorHarness();
  }

  @AfterEach
  void stop() {
    arm.close();
  }

  private EmulatorHarness.Reply check(String resourceGroup, String body) {
    return arm.send("POST", group(resourceGroup) + CHECK, body, Map.of());
  }

  @Test
  void aDenyPolicyAtTheScopeIsReportedNonCompliantWithItsAssignment() {
    EmulatorHarness.Reply reply = check("rg-policy", PUBLIC_IP);
    assertThat(reply.status()).isEqualTo(200);
    JsonNode evaluation = reply.body().path("contentEvaluationResult").path("policyEvaluations").path(0);
    assertThat(evaluation.path("evaluationResult").asText()).isEqualTo("NonCompliant");
    assertThat(evaluation.path("effectDetails").path("policyEffect").asText()).isEqualTo("Deny");
    assertThat(evaluation.path("policyInfo").path("policyAssignmentId").asText())
        .contains("/providers/Microsoft.Authorization/policyAssignments/");
  }

  @Test
  void aScopeNoDenyPolicyCoversHasNoEvaluation() {
    EmulatorHarness.Reply reply = check("rg-net", PUBLIC_IP);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body().path("contentEvaluationResult").path("policyEvaluations")).isEmpty();
  }

  @Test
  void aResourceTypeNoPolicyDeniesHasNoEvaluation() {
    EmulatorHarness.Reply reply = check("rg-policy", PUBLIC_IP.replace("publicIPAddresses", "routeTables"));
    assertThat(reply.body().path("contentEvaluationResult").path("policyEvaluations")).isEmpty();
  }

  @Test
  void aCheckWithoutAResourceTypeIsABadRequest() {
    EmulatorHarness.Reply reply = check("rg-policy", "{\"resourceDetails\":{}}");
    assertThat(reply.status()).isEqualTo(400);
  }

  @Test
  void aCheckChangesNothingAndCountsAsARead() {
    check("rg-policy", PUBLIC_IP);
    assertThat(arm.emulator.counts().writes()).isZero();
    assertThat(arm.emulator.counts().reads()).isEqualTo(1);
  }
}
