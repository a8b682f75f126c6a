package io.amlnet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.amlnet.deploy.Tools.Result;
import io.amlnet.testing.ControlPlane;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** deploy/ is the chart rendered with default values, and `kubectl apply -k deploy/` reaches the API server. */
@ExtendWith(ControlPlane.class)
class DeployIT {
  static final Path DEPLOY = Path.of("deploy");
  static final Path SCRIPT = Path.of("hack/render-deploy.sh");

  @Test
  void deployIsTheChartRenderedWithDefaultValues(@TempDir Path rendered) throws IOException {
    Tools.run(null, List.of("bash", SCRIPT.toString(), rendered.toString())).ok();

    List<String> files = ChartCrdsAreTheGeneratedOnesTest.yamlFiles(rendered);
    assertThat(ChartCrdsAreTheGeneratedOnesTest.yamlFiles(DEPLOY))
        .as("deploy/ holds other manifests than the chart renders: run hack/render-deploy.sh")
        .containsExactlyElementsOf(files);
    for (String name : files) {
      assertThat(Files.readString(DEPLOY.resolve(name)))
          .as("deploy/%s drifted from helm/amlnet: run hack/render-deploy.sh", name)
          .isEqualTo(Files.readString(rendered.resolve(name)));
    }
  }

  @Test
  void kubectlApplyKDeployPassesAServerSideDryRun(KubernetesClient client) {
    // A server dry run creates nothing, so the namespaced objects need their namespace to exist,
    // as they would after a real apply of namespace.yaml.
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("amlnet-system").endMetadata()
        .build()).serverSideApply();

    Result result = Tools.kubectl(null, "apply", "-k", DEPLOY.toString(), "--dry-run=server").ok();

    assertThat(result.out())
        .contains("customresourcedefinition.apiextensions.k8s.io/trainingenvironments.amlnet.io")
        .contains("customresourcedefinition.apiextensions.k8s.io/trainingcomputes.amlnet.io")
        .contains("deployment.apps/amlnet")
        .contains("clusterrolebinding.rbac.authorization.k8s.io/amlnet-amlnet-system");
  }
}
