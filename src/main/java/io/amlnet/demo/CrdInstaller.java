package io.amlnet.demo;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Installs CustomResourceDefinitions and waits until the API server serves them. */
public final class CrdInstaller {
  /** amlnet's CRDs as the jar carries them (generated into crds/, copied by the build). */
  public static final List<String> BUNDLED = List.of("trainingenvironments.amlnet.io-v1.yml",
      "trainingcomputes.amlnet.io-v1.yml", "azureaccessgrants.amlnet.io-v1.yml");
  private static final Duration ESTABLISHED_TIMEOUT = Duration.ofSeconds(60);

  private CrdInstaller() {}

  /** Server-side applies amlnet's own CRDs from the jar. */
  public static void installBundled(KubernetesClient client) {
    for (String name : BUNDLED) {
      try (InputStream in = CrdInstaller.class.getResourceAsStream("/io/amlnet/api/crds/" + name)) {
        if (in == null) {
          throw new IllegalStateException("CRD " + name + " is missing from the jar");
        }
        install(client, client.apiextensions().v1().customResourceDefinitions().load(in).item(), "amlnet");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Server-side applies {@code crd} (idempotent) and waits until it is Established. */
  public static CustomResourceDefinition install(KubernetesClient client, CustomResourceDefinition crd,
      String fieldManager) {
    var resource = client.apiextensions().v1().customResourceDefinitions().resource(crd);
    resource.fieldManager(fieldManager).forceConflicts().serverSideApply();
    return resource.waitUntilCondition(CrdInstaller::established, ESTABLISHED_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  static boolean established(CustomResourceDefinition crd) {
    return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
