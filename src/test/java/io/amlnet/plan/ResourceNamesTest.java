package io.amlnet.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResourceNamesTest {

  @Test
  void namesDeriveFromNamespaceAndName() {
    assertThat(ResourceNames.networkSecurityGroup("ml-team", "udr")).isEqualTo("amlnet-ml-team-udr-nsg");
    assertThat(ResourceNames.routeTable("ml-team", "udr")).isEqualTo("amlnet-ml-team-udr-rt");
  }

  @Test
  void longNamesFitAzuresLimitAndStayDistinct() {
    String ns = "n".repeat(63);
    String a = ResourceNames.natPublicIp(ns, "a".repeat(60) + "1");
    String b = ResourceNames.natPublicIp(ns, "a".repeat(60) + "2");
    assertThat(a).hasSizeLessThanOrEqualTo(80).endsWith("-natgw-pip").isNotEqualTo(b);
    assertThat(b).hasSizeLessThanOrEqualTo(80);
  }

  @Test
  void theSameObjectAlwaysGetsTheSameName() {
    String ns = "n".repeat(63);
    assertThat(ResourceNames.natGateway(ns, "x".repeat(63))).isEqualTo(ResourceNames.natGateway(ns, "x".repeat(63)));
  }
}
