package io.amlnet.testing;

import io.amlnet.demo.CrdInstaller;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Installs CustomResourceDefinitions on the test control plane and waits until they serve. */
public final class Crds {

  /** The checked-in CRDs, relative to the project directory (failsafe's working directory). */
  public static final Path CHECKED_IN = Path.of("crds");

  private Crds() {}

  /** Server-side applies every *.yaml / *.yml CRD in {@code dir} and waits until each is Established. */
  public static List<CustomResourceDefinition> installAll(KubernetesClient client, Path dir) {
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files = listing.filter(f -> f.toString().matches(".*\\.ya?ml$")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list CRDs in " + dir.toAbsolutePath(), e);
    }
    if (files.isEmpty()) {
      throw new IllegalStateException("no *.yaml or *.yml CRDs in " + dir.toAbsolutePath());
    }
    return files.stream().map(file -> install(client, load(client, file))).toList();
  }

  /** Server-side applies {@code crd} (idempotent, so classes may share it) and waits until Established. */
  public static CustomResourceDefinition install(KubernetesClient client, CustomResourceDefinition crd) {
    return CrdInstaller.install(client, crd, "amlnet-tests");
  }

  private static CustomResourceDefinition load(KubernetesClient client, Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return client.apiextensions().v1().customResourceDefinitions().load(in).item();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), e);
    }
  }
}
