package io.amlnet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * helm/amlnet/crds/ holds copies of the generated crds/ (a chart cannot take files from outside its
 * directory: Argo CD and `helm package` refuse symlinks that leave it). hack/render-deploy.sh copies
 * them; this test fails when they drift.
 */
class ChartCrdsAreTheGeneratedOnesTest {
  static final Path GENERATED = Path.of("crds");
  static final Path CHART = Path.of("helm/amlnet/crds");

  @Test
  void theChartShipsExactlyTheGeneratedCrds() throws IOException {
    List<String> generated = yamlFiles(GENERATED);
    assertThat(yamlFiles(CHART)).as("helm/amlnet/crds/ lists other files than crds/: run hack/render-deploy.sh")
        .containsExactlyElementsOf(generated);
    for (String name : generated) {
      assertThat(Files.readString(CHART.resolve(name)))
          .as("helm/amlnet/crds/%s differs from crds/%s: run hack/render-deploy.sh", name, name)
          .isEqualTo(Files.readString(GENERATED.resolve(name)));
    }
  }

  static List<String> yamlFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.matches(".*\\.ya?ml")).sorted().toList();
    }
  }
}
