package io.amlnet.sandbox;

import static io.amlnet.sandbox.EmulatorHarness.group;
import static io.amlnet.sandbox.EmulatorHarness.net;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Request recording (Java API and /_sandbox/requests), reset, and world changes for drift tests. */
class ObservationAndAdminTest {
  private EmulatorHarness arm;

  @BeforeEach
  void start() {
    arm = new EmulatorHarness();
  }

  @AfterEach
  void stop() {
    arm.close();
  }

  private EmulatorHarness.Reply admin(String method, String path, String body) {
    return arm.sendRaw(method, arm.emulator.baseUrl() + path, body, Map.of());
  }

  @Test
  void everyRequestIsRecordedWithTimeMethodPathStatusAndLatency() {
    arm.get(net("rg-net", "virtualNetworks/vnet1"));
    arm.get(net("rg-net", "virtualNetworks/nope"));
    List<RequestLog.Entry> log = arm.emulator.requests().entries();
    assertThat(log).hasSize(2);
    assertThat(log.get(1).method()).isEqualTo("GET");
    assertThat(log.get(1).path()).endsWith("/virtualNetworks/nope");
    assertThat(log.get(1).status()).isEqualTo(404);
    assertThat(log.get(1).latencyMs()).isPositive();
    assertThat(log.get(1).time()).isNotNull();
  }

  @Test
  void countsOfReadsWritesDeletesAndThrottlesAreReadFromTheJavaApi() {
    arm.get(net("rg-net", "virtualNetworks/vnet1"));
    arm.put(net("rg-net", "routeTables/counted"), "{\"location\":\"eastus2\"}");
    arm.delete(net("rg-net", "routeTables/counted"));
    var counts = arm.emulator.counts();
    assertThat(counts.reads()).isEqualTo(1);
    assertThat(counts.writes()).isEqualTo(1);
    assertThat(counts.deletes()).isEqualTo(1);
    assertThat(counts.throttled()).isZero();
  }

  @Test
  void adminEndpointReportsCountsAndRequests() {
    arm.get(net("rg-net", "virtualNetworks/vnet1"));
    var r = admin("GET", "/_sandbox/requests", null);
    assertThat(r.body().path("counts").path("reads").asInt()).isEqualTo(1);
    assertThat(r.body().path("requests").get(0).path("status").asInt()).isEqualTo(200);
  }

  @Test
  void resetRestoresTheWorldAndClearsTheLog() {
    arm.put(net("rg-net", "routeTables/temporary"), "{\"location\":\"eastus2\"}");
    assertThat(admin("POST", "/_sandbox/reset", "").status()).isEqualTo(200);
    assertThat(arm.emulator.counts().total()).isZero();
    assertThat(arm.get(net("rg-net", "routeTables/temporary")).status()).isEqualTo(404);
    assertThat(arm.get(net("rg-net", "virtualNetworks/vnet1")).status()).isEqualTo(200);
  }

  @Test
  void driftWrittenThroughTheAdminEndpointIsSeenByArmWithANewEtag() {
    var created = arm.put(net("rg-net", "networkSecurityGroups/drifting"), "{\"location\":\"eastus2\"}");
    String id = created.body().path("id").asText();
    String drifted = "{\"location\":\"eastus2\",\"properties\":{\"securityRules\":[{\"name\":\"portal-rule\",\"properties\":"
        + "{\"priority\":100,\"direction\":\"Inbound\",\"protocol\":\"*\",\"access\":\"Allow\",\"sourceAddressPrefix\":\"*\","
        + "\"sourcePortRange\":\"*\",\"destinationAddressPrefix\":\"*\",\"destinationPortRange\":\"*\"}}]}}";
    assertThat(admin("PUT", "/_sandbox/world/resource?id=" + id, drifted).status()).isEqualTo(200);
    var read = arm.get(net("rg-net", "networkSecurityGroups/drifting")).body();
    assertThat(read.path("properties").path("securityRules").findValuesAsText("name")).containsExactly("portal-rule");
    assertThat(read.path("etag").asText()).isNotEqualTo(created.body().path("etag").asText());
  }

  @Test
  void serviceTagChangeNumberBumpIsSeenByArm() {
    var body = "{\"name\":\"AzureMachineLearning.EastUS2\",\"addressPrefixes\":[\"40.70.146.96/28\"]}";
    assertThat(admin("POST", "/_sandbox/world/service-tags/bump", body).status()).isEqualTo(200);
    var tags = arm.get("/subscriptions/" + EmulatorHarness.SUB + "/providers/Microsoft.Network/locations/eastus2/serviceTags").body();
    assertThat(tags.path("changeNumber").asText()).isEqualTo("8");
    for (var t : tags.path("values")) {
      if (t.path("name").asText().equals("AzureMachineLearning.EastUS2")) {
        assertThat(t.path("properties").path("changeNumber").asText()).isEqualTo("2");
        assertThat(t.path("properties").path("addressPrefixes").get(0).asText()).isEqualTo("40.70.146.96/28");
      }
    }
  }

  @Test
  void policyCanBeSwitchedThroughTheAdminEndpoint() {
    String pip = group("rg-policy") + "/providers/Microsoft.Network/publicIPAddresses/p";
    assertThat(arm.put(pip, "{\"location\":\"eastus2\"}").status()).isEqualTo(403);
    admin("POST", "/_sandbox/world/policies/deny-public-ip", "{\"enabled\":false}");
    assertThat(arm.put(pip, "{\"location\":\"eastus2\"}").status()).isEqualTo(201);
  }

  @Test
  void adminRequestsAreNotCounted() {
    admin("GET", "/_sandbox/requests", null);
    assertThat(arm.emulator.counts().total()).isZero();
  }
}
