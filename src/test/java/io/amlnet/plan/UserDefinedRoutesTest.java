package io.amlnet.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlnet.api.ForcedTunneling.PrefixMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Forced tunnelling with user-defined routes (R16). */
class UserDefinedRoutesTest {

  private static List<String> prefixesOf(Scenario scenario, String tag) {
    List<String> prefixes = new ArrayList<>();
    for (JsonNode value : scenario.facts.path("serviceTags").path("values")) {
      if (value.path("name").asText().equals(tag)) {
        value.path("properties").path("addressPrefixes").forEach(p -> prefixes.add(p.asText()));
      }
    }
    return prefixes;
  }

  private static ArrayNode prefixesNode(Scenario scenario, String tag) {
    for (JsonNode value : scenario.facts.withObject("serviceTags").withArray("values")) {
      if (value.path("name").asText().equals(tag)) {
        return ((ObjectNode) value.path("properties")).withArray("addressPrefixes");
      }
    }
    throw new IllegalArgumentException(tag);
  }

  @Test
  void r16_ipPrefixesRouteEveryPrefixOfBatchAndAzureMlInThePrimaryAndPairedRegionToTheInternet() {
    Scenario scenario = new Scenario().udr(PrefixMode.IpPrefixes, "auto");
    List<String> expected = new ArrayList<>();
    for (String tag : List.of("BatchNodeManagement.EastUS2", "AzureMachineLearning.EastUS2",
        "BatchNodeManagement.CentralUS", "AzureMachineLearning.CentralUS")) {
      prefixesOf(scenario, tag).stream().filter(p -> !expected.contains(p)).forEach(expected::add);
    }
    List<Route> routes = scenario.plan().network().routes();
    assertThat(routes).extracting(Route::addressPrefix).containsExactlyElementsOf(expected);
    assertThat(routes).allMatch(r -> r.nextHopType().equals("Internet"));
  }

  @Test
  void r16_secondaryRegionAutoComesFromAzuresPairTable() {
    assertThat(new Scenario().udr(PrefixMode.ServiceTags, "auto").plan().network().routes())
        .extracting(Route::addressPrefix)
        .containsExactly("BatchNodeManagement.EastUS2", "AzureMachineLearning.EastUS2",
            "BatchNodeManagement.CentralUS", "AzureMachineLearning.CentralUS");
  }

  @Test
  void r16_aNamedSecondaryRegionOverridesThePair() {
    Scenario scenario = new Scenario().udr(PrefixMode.ServiceTags, "westus2");
    scenario.withFacts = false;
    assertThat(scenario.plan().network().routes()).extracting(Route::addressPrefix)
        .contains("BatchNodeManagement.westus2", "AzureMachineLearning.westus2");
  }

  @Test
  void r16_aPrefixListedTwiceIsRoutedOnce() {
    Scenario scenario = new Scenario().udr(PrefixMode.IpPrefixes, "auto");
    prefixesNode(scenario, "AzureMachineLearning.CentralUS").add("20.44.16.224/29");
    List<Route> routes = scenario.plan().network().routes();
    assertThat(routes).extracting(Route::addressPrefix).doesNotHaveDuplicates().contains("20.44.16.224/29");
    assertThat(routes).extracting(Route::name).doesNotHaveDuplicates();
  }

  @Test
  void r16_routeNamesAreStableWhenOtherPrefixesComeAndGo() {
    Scenario before = new Scenario().udr(PrefixMode.IpPrefixes, "auto");
    Scenario after = new Scenario().udr(PrefixMode.IpPrefixes, "auto");
    prefixesNode(after, "BatchNodeManagement.EastUS2").insert(0, "198.51.100.0/24");
    Route routeBefore = before.plan().network().routes().stream()
        .filter(r -> r.addressPrefix().equals("52.167.106.80/29")).findFirst().orElseThrow();
    assertThat(after.plan().network().routes()).contains(routeBefore);
    assertThat(routeBefore.name()).isEqualTo("amlnet-52-167-106-80-29");
  }

  @Test
  void r16_ipv6PrefixesGetNamesThatAzureAccepts() {
    assertThat(RoutePlanner.routeName("2603:1030:40c::3c0/122")).isEqualTo("amlnet-2603_1030_40c__3c0-122")
        .matches("^[a-zA-Z0-9][-a-zA-Z0-9._]{0,78}[a-zA-Z0-9_]$");
  }

  @Test
  void r16_moreThan400RoutesIsBlockingAndNeverSilentlyCut() {
    Scenario scenario = new Scenario().udr(PrefixMode.IpPrefixes, "auto");
    ArrayNode prefixes = prefixesNode(scenario, "BatchNodeManagement.EastUS2");
    for (int i = 0; i < 400; i++) {
      prefixes.add("100.64." + (i / 256) + "." + (i % 256) + "/32");
    }
    Plan plan = scenario.plan();
    assertThat(plan.network().routes()).hasSizeGreaterThan(400);
    assertThat(plan.findings()).anyMatch(f -> f.isBlocking() && f.requirement().equals("R16")
        && f.message().contains("at most 400"));
  }

  @Test
  void r16_ipPrefixesWithoutAServiceTagListIsBlocking() {
    Scenario scenario = new Scenario().udr(PrefixMode.IpPrefixes, "auto");
    scenario.withFacts = false;
    assertThat(scenario.plan().findings()).anyMatch(f -> f.isBlocking() && f.requirement().equals("R16"));
  }

  @Test
  void r16_aRegionWithoutAPairNeedsANamedSecondaryRegion() {
    Scenario scenario = new Scenario().udr(PrefixMode.ServiceTags, "auto");
    scenario.region = "nowhere1";
    assertThat(scenario.plan().findings()).contains(Finding.blocking("R16", "region nowhere1 has no paired region"
        + " in Azure's table; set spec.forcedTunneling.secondaryRegion"));
  }

  @Test
  void r16_theRouteTableIsWrittenWithItsRoutesAndAssociatedWithTheSubnet() {
    Plan plan = new Scenario().udr(PrefixMode.ServiceTags, "auto").plan();
    ArmWrite table = plan.writes().stream()
        .filter(w -> w.resourceType().equals("Microsoft.Network/routeTables")).findFirst().orElseThrow();
    assertThat(table.body().path("properties").path("routes")).hasSize(4);
    assertThat(table.body().path("properties").path("routes").get(0).path("properties").path("nextHopType").asText())
        .isEqualTo("Internet");
    ArmWrite subnet = plan.writes().stream()
        .filter(w -> w.resourceType().equals("Microsoft.Network/virtualNetworks/subnets")).findFirst().orElseThrow();
    assertThat(subnet.body().path("properties").path("routeTable").path("id").asText()).isEqualTo(table.id());
  }

  @Test
  void r16_storageTrafficOnTheApplianceIsReportedAsSomethingAmlnetCannotFix() {
    assertThat(new Scenario().udr(PrefixMode.ServiceTags, "auto").plan().findings())
        .extracting(Finding::requirement, Finding::severity)
        .contains(tuple("R16", Finding.Severity.Warning));
  }

  @Test
  void r16_theStatusCarriesTheServiceTagChangeNumber() {
    assertThat(new Scenario().udr(PrefixMode.IpPrefixes, "auto").plan().network().serviceTagsChangeNumber())
        .isEqualTo("118");
  }
}
