package io.amlnet.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

  /** One scalar amlnet wants and what ARM returns for it: the same value by meaning, or a change. */
  @ParameterizedTest(name = "{0}: {1} vs {2}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      durations compare by length                    | 'PT120S'         | 'PT2M'            | same
      hours and minutes compare by length            | 'PT1H30M'        | 'PT90M'           | same
      a day is 24 hours                              | 'P1D'            | 'PT24H'           | same
      a duration's letters have no case              | 'PT5M'           | 'pt5m'            | same
      another length is drift                        | 'PT120S'         | 'PT3M'            | drift
      a month has no fixed length and stays text     | 'P1M'            | 'P30D'            | drift
      a trailing space around a prefix is no drift   | '10.0.0.0/24'    | '10.0.0.0/24 '    | same
      host bits of a prefix are cleared              | '10.0.0.5/24'    | '10.0.0.0/24'     | same
      a bare address is its /32                      | '203.0.113.7'    | '203.0.113.7/32'  | same
      another prefix length is drift                 | '10.0.0.0/24'    | '10.0.0.0/16'     | drift
      another network is drift                       | '10.0.0.0/24'    | '10.0.1.0/24'     | drift
      a leading zero is ambiguous and stays text     | '010.0.0.0/24'   | '10.0.0.0/24'     | drift
      an octet over 255 is no prefix and stays text  | '10.0.0.256/24'  | '10.0.1.0/24'     | drift
      protocol enums have no case                    | 'Tcp'            | 'TCP'             | same
      access enums have no case                      | 'Allow'          | 'allow'           | same
      another enum value is drift                    | 'Allow'          | 'Deny'            | drift
      resource IDs have no case                      | '/subscriptions/6F1E/resourceGroups/RG-AML/providers/Microsoft.Network/routeTables/rt' | '/subscriptions/6f1e/resourcegroups/rg-aml/providers/microsoft.network/routetables/rt' | same
      another resource ID is drift                   | '/subscriptions/6f1e/resourceGroups/rg/providers/Microsoft.Network/routeTables/a' | '/subscriptions/6f1e/resourceGroups/rg/providers/Microsoft.Network/routeTables/b' | drift
      service tags have no case                      | 'Storage.EastUS2' | 'storage.eastus2' | same
      a number equals its text                       | 4                | '4'               | same
      a number equals its decimal spelling           | 1                | 1.0               | same
      another number is drift                        | 4                | 10                | drift
      """)
  void scalarsCompareByMeaning(String behaviour, String desired, String actual, String expected) {
    assertThat(Drift.between(json("{'v':" + desired + "}"), json("{'v':" + actual + "}")))
        .as(behaviour).hasSize(expected.equals("same") ? 0 : 1);
  }

  @Test
  void scalarListsCompareAsSetsOfMeanings() {
    assertThat(Drift.between(json("{'prefixes':['10.0.0.5/24','203.0.113.7']}"),
        json("{'prefixes':['203.0.113.7/32','10.0.0.0/24']}"))).isEmpty();
  }

  @Test
  void aTagNameArmReCasedIsNoDrift() {
    assertThat(Drift.between(json("{'tags':{'amlnet.io/owner':'ns/a'}}"), json("{'tags':{'Amlnet.io/Owner':'ns/a'}}")))
        .isEmpty();
  }

  @Test
  void computeCredentialsAmlNeverReturnsAreNoDrift() {
    assertThat(Drift.between(
        json("{'properties':{'properties':{'sshPort':22,'administratorAccount':{'username':'azureuser','password':'x'}}}}"),
        json("{'properties':{'properties':{'sshPort':22}}}"))).isEmpty();
    assertThat(Drift.between(json("{'properties':{'properties':{'databricksAccessToken':'x'}}}"),
        json("{'properties':{'properties':{}}}"))).isEmpty();
  }
}
