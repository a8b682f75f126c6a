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

  private static String compute(String kind, String name, String body) {
    return """
        apiVersion: amlnet.io/v1alpha1
        kind: TrainingCompute
        metadata: {name: %s}
        spec:
          environmentRef: env
          kind: %s
        %s""".formatted(name, kind, body.indent(2));
  }

  private static final String VM_ID =
      "/subscriptions/6f1e6c2a-9d2b-4a43-8c1e-2a6f9d3b7c10/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "AmlCompute without amlCompute | AmlCompute | cpu | | amlCompute is required when kind is AmlCompute",
      "17-character cluster name | AmlCompute | abcdefghijklmnopq | amlCompute: {vmSize: Standard_D2_v2, maxNodes: 1}"
          + " | of an AmlCompute or attached compute must be 2-16",
      "dotted metadata.name as cluster name | AmlCompute | cpu.cluster | amlCompute: {vmSize: Standard_D2_v2, maxNodes: 1}"
          + " | of an AmlCompute or attached compute must be 2-16",
      "2-character instance name | ComputeInstance | ab | computeInstance: {vmSize: Standard_D2_v2}"
          + " | of a ComputeInstance must be 3-24",
      "idle time of 8 days | AmlCompute | cpu | amlCompute: {vmSize: Standard_D2_v2, maxNodes: 1,"
          + " idleTimeBeforeScaleDown: PT192H} | at most 7 days",
      "HDInsight kind with a VM's ID | HDInsight | hdi | 'attach: {resourceId: " + "/subscriptions/6f1e6c2a-9d2b-4a43-8c1e-2a6f9d3b7c10/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1, credentialsSecret: login}'"
          + " | attach.resourceId must be a Microsoft.Compute/virtualMachines",
  })
  void celRulesOfTheCrdApply(String description, String kind, String name, String body, String expected) {
    ManifestReader.Manifests read = ManifestReader.read("m.yaml", compute(kind, name, body == null ? "" : body));
    assertThat(read.errors()).singleElement().asString().contains(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "2-character cluster name | AmlCompute | ab | amlCompute: {vmSize: Standard_D2_v2, maxNodes: 1}",
      "idle time of exactly 7 days | AmlCompute | cpu | amlCompute: {vmSize: Standard_D2_v2, maxNodes: 1, idleTimeBeforeScaleDown: PT167H59M60S}",
      "24-character instance name | ComputeInstance | abcdefghijklmnopqrstuvwx | computeInstance: {vmSize: Standard_D2_v2}",
      "lower-case VM ID, as Resource Graph prints it | VirtualMachine | vm | 'attach: {resourceId: "
          + "/subscriptions/6f1e6c2a-9d2b-4a43-8c1e-2a6f9d3b7c10/resourcegroups/rg/providers/microsoft.compute/virtualmachines/vm1, credentialsSecret: login}'",
  })
  void trickyValidComputesAreAccepted(String description, String kind, String name, String body) {
    assertThat(ManifestReader.read("m.yaml", compute(kind, name, body)).errors()).isEmpty();
  }

  /** A zero-width space, a trailing newline, a query string, a Cyrillic 'о' in the name. */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"\u200b", "\n", "?api-version=1", "\u043e"})
  void resourceIdWithHiddenOrExtraCharactersIsRefused(String suffix) {
    String yaml = compute("VirtualMachine", "vm", "attach: {resourceId: \""
        + (VM_ID + suffix).replace("\n", "\\n") + "\", credentialsSecret: login}");
    assertThat(ManifestReader.read("m.yaml", yaml).errors()).singleElement().asString()
        .contains("spec.attach.resourceId").contains("does not match");
  }

  @org.junit.jupiter.api.Test
  void aMebibyteValueIsRefusedByItsLengthWithoutAStackOverflow() {
    String prefix = "a.".repeat(512 * 1024) + "a";
    String yaml = ENVIRONMENT_WITH_SSH.formatted(prefix);
    assertThat(ManifestReader.read("m.yaml", yaml).errors()).singleElement().asString()
        .contains("spec.ssh.sourceAddressPrefix: may not be longer than 80 characters");
  }

  @org.junit.jupiter.api.Test
  void aKeyGivenTwiceIsRefused() {
    String yaml = ENVIRONMENT_WITH_SSH.formatted("10.0.0.0/8") + "  deletionPolicy: Delete\n  deletionPolicy: Orphan\n";
    assertThat(ManifestReader.read("m.yaml", yaml).errors()).singleElement().asString()
        .contains("Duplicate field 'deletionPolicy'");
  }

  private static final String ENVIRONMENT_WITH_SSH = """
      apiVersion: amlnet.io/v1alpha1
      kind: TrainingEnvironment
      metadata: {name: env}
      spec:
        subscriptionId: 6f1e6c2a-9d2b-4a43-8c1e-2a6f9d3b7c10
        workspace: {resourceGroup: rg, name: mlw, region: eastus2}
        network: {virtualNetwork: vnet, subnet: training}
        ssh: {enabled: true, sourceAddressPrefix: "%s"}
      """;
}
