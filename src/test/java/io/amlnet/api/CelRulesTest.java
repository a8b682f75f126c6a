package io.amlnet.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The CRD's CEL rules as the API server runs them on create. */
class CelRulesTest {
  private static JsonNode schema(String crd) throws IOException {
    return new YAMLMapper().readTree(Path.of("crds", crd).toFile())
        .path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema");
  }

  private static JsonNode object(String yaml) throws IOException {
    return new YAMLMapper().readTree(yaml);
  }

  @Test
  void aRuleWithOptionalOldSelfRunsOnCreateWithoutAnOldObject() throws IOException {
    assertThat(CelRules.validate(schema("trainingcomputes.amlnet.io-v1.yml"), object("metadata: {name: cpu}"), ""))
        .containsExactly("spec is required");
  }

  @Test
  void transitionRulesAreLeftToUpdates() throws IOException {
    JsonNode cluster = object("""
        metadata: {name: cpu}
        spec:
          environmentRef: env
          kind: AmlCompute
          amlCompute: {vmSize: Standard_DS3_v2, maxNodes: 2}
        """);
    assertThat(CelRules.validate(schema("trainingcomputes.amlnet.io-v1.yml"), cluster, "")).isEmpty();
  }

  @Test
  void aRuleSaysWhereItFailed() throws IOException {
    JsonNode cluster = object("""
        metadata: {name: cpu}
        spec:
          environmentRef: env
          kind: AmlCompute
          amlCompute: {vmSize: Standard_DS3_v2, minNodes: 3, maxNodes: 2}
        """);
    assertThat(CelRules.validate(schema("trainingcomputes.amlnet.io-v1.yml"), cluster, ""))
        .containsExactly("spec.amlCompute: minNodes must be less than or equal to maxNodes");
  }
}
