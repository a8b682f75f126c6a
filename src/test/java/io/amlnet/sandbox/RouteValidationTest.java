package io.amlnet.sandbox;

import static io.amlnet.sandbox.EmulatorHarness.net;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The Network RP's route validation. */
class RouteValidationTest extends OnSharedEmulator {

  static ObjectNode table(int count, String prefix, String nextHop) {
    ObjectNode body = Json.object();
    body.put("location", "eastus2");
    ArrayNode routes = body.putObject("properties").putArray("routes");
    for (int i = 0; i < count; i++) {
      ObjectNode p = routes.addObject().put("name", "r" + i).putObject("properties");
      p.put("addressPrefix", count == 1 ? prefix : "10." + (i / 256) + "." + (i % 256) + ".0/24");
      p.put("nextHopType", nextHop);
    }
    return body;
  }

  private static EmulatorHarness.Reply putTable(String name, ObjectNode body) {
    return arm.put(net("rg-net", "routeTables/" + name), body);
  }

  @Test
  void nextHopTypeMustBeItsEnum() {
    assertThat(putTable("bad-hop", table(1, "10.0.0.0/8", "Teleport")).errorCode()).isEqualTo("InvalidRouteNextHopType");
    for (String hop : new String[] {"VirtualNetworkGateway", "VnetLocal", "Internet", "None"}) {
      assertThat(putTable("hop-" + hop, table(1, "10.0.0.0/8", hop)).status()).as(hop).isEqualTo(201);
    }
  }

  @Test
  void serviceTagIsAllowedAsAddressPrefix() {
    assertThat(putTable("tag-route", table(1, "AzureMachineLearning.EastUS2", "Internet")).status()).isEqualTo(201);
  }

  @Test
  void addressPrefixMustBeACidrOrAServiceTag() {
    assertThat(putTable("bad-prefix", table(1, "not-a-prefix", "Internet")).errorCode()).isEqualTo("InvalidRouteAddressPrefix");
  }

  @Test
  void virtualApplianceNeedsANextHopIpAddress() {
    assertThat(putTable("nva", table(1, "0.0.0.0/0", "VirtualAppliance")).errorCode()).isEqualTo("InvalidNextHopIpAddress");
    ObjectNode ok = table(1, "0.0.0.0/0", "VirtualAppliance");
    ((ObjectNode) ok.path("properties").path("routes").get(0).path("properties")).put("nextHopIpAddress", "10.0.0.4");
    assertThat(putTable("nva-ok", ok).status()).isEqualTo(201);
  }

  @Test
  void atMost400RoutesPerTable() {
    assertThat(putTable("full", table(400, null, "Internet")).status()).isEqualTo(201);
    assertThat(putTable("over", table(401, null, "Internet")).errorCode()).isEqualTo("RouteTableRouteLimitReached");
  }

  @Test
  void the401stRouteAddedAsAChildIsRefused() {
    putTable("full-child", table(400, null, "Internet"));
    var r = arm.put(net("rg-net", "routeTables/full-child/routes/one-more"),
        "{\"properties\":{\"addressPrefix\":\"172.16.0.0/12\",\"nextHopType\":\"Internet\"}}");
    assertThat(r.errorCode()).isEqualTo("RouteTableRouteLimitReached");
  }
}
