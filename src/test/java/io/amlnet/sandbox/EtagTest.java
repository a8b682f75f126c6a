package io.amlnet.sandbox;

import static io.amlnet.sandbox.EmulatorHarness.net;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every resource has an etag that changes on write; If-Match / If-None-Match give 412 when they do not hold. */
class EtagTest extends OnSharedEmulator {
  private static final String BODY = "{\"location\":\"eastus2\"}";

  @Test
  void everyWriteGivesANewEtag() {
    String first = arm.put(net("rg-net", "routeTables/etag-rt"), BODY).body().path("etag").asText();
    String second = arm.put(net("rg-net", "routeTables/etag-rt"), BODY).body().path("etag").asText();
    assertThat(first).startsWith("W/\"").isNotEqualTo(second);
    assertThat(arm.get(net("rg-net", "virtualNetworks/vnet1/subnets/training")).body().path("etag").asText()).isNotEmpty();
  }

  @Test
  void ifMatchWithAStaleEtagIs412PreconditionFailed() {
    String stale = arm.put(net("rg-net", "routeTables/stale-rt"), BODY).body().path("etag").asText();
    arm.put(net("rg-net", "routeTables/stale-rt"), BODY);
    var r = arm.send("PUT", net("rg-net", "routeTables/stale-rt"), BODY, Map.of("If-Match", stale));
    assertThat(r.status()).isEqualTo(412);
    assertThat(r.errorCode()).isEqualTo("PreconditionFailed");
    assertThat(arm.send("DELETE", net("rg-net", "routeTables/stale-rt"), null, Map.of("If-Match", stale)).status()).isEqualTo(412);
  }

  @Test
  void ifMatchWithTheCurrentEtagSucceeds() {
    String current = arm.put(net("rg-net", "routeTables/current-rt"), BODY).body().path("etag").asText();
    assertThat(arm.send("PUT", net("rg-net", "routeTables/current-rt"), BODY, Map.of("If-Match", current)).status()).isEqualTo(200);
  }

  @Test
  void ifNoneMatchStarOnAnExistingResourceIs412() {
    arm.put(net("rg-net", "routeTables/exists-rt"), BODY);
    var r = arm.send("PUT", net("rg-net", "routeTables/exists-rt"), BODY, Map.of("If-None-Match", "*"));
    assertThat(r.status()).isEqualTo(412);
  }

  @Test
  void ifMatchOnAChildComparesTheChildEtag() {
    var subnet = arm.get(net("rg-net", "virtualNetworks/vnet1/subnets/empty")).body();
    var r = arm.send("PUT", net("rg-net", "virtualNetworks/vnet1/subnets/empty"),
        "{\"properties\":{\"addressPrefix\":\"10.0.2.0/24\"}}", Map.of("If-Match", "W/\"not-the-etag\""));
    assertThat(r.status()).isEqualTo(412);
    var ok = arm.send("PUT", net("rg-net", "virtualNetworks/vnet1/subnets/empty"),
        "{\"properties\":{\"addressPrefix\":\"10.0.2.0/24\"}}", Map.of("If-Match", subnet.path("etag").asText()));
    assertThat(ok.status()).isEqualTo(200);
  }
}
