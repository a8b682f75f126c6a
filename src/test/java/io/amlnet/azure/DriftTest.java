package io.amlnet.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** What counts as a difference between what amlnet wants and what ARM returns. */
class DriftTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void readOnlyPropertiesAndDefaultsArmAddsAreNoDrift() {
    assertThat(Drift.between(
        json("{'location':'eastus2','properties':{'securityRules':[{'name':'a','properties':{'priority':100}}]}}"),
        json("{'location':'eastus2','etag':'W/1','properties':{'provisioningState':'Succeeded','defaultSecurityRules':[{'name':'x'}],"
            + "'securityRules':[{'name':'a','id':'/x/a','properties':{'priority':100,'provisioningState':'Succeeded'}}]}}")))
        .isEmpty();
  }

  @Test
  void armsRecasingOfEnumsIdsAndServiceTagsIsNoDrift() {
    assertThat(Drift.between(json("{'protocol':'Tcp','source':'Storage.EastUS2','id':'/subscriptions/ABC/x'}"),
        json("{'protocol':'TCP','source':'storage.eastus2','id':'/subscriptions/abc/x'}"))).isEmpty();
  }

  @Test
  void anAnyPortRangeEqualsAnAbsentOne() {
    assertThat(Drift.between(json("{'sourcePortRange':'*'}"), json("{'sourcePortRanges':[]}"))).isEmpty();
  }

  @Test
  void aChangedPortIsDriftNamedByRule() {
    assertThat(Drift.between(
        json("{'rules':[{'name':'ssh','properties':{'destinationPortRange':'22'}}]}"),
        json("{'rules':[{'name':'ssh','properties':{'destinationPortRange':'2222'}}]}")))
        .containsExactly("rules[ssh].properties.destinationPortRange");
  }

  @Test
  void aMissingAndAnUnwantedNamedItemAreDrift() {
    assertThat(Drift.between(json("{'routes':[{'name':'a'},{'name':'b'}]}"),
        json("{'routes':[{'name':'b'},{'name':'c'}]}")))
        .containsExactly("routes[a] missing", "routes[c] not wanted");
  }

  @Test
  void namedItemsMatchInAnyOrder() {
    assertThat(Drift.between(json("{'routes':[{'name':'a'},{'name':'b'}]}"),
        json("{'routes':[{'name':'b'},{'name':'a'}]}"))).isEmpty();
  }

  @Test
  void referencesCompareByIdAndScalarListsAsSets() {
    assertThat(Drift.between(json("{'ips':[{'id':'/A'}],'prefixes':['1','2']}"),
        json("{'ips':[{'id':'/a','extra':1}],'prefixes':['2','1']}"))).isEmpty();
    assertThat(Drift.between(json("{'ips':[{'id':'/A'}]}"), json("{'ips':[{'id':'/B'}]}"))).containsExactly("ips");
  }

  @Test
  void aTagOfAnotherValueIsDriftButExtraTagsAreNot() {
    assertThat(Drift.between(json("{'tags':{'amlnet.io/owner':'ns/a'}}"),
        json("{'tags':{'amlnet.io/owner':'ns/a','costCenter':'42'}}"))).isEmpty();
    assertThat(Drift.between(json("{'tags':{'amlnet.io/owner':'ns/a'}}"),
        json("{'tags':{'amlnet.io/owner':'ns/b'}}"))).containsExactly("tags.amlnet.io/owner");
  }

  @Test
  void numbersCompareByValue() {
    assertThat(Drift.between(json("{'priority':100,'idle':4}"), json("{'priority':100,'idle':10}")))
        .containsExactly("idle");
  }
}
