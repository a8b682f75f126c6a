package io.amlnet.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The R16 secondary region, from Microsoft's pair table (one-directional pairs as it says). */
class RegionPairsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "eastus2, centralus",
      "centralus, eastus2",
      "westus3, eastus",
      "eastus, westus",
      "brazilsouth, southcentralus",
      "southcentralus, northcentralus",
      "northeurope, westeurope",
      "EastUS2, centralus",
  })
  void r16_pairedRegion(String region, String pair) {
    assertThat(RegionPairs.published().pairOf(region)).contains(pair);
  }

  @ParameterizedTest
  @CsvSource({"nowhere1", "qatarcentral"})
  void r16_regionsWithoutAPair(String region) {
    assertThat(RegionPairs.published().pairOf(region)).isEmpty();
  }
}
