package io.amlnet.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlnet.api.TrainingComputeSpec.ComputeKind;
import io.amlnet.azure.ArmException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The attach body as sent to AML: the Secret's values in the places the ML REST spec gives them. */
class AttachCredentialsTest {
  private static final String VALUE = "sandbox-only-not-a-secret";

  private static ObjectNode planned(String computeType, String field) {
    try {
      return (ObjectNode) new ObjectMapper().readTree("{\"properties\":{\"computeType\":\"" + computeType
          + "\",\"properties\":{\"sshPort\":22,\"" + field + "\":\"<from secret creds>\"}}}");
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static JsonNode inner(ObjectNode body) {
    return body.path("properties").path("properties");
  }

  @Test
  void aVirtualMachineGetsItsUsernameAndPasswordAsAdministratorAccount() {
    ObjectNode body = AttachCredentials.withValues(ComputeKind.VirtualMachine, planned("VirtualMachine",
        "administratorAccount"), "creds", Map.of("username", "azureuser", "password", VALUE));
    assertThat(inner(body).path("administratorAccount").toString())
        .isEqualTo("{\"username\":\"azureuser\",\"password\":\"" + VALUE + "\"}");
    assertThat(inner(body).path("sshPort").asInt()).isEqualTo(22);
  }

  @Test
  void anSshKeyGoesToPrivateKeyDataAndPublicKeyData() {
    JsonNode account = inner(AttachCredentials.withValues(ComputeKind.HDInsight, planned("HDInsight",
        "administratorAccount"), "creds", Map.of("username", "sshuser", "privateKey", "PRIVATE", "publicKey", "PUBLIC")))
        .path("administratorAccount");
    assertThat(account.path("privateKeyData").asText()).isEqualTo("PRIVATE");
    assertThat(account.path("publicKeyData").asText()).isEqualTo("PUBLIC");
    assertThat(account.has("password")).isFalse();
  }

  @Test
  void databricksGetsItsAccessToken() {
    ObjectNode body = AttachCredentials.withValues(ComputeKind.Databricks, planned("Databricks", "databricksAccessToken"),
        "creds", Map.of("accessToken", VALUE));
    assertThat(inner(body).path("databricksAccessToken").asText()).isEqualTo(VALUE);
  }

  @Test
  void thePlannedBodyKeepsItsPlaceholder() {
    ObjectNode planned = planned("VirtualMachine", "administratorAccount");
    AttachCredentials.withValues(ComputeKind.VirtualMachine, planned, "creds", Map.of("username", "u", "password", VALUE));
    assertThat(inner(planned).path("administratorAccount").asText()).isEqualTo("<from secret creds>");
  }

  @Test
  void aLoginWithoutPasswordOrPrivateKeyIsInvalidNamingTheKeysNotTheValues() {
    ArmException e = catchThrowableOfType(ArmException.class, () -> AttachCredentials.withValues(
        ComputeKind.VirtualMachine, planned("VirtualMachine", "administratorAccount"), "creds",
        Map.of("username", VALUE)));
    assertThat(e.code()).isEqualTo("CredentialSecretInvalid");
    assertThat(e.getMessage()).contains("secret creds", "password", "privateKey").doesNotContain(VALUE);
  }

  @Test
  void aMissingAccessTokenIsInvalidNamingTheKey() {
    ArmException e = catchThrowableOfType(ArmException.class, () -> AttachCredentials.withValues(
        ComputeKind.Databricks, planned("Databricks", "databricksAccessToken"), "creds", Map.of("token", VALUE)));
    assertThat(e.code()).isEqualTo("CredentialSecretInvalid");
    assertThat(e.getMessage()).contains("secret creds", "no key accessToken").doesNotContain(VALUE);
  }
}
