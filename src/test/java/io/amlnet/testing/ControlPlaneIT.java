package io.amlnet.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The test control plane itself: one real API server at the pinned version. */
@ExtendWith(ControlPlane.class)
class ControlPlaneIT {

  @Test
  void apiServerReportsThePinnedVersion(KubernetesClient client) {
    assertThat(client.getKubernetesVersion().getGitVersion()).isEqualTo("v" + ControlPlane.KUBERNETES_VERSION);
  }

  @Test
  void kubeApiServerBinaryReportsThePinnedVersion() throws IOException, InterruptedException {
    Process process = new ProcessBuilder(ControlPlane.binaryDir().resolve("kube-apiserver").toString(), "--version")
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).isZero();
    assertThat(output.strip()).isEqualTo("Kubernetes v" + ControlPlane.KUBERNETES_VERSION);
  }

  @Test
  void sharesOneApiServerAcrossTests(KubernetesClient client) {
    assertThat(client).isSameAs(ControlPlane.client());
    assertThat(client.namespaces().withName("default").get()).isNotNull();
  }
}
