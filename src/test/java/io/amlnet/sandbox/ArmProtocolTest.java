package io.amlnet.sandbox;

import static io.amlnet.sandbox.EmulatorHarness.group;
import static io.amlnet.sandbox.EmulatorHarness.net;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** ARM's request/response contract: auth, api-version, status codes, error bodies, list, PATCH tags. */
class ArmProtocolTest extends OnSharedEmulator {
  private static final String NSG_BODY = "{\"location\":\"eastus2\",\"properties\":{\"securityRules\":[]}}";

  @Test
  void requestWithoutBearerTokenIs401AuthenticationFailed() {
    var r = arm.sendRaw("GET", arm.emulator.baseUrl() + net("rg-net", "virtualNetworks/vnet1") + "?api-version=2024-05-01", null, Map.of());
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.errorCode()).isEqualTo("AuthenticationFailed");
    assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
  }

  @Test
  void requestWithoutApiVersionIs400MissingApiVersionParameter() {
    var r = arm.sendRaw("GET", arm.emulator.baseUrl() + net("rg-net", "virtualNetworks/vnet1"), null,
        Map.of("Authorization", "Bearer t"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("MissingApiVersionParameter");
  }

  @Test
  void apiVersionsThatClientsSendAreAcceptedAndOthersRefused() {
    for (String v : new String[] {"2024-07-01", "2024-05-01", "2024-03-01"}) {
      assertThat(arm.get(net("rg-net", "virtualNetworks/vnet1") + "?api-version=" + v).status()).as(v).isEqualTo(200);
    }
    var r = arm.get(net("rg-net", "virtualNetworks/vnet1") + "?api-version=1999-01-01");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("NoRegisteredProviderFound");
  }

  @Test
  void putAnswers201WhenCreatedAnd200WhenUpdated() {
    assertThat(arm.put(net("rg-net", "networkSecurityGroups/status-nsg"), NSG_BODY).status()).isEqualTo(201);
    assertThat(arm.put(net("rg-net", "networkSecurityGroups/status-nsg"), NSG_BODY).status()).isEqualTo(200);
  }

  @Test
  void missingResourceIs404ResourceNotFoundInArmErrorShape() {
    var r = arm.get(net("rg-net", "networkSecurityGroups/nope"));
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.errorCode()).isEqualTo("ResourceNotFound");
    assertThat(r.body().path("error").path("message").asText()).contains("nope");
  }

  @Test
  void missingResourceGroupIs404ResourceGroupNotFound() {
    var r = arm.put(net("rg-missing", "networkSecurityGroups/n1"), NSG_BODY);
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.errorCode()).isEqualTo("ResourceGroupNotFound");
  }

  @Test
  void missingChildIs404ResourceNotFound() {
    var r = arm.get(net("rg-net", "virtualNetworks/vnet1/subnets/nope"));
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.errorCode()).isEqualTo("ResourceNotFound");
  }

  @Test
  void putWithoutLocationIs400LocationRequired() {
    var r = arm.put(net("rg-net", "routeTables/no-location"), "{\"properties\":{}}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("LocationRequired");
  }

  @Test
  void inlineChildWithoutANameIs400InvalidRequestFormat() {
    var r = arm.put(net("rg-net", "routeTables/unnamed-route"),
        "{\"location\":\"eastus2\",\"properties\":{\"routes\":[{\"properties\":{\"addressPrefix\":\"10.0.0.0/8\",\"nextHopType\":\"None\"}}]}}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("InvalidRequestFormat");
  }

  @Test
  void resourcesAreListedByResourceGroup() {
    arm.put(net("rg-net", "routeTables/listed-rt"), "{\"location\":\"eastus2\"}");
    var r = arm.get(net("rg-net", "routeTables"));
    assertThat(r.body().path("value").findValuesAsText("name")).contains("listed-rt");
  }

  @Test
  void patchReplacesTagsOnly() {
    arm.put(net("rg-net", "routeTables/tagged-rt"), "{\"location\":\"eastus2\",\"tags\":{\"a\":\"1\"},\"properties\":{\"disableBgpRoutePropagation\":true}}");
    var r = arm.send("PATCH", net("rg-net", "routeTables/tagged-rt"), "{\"tags\":{\"b\":\"2\"}}", Map.of());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().path("tags").toString()).isEqualTo("{\"b\":\"2\"}");
    assertThat(r.body().path("properties").path("disableBgpRoutePropagation").asBoolean()).isTrue();
  }

  @Test
  void seededReadOnlyTypesAreServedByGet() {
    for (String path : new String[] {"Microsoft.Compute/virtualMachines/vm-ubuntu", "Microsoft.HDInsight/clusters/hdi1",
        "Microsoft.Databricks/workspaces/dbw1", "Microsoft.Storage/storageAccounts/st1",
        "Microsoft.MachineLearningServices/workspaces/ws1"}) {
      var r = arm.get(group("rg-ml") + "/providers/" + path + "?api-version=2024-10-01");
      assertThat(r.status()).as(path).isEqualTo(200);
      assertThat(r.body().path("etag").asText()).isNotEmpty();
    }
  }

  @Test
  void resourceGroupIsReadable() {
    var r = arm.get(group("rg-net") + "?api-version=2021-04-01");
    assertThat(r.body().path("location").asText()).isEqualTo("eastus2");
  }
}
