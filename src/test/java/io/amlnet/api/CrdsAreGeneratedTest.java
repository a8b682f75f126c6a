package io.amlnet.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.util.Arrays;
import java.util.Comparator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * crds/ is checked in so that GitOps tools and Helm can apply it without a build. It must be exactly
 * what fabric8's generator makes of the API classes; regenerate with
 * {@code mvn test -Dtest=CrdsAreGeneratedTest -Damlnet.updateCrds=true}.
 */
class CrdsAreGeneratedTest {

  private static final Path CHECKED_IN = Path.of("crds");

  @Test
  void checkedInCrdsEqualWhatTheApiClassesGenerate(@TempDir Path generated) throws IOException {
    Path target = Boolean.getBoolean("amlnet.updateCrds") ? CHECKED_IN : generated;
    Files.createDirectories(target);
    new CRDGenerator()
        .customResourceClasses(TrainingEnvironment.class, TrainingCompute.class, AzureAccessGrant.class)
        .forCRDVersions("v1")
        .withPostProcessor(new CRDPostProcessor() {
          @Override
          public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
            return printerColumnsInDeclaredOrder(crd);
          }
        })
        .inOutputDir(target.toFile())
        .generate();

    List<String> names = yamlFiles(generated.equals(target) ? generated : CHECKED_IN);
    assertThat(yamlFiles(CHECKED_IN)).containsExactlyElementsOf(names);
    for (String name : names) {
      assertThat(Files.readString(CHECKED_IN.resolve(name)))
          .as("crds/%s is stale: regenerate it (see the class comment)", name)
          .isEqualTo(Files.readString(target.resolve(name)));
    }
  }

  /** kubectl shows columns in list order; the generator sorts them by name, so restore the class's order. */
  private static HasMetadata printerColumnsInDeclaredOrder(HasMetadata crd) {
    CustomResourceDefinition definition = (CustomResourceDefinition) crd;
    Class<?> kind = switch (definition.getSpec().getNames().getKind()) {
      case "TrainingCompute" -> TrainingCompute.class;
      case "AzureAccessGrant" -> AzureAccessGrant.class;
      default -> TrainingEnvironment.class;
    };
    List<String> declared = Arrays.stream(kind.getAnnotationsByType(AdditionalPrinterColumn.class))
        .map(AdditionalPrinterColumn::name).toList();
    for (CustomResourceDefinitionVersion version : definition.getSpec().getVersions()) {
      version.getAdditionalPrinterColumns().sort(Comparator.comparingInt(c -> declared.indexOf(c.getName())));
    }
    return crd;
  }

  private static List<String> yamlFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yml")).sorted().toList();
    }
  }
}
