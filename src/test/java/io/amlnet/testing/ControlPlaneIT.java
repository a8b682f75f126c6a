package io.amlnet.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The test control plane itself: the real API server, at the pinned version, with CRD semantics. */
@ExtendWith(ControlPlane.class)
class ControlPlaneIT {

  private static final String GROUP = "controlplane.test.amlnet.io";

  @Test
  void apiServerReportsThePinnedVersion(KubernetesClient client) {
    assertThat(client.getKubernetesVersion().getGitVersion()).isEqualTo("v" + ControlPlane.KUBERNETES_VERSION);
  }

  @Test
  void sharesOneApiServerAcrossTests(KubernetesClient client) {
    assertThat(client).isSameAs(ControlPlane.client());
    assertThat(client.namespaces().withName("default").get()).isNotNull();
  }

  /** A status subresource separates .status writes from .spec writes, and only .spec bumps generation. */
  @Test
  void statusSubresourceDoesNotBumpGeneration(KubernetesClient client) {
    Crds.install(client, widgetCrd());
    var widgets = client.genericKubernetesResources(
        new ResourceDefinitionContext.Builder().withGroup(GROUP).withVersion("v1").withKind("Widget")
            .withPlural("widgets").withNamespaced(true).build());
    String namespace = ControlPlane.createNamespace("status");

    GenericKubernetesResource created = widgets.inNamespace(namespace).resource(
        new GenericKubernetesResourceBuilder().withApiVersion(GROUP + "/v1").withKind("Widget")
            .withNewMetadata().withName("w").endMetadata()
            .withAdditionalProperties(Map.of("spec", Map.of("size", 1)))
            .build()).create();
    assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);

    created.setAdditionalProperty("status", Map.of("phase", "Ready"));
    GenericKubernetesResource afterStatus = widgets.inNamespace(namespace).resource(created).updateStatus();
    assertThat(afterStatus.getMetadata().getGeneration()).isEqualTo(1L);
    assertThat(afterStatus.get("status", "phase").toString()).isEqualTo("Ready");

    afterStatus.setAdditionalProperty("spec", Map.of("size", 2));
    afterStatus.setAdditionalProperty("status", Map.of("phase", "IgnoredOnTheMainResource"));
    GenericKubernetesResource afterSpec = widgets.inNamespace(namespace).resource(afterStatus).update();
    assertThat(afterSpec.getMetadata().getGeneration()).isEqualTo(2L);
    assertThat(afterSpec.get("status", "phase").toString()).isEqualTo("Ready");
  }

  private static CustomResourceDefinition widgetCrd() {
    JSONSchemaProps object = new JSONSchemaPropsBuilder().withType("object").build();
    JSONSchemaProps schema = new JSONSchemaPropsBuilder().withType("object")
        .addToProperties("spec", new JSONSchemaPropsBuilder(object)
            .addToProperties("size", new JSONSchemaPropsBuilder().withType("integer").build()).build())
        .addToProperties("status", new JSONSchemaPropsBuilder(object)
            .addToProperties("phase", new JSONSchemaPropsBuilder().withType("string").build()).build())
        .build();
    return new CustomResourceDefinitionBuilder()
        .withNewMetadata().withName("widgets." + GROUP).endMetadata()
        .withNewSpec().withGroup(GROUP).withScope("Namespaced")
        .withNewNames().withKind("Widget").withPlural("widgets").withSingular("widget").endNames()
        .addNewVersion().withName("v1").withServed(true).withStorage(true)
        .withNewSchema().withOpenAPIV3Schema(schema).endSchema()
        .withNewSubresources().withNewStatus().endStatus().endSubresources()
        .endVersion()
        .endSpec()
        .build();
  }
}
