package io.amlnet.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Manifests are checked against the CRD schema bundled in the jar, as the API server would. */
class ManifestReaderTest {

  private static String example() throws IOException {
    return Files.readString(Path.of("examples/open-outbound.yaml"));
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "subscriptionId: 6f1e6c2a-9d2b-4a43-8c1e-2a6f9d3b7c10 | subscriptionId: not-a-uuid"
          + " | spec.subscriptionId: \"not-a-uuid\" does not match",
      "region: eastus2 | region: East US 2 | spec.workspace.region: \"East US 2\" does not match",
      "mode: Open | mode: Closed | spec.outbound.mode: unsupported value \"Closed\": must be one of Open, Restricted",
      "mode: Open | mode: Open\\n    extra: 1 | spec.outbound.extra: unknown field",
      "maxNodes: 4 | maxNodes: 0 | spec.amlCompute.maxNodes: must be at least 1",
      "maxNodes: 4 | maxNodes: four | spec.amlCompute.maxNodes: must be an integer",
      "vmSize: Standard_DS3_v2 | vmSize: huge | spec.amlCompute.vmSize: \"huge\" does not match",
      "idleTimeBeforeScaleDown: PT120S | idleTimeBeforeScaleDown: 2 minutes"
          + " | spec.amlCompute.idleTimeBeforeScaleDown: \"2 minutes\" does not match",
      "environmentRef: open-outbound | environmentRef: Open_Outbound | spec.environmentRef: \"Open_Outbound\"",
      "kind: AmlCompute | kind: Spark | spec.kind: unsupported value \"Spark\"",
  })
  void schemaViolationsNameTheField(String original, String replacement, String expected) throws IOException {
    String yaml = example().replace(original, replacement.replace("\\n", "\n"));
    ManifestReader.Manifests read = ManifestReader.read("m.yaml", yaml);
    assertThat(read.errors()).singleElement().asString().startsWith("m.yaml: document ").contains(expected);
  }

  @ParameterizedTest
  @CsvSource({"examples/open-outbound.yaml", "examples/existing-nsg.yaml", "examples/compute-vm.yaml"})
  void examplesAreValid(String file) throws IOException {
    assertThat(ManifestReader.read(file, Files.readString(Path.of(file))).errors()).isEmpty();
  }
}
