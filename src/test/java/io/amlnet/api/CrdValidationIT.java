package io.amlnet.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.amlnet.testing.ControlPlane;
import io.amlnet.testing.Crds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checked-in CRDs on a real API server: they install, the examples and other valid objects are
 * accepted, and each schema and CEL rule rejects a bad object with the API server's own message.
 */
@ExtendWith(ControlPlane.class)
class CrdValidationIT {

  /** Marks a field to delete in {@link #edit}. */
  private static final Object ABSENT = new Object();

  private static final String ENVIRONMENT = """
      apiVersion: amlnet.io/v1alpha1
      kind: TrainingEnvironment
      metadata: {name: env}
      spec:
        subscriptionId: 00000000-0000-0000-0000-000000000001
        workspace: {resourceGroup: rg-aml, name: ml-ws, region: eastus2}
        network: {virtualNetwork: vnet-aml, subnet: training}
      """;

  private static final String AML_COMPUTE = """
      apiVersion: amlnet.io/v1alpha1
      kind: TrainingCompute
      metadata: {name: cpu}
      spec:
        environmentRef: env
        kind: AmlCompute
        amlCompute: {vmSize: Standard_DS3_v2, minNodes: 0, maxNodes: 4}
      """;

  private static final String COMPUTE_INSTANCE = """
      apiVersion: amlnet.io/v1alpha1
      kind: TrainingCompute
      metadata: {name: notebook}
      spec:
        environmentRef: env
        kind: ComputeInstance
        computeInstance: {vmSize: Standard_DS3_v2}
      """;

  private static final String VIRTUAL_MACHINE = """
      apiVersion: amlnet.io/v1alpha1
      kind: TrainingCompute
      metadata: {name: vm}
      spec:
        environmentRef: env
        kind: VirtualMachine
        attach:
          resourceId: /subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-aml/providers/Microsoft.Compute/virtualMachines/dsvm
          credentialsSecret: dsvm-admin
      """;

  private static final Path EXAMPLES = Path.of("examples");
  private static final AtomicInteger names = new AtomicInteger();
  private static String namespace;

  @BeforeAll
  static void installCrds(KubernetesClient client) {
    Crds.installAll(client, Crds.CHECKED_IN);
    namespace = ControlPlane.createNamespace("crd-validation");
  }

  @Test
  void checkedInCrdsAreEstablished(KubernetesClient client) {
    assertThat(Crds.installAll(client, Crds.CHECKED_IN))
        .extracting(crd -> crd.getMetadata().getName())
        .containsExactlyInAnyOrder("trainingenvironments.amlnet.io", "trainingcomputes.amlnet.io",
            "azureaccessgrants.amlnet.io");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validObjects")
  void acceptsValidObject(String name, String yaml) {
    GenericKubernetesResource created = resource(object(yaml)).create();
    assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);
  }

  static Stream<Arguments> validObjects() {
    return Stream.of(
        Arguments.of("TrainingEnvironment, required fields only", ENVIRONMENT),
        Arguments.of("TrainingEnvironment, every option", edit(ENVIRONMENT, Map.of(
            "spec.credential.secretName", "azure-sp",
            "spec.deletionPolicy", "Orphan",
            "spec.networkSecurity", Map.of("mode", "Existing", "name", "ml-nsg", "priorityBase", 2000),
            "spec.outbound", Map.of("mode", "Restricted", "microsoftDefaultImages", true),
            "spec.ssh", Map.of("enabled", true, "sourceAddressPrefix", "10.0.0.0/16"),
            "spec.forcedTunneling", Map.of("mode", "UserDefinedRoutes", "prefixMode", "ServiceTags",
                "secondaryRegion", "centralus")))),
        Arguments.of("TrainingEnvironment, networkSecurity and forcedTunneling with their default modes",
            edit(ENVIRONMENT, Map.of(
                "spec.networkSecurity", Map.of("priorityBase", 2000, "resourceGroup", "net-rg"),
                "spec.forcedTunneling", Map.of()))),
        Arguments.of("AmlCompute", AML_COMPUTE),
        Arguments.of("ComputeInstance", COMPUTE_INSTANCE),
        Arguments.of("VirtualMachine", VIRTUAL_MACHINE),
        Arguments.of("AmlCompute with a 2-character name", edit(AML_COMPUTE, Map.of("spec.computeName", "ab"))),
        Arguments.of("ComputeInstance with a 24-character name",
            edit(COMPUTE_INSTANCE, Map.of("spec.computeName", "abcdefghijklmnopqrstuvwx"))),
        Arguments.of("AmlCompute idle for exactly 7 days",
            edit(AML_COMPUTE, Map.of("spec.amlCompute.idleTimeBeforeScaleDown", "PT167H59M60S"))),
        Arguments.of("VirtualMachine by a lower-case ID, as Resource Graph prints it", edit(VIRTUAL_MACHINE, Map.of(
            "spec.attach.resourceId", VM_ID.toLowerCase(java.util.Locale.ROOT)))));
  }

  private static final String VM_ID =
      "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-aml/providers/Microsoft.Compute/virtualMachines/dsvm";

  /** Every document in examples/*.yaml, as the README tells users to apply them. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void acceptsEveryExample(String source, GenericKubernetesResource example) {
    example.getMetadata().setNamespace(null); // into this test's namespace
    GenericKubernetesResource created = resource(example).create();
    assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);
  }

  static Stream<Arguments> examples() throws IOException {
    List<Arguments> examples = new ArrayList<>();
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        try (MappingIterator<GenericKubernetesResource> documents =
            new YAMLMapper().readerFor(GenericKubernetesResource.class).readValues(file.toFile())) {
          while (documents.hasNext()) {
            GenericKubernetesResource document = documents.next();
            // examples/ also holds the sandbox world, which is not a Kubernetes object.
            if (document != null && (ApiGroup.NAME + "/" + ApiGroup.VERSION).equals(document.getApiVersion())) {
              examples.add(Arguments.of(file.getFileName() + ": " + document.getKind() + " "
                  + document.getMetadata().getName(), document));
            }
          }
        }
      }
    }
    assertThat(examples).as("documents in %s", EXAMPLES.toAbsolutePath()).isNotEmpty();
    return examples.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"structurallyInvalidObjects", "objectsThatBreakACelRule"})
  void rejectsInvalidObjectOnCreate(String expectedMessage, String yaml) {
    KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class,
        () -> resource(object(yaml)).create());
    assertRejected(e, expectedMessage);
  }

  /** `amlnet plan` checks the structural schema and evaluates every CEL rule itself: same verdicts. */
  @ParameterizedTest(name = "{0}")
  @MethodSource({"validObjects", "structurallyInvalidObjects", "objectsThatBreakACelRule"})
  void manifestReaderAgreesWithTheApiServer(String description, String yaml) {
    boolean apiServerAccepts = catchThrowableOfType(KubernetesClientException.class,
        () -> resource(object(yaml)).create()) == null;
    assertThat(ManifestReader.read(description, yaml).errors().isEmpty())
        .as("ManifestReader accepts, like the API server does: " + apiServerAccepts)
        .isEqualTo(apiServerAccepts);
  }

  static Stream<Arguments> structurallyInvalidObjects() {
    return Stream.of(
        // required fields
        rejected(ENVIRONMENT, "spec.subscriptionId: Required value", "spec.subscriptionId", ABSENT),
        rejected(ENVIRONMENT, "spec.workspace.region: Required value", "spec.workspace.region", ABSENT),
        rejected(ENVIRONMENT, "spec.network.subnet: Required value", "spec.network.subnet", ABSENT),
        rejected(AML_COMPUTE, "spec.kind: Required value", "spec.kind", ABSENT),
        rejected(AML_COMPUTE, "spec.amlCompute.vmSize: Required value", "spec.amlCompute.vmSize", ABSENT),
        // enums
        rejected(ENVIRONMENT, "spec.deletionPolicy: Unsupported value: \"Keep\"", "spec.deletionPolicy", "Keep"),
        rejected(ENVIRONMENT, "spec.outbound.mode: Unsupported value: \"Closed\"", "spec.outbound.mode", "Closed"),
        rejected(AML_COMPUTE, "spec.kind: Unsupported value: \"Kubernetes\"", "spec.kind", "Kubernetes"),
        rejected(AML_COMPUTE, "spec.amlCompute.vmPriority: Unsupported value: \"Spot\"",
            "spec.amlCompute.vmPriority", "Spot"),
        // patterns and bounds
        rejected(ENVIRONMENT, "spec.subscriptionId in body should match", "spec.subscriptionId", "my-subscription"),
        rejected(ENVIRONMENT, "spec.workspace.region in body should match", "spec.workspace.region", "East US"),
        rejected(ENVIRONMENT, "spec.ssh.sourceAddressPrefix in body should match",
            "spec.ssh.sourceAddressPrefix", "10.0.0.0/33"),
        rejected(ENVIRONMENT, "spec.networkSecurity.priorityBase in body should be greater than or equal to 100",
            "spec.networkSecurity.priorityBase", 50),
        rejected(AML_COMPUTE, "spec.computeName in body should match", "spec.computeName", "1-starts-with-a-digit"),
        rejected(AML_COMPUTE, "spec.amlCompute.maxNodes in body should be greater than or equal to 1",
            "spec.amlCompute.maxNodes", 0),
        rejected(VIRTUAL_MACHINE, "spec.attach.credentialsSecret in body should match",
            "spec.attach.credentialsSecret", "Not_A_Secret_Name"),
        // spec itself, lengths, ARM IDs and durations
        rejected(ENVIRONMENT, "spec.ssh.sourceAddressPrefix: Too long",
            "spec.ssh.sourceAddressPrefix", "a.".repeat(40) + "a"),
        rejected(VIRTUAL_MACHINE, "spec.attach.resourceId in body should match", "spec.attach.resourceId",
            VM_ID + "\u200b"),
        rejected(VIRTUAL_MACHINE, "spec.attach.resourceId in body should match", "spec.attach.resourceId",
            VM_ID + "\n"),
        rejected(VIRTUAL_MACHINE, "spec.attach.resourceId in body should match", "spec.attach.resourceId",
            VM_ID + "?api-version=2024-10-01"),
        rejected(VIRTUAL_MACHINE, "spec.attach.resourceId in body should match", "spec.attach.resourceId",
            VM_ID.replace("00000000-0000-0000-0000-000000000001", "-".repeat(36))),
        rejected(AML_COMPUTE, "spec.amlCompute.idleTimeBeforeScaleDown in body should match",
            "spec.amlCompute.idleTimeBeforeScaleDown", "PT"),
        rejected(AML_COMPUTE, "spec.amlCompute.idleTimeBeforeScaleDown: Too long",
            "spec.amlCompute.idleTimeBeforeScaleDown", "PT99999999999999999999999S"),
        rejected(AML_COMPUTE, "spec.amlCompute.idleTimeBeforeScaleDown in body should match",
            "spec.amlCompute.idleTimeBeforeScaleDown", "PT9999999S"));
  }

  static Stream<Arguments> objectsThatBreakACelRule() {
    return Stream.of(
        rejected(AML_COMPUTE, "minNodes must be less than or equal to maxNodes", "spec.amlCompute.minNodes", 5),
        rejected(ENVIRONMENT, "set at most one of secretName, federatedClientId and serviceAccountName", "spec.credential",
            Map.of("secretName", "azure-sp", "federatedClientId", "00000000-0000-0000-0000-000000000002")),
        rejected(ENVIRONMENT, "name is required when mode is Existing", "spec.networkSecurity",
            Map.of("mode", "Existing")),
        rejected(ENVIRONMENT, "prefixMode and secondaryRegion apply only to mode UserDefinedRoutes",
            "spec.forcedTunneling", Map.of("mode", "NatGateway", "prefixMode", "IpPrefixes")),
        rejected(ENVIRONMENT, "natGatewayIdleTimeoutMinutes applies only to mode NatGateway",
            "spec.forcedTunneling", Map.of("mode", "UserDefinedRoutes", "natGatewayIdleTimeoutMinutes", 10)),
        rejected(ENVIRONMENT, "prefixMode and secondaryRegion apply only to mode UserDefinedRoutes",
            "spec.forcedTunneling", Map.of("secondaryRegion", "auto")),
        rejected(ENVIRONMENT, "natGatewayIdleTimeoutMinutes applies only to mode NatGateway",
            "spec.forcedTunneling", Map.of("natGatewayIdleTimeoutMinutes", 10)),
        rejected(AML_COMPUTE, "amlCompute is required when kind is AmlCompute", "spec.amlCompute", ABSENT),
        rejected(COMPUTE_INSTANCE, "computeInstance is required when kind is ComputeInstance",
            "spec.computeInstance", ABSENT),
        rejected(VIRTUAL_MACHINE, "attach is required when kind is VirtualMachine, HDInsight or Databricks",
            "spec.attach", ABSENT),
        rejected(VIRTUAL_MACHINE, "attach.credentialsSecret is required when kind is VirtualMachine, HDInsight or"
            + " Databricks", "spec.attach.credentialsSecret", ABSENT),
        rejected(VIRTUAL_MACHINE, "attach.resourceId must be a Microsoft.Compute/virtualMachines", "spec.kind",
            "HDInsight"),
        rejected(AML_COMPUTE, "of an AmlCompute or attached compute must be 2-16", "spec.computeName",
            "abcdefghijklmnopq"),
        rejected(COMPUTE_INSTANCE, "of a ComputeInstance must be 3-24", "spec.computeName", "ab"),
        rejected(ENVIRONMENT, "spec is required", "spec", ABSENT),
        rejected(AML_COMPUTE, "spec is required", "spec", ABSENT),
        rejected(AML_COMPUTE, "idleTimeBeforeScaleDown must be at most 7 days",
            "spec.amlCompute.idleTimeBeforeScaleDown", "PT168H0M1S"));
  }

  /** So that the comparison with `amlnet plan` covers them all: each rule a create can break has a case. */
  @Test
  void everyCelRuleThatACreateCanBreakHasACase() throws IOException {
    List<String> covered = objectsThatBreakACelRule().map(a -> (String) a.get()[0]).toList();
    List<String> rules = new ArrayList<>();
    // The kinds `amlnet plan` reads; AzureAccessGrant's rules are TenancyAdmissionIT's.
    try (Stream<Path> files = Files.list(Crds.CHECKED_IN)) {
      for (Path file : files.filter(f -> f.getFileName().toString().startsWith("training")).sorted().toList()) {
        collectCreateRules(new YAMLMapper().readTree(file.toFile()), rules);
      }
    }
    assertThat(rules).hasSizeGreaterThan(10)
        .allSatisfy(message -> assertThat(covered).as(message).anyMatch(message::contains));
  }

  private static void collectCreateRules(com.fasterxml.jackson.databind.JsonNode node, List<String> messages) {
    for (com.fasterxml.jackson.databind.JsonNode rule : node.path("x-kubernetes-validations")) {
      if (!rule.path("rule").asText().contains("oldSelf") || rule.path("optionalOldSelf").asBoolean(false)) {
        messages.add(rule.path("message").asText());
      }
    }
    node.forEach(child -> collectCreateRules(child, messages));
  }

  /** The default compute name is metadata.name: a root rule sees it, a rule on spec could not. */
  @Test
  void rejectsAClusterNamedByADottedMetadataName() {
    GenericKubernetesResource cluster = object(AML_COMPUTE);
    cluster.getMetadata().setName("cpu.cluster");
    KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class,
        () -> resource(cluster).create());
    assertRejected(e, "of an AmlCompute or attached compute must be 2-16");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("immutableFields")
  void rejectsChangeOfImmutableField(String expectedMessage, String yaml, String path, Object value) {
    GenericKubernetesResource created = resource(object(yaml)).create();
    KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class,
        () -> resource(edit(created, path, value)).update());
    assertRejected(e, expectedMessage);
  }

  static Stream<Arguments> immutableFields() {
    return Stream.of(
        Arguments.of("kind is immutable", VIRTUAL_MACHINE, "spec.kind", "Databricks"),
        Arguments.of("vmSize is immutable: Azure cannot resize an AmlCompute cluster in place", AML_COMPUTE,
            "spec.amlCompute.vmSize", "Standard_NC6s_v3"),
        Arguments.of("vmPriority is immutable", AML_COMPUTE, "spec.amlCompute.vmPriority", "LowPriority"),
        Arguments.of("vmSize is immutable: Azure cannot resize a compute instance", COMPUTE_INSTANCE,
            "spec.computeInstance.vmSize", "Standard_NC6s_v3"),
        Arguments.of("environmentRef is immutable for AmlCompute and ComputeInstance", AML_COMPUTE,
            "spec.environmentRef", "other-env"),
        Arguments.of("enableNodePublicIp is immutable", COMPUTE_INSTANCE, "spec.enableNodePublicIp", false));
  }

  @ParameterizedTest(name = "{1} may change")
  @MethodSource("mutableFields")
  void acceptsChangeOfMutableField(String yaml, String path, Object value) {
    GenericKubernetesResource created = resource(object(yaml)).create();
    GenericKubernetesResource updated = resource(edit(created, path, value)).update();
    assertThat(updated.getMetadata().getGeneration()).isEqualTo(2L);
  }

  static Stream<Arguments> mutableFields() {
    return Stream.of(
        Arguments.of(AML_COMPUTE, "spec.amlCompute.maxNodes", 8),
        Arguments.of(AML_COMPUTE, "spec.amlCompute.minNodes", 1),
        Arguments.of(VIRTUAL_MACHINE, "spec.environmentRef", "other-env"));
  }

  /** With a status subresource, a .status write leaves generation alone and a .spec write bumps it. */
  @Test
  void statusSubresourceSeparatesStatusFromSpec() {
    GenericKubernetesResource created = resource(object(ENVIRONMENT)).create();
    assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);

    GenericKubernetesResource afterStatus = resource(edit(created, "status.observedGeneration", 1)).updateStatus();
    assertThat(afterStatus.getMetadata().getGeneration()).isEqualTo(1L);
    assertThat(afterStatus.<Object>get("status", "observedGeneration")).isEqualTo(1);

    GenericKubernetesResource onMainResource = edit(afterStatus, "status.observedGeneration", 7);
    GenericKubernetesResource afterSpec = resource(edit(onMainResource, "spec.deletionPolicy", "Orphan")).update();
    assertThat(afterSpec.getMetadata().getGeneration()).isEqualTo(2L);
    assertThat(afterSpec.<Object>get("status", "observedGeneration"))
        .as("a .status change sent to the main resource is ignored").isEqualTo(1);
  }

  private static void assertRejected(KubernetesClientException e, String expectedMessage) {
    assertThat(e).as("the API server accepted the object; expected: " + expectedMessage).isNotNull();
    assertThat(e.getCode()).as(e.getMessage()).isEqualTo(422);
    assertThat(e.getStatus().getMessage()).contains(expectedMessage)
        .as("a rule that fails to evaluate is a bug in the rule, not a rejection").doesNotContain("no such key");
  }

  private static Arguments rejected(String yaml, String expectedMessage, String path, Object value) {
    return Arguments.of(expectedMessage, edit(yaml, Map.of(path, value)));
  }

  private static Resource<GenericKubernetesResource> resource(GenericKubernetesResource object) {
    return ControlPlane.client().genericKubernetesResources(object.getApiVersion(), object.getKind())
        .inNamespace(namespace).resource(object);
  }

  /** Parses {@code yaml}, with a fresh name so that every test has its own object. */
  private static GenericKubernetesResource object(String yaml) {
    GenericKubernetesResource object = Serialization.unmarshal(yaml, GenericKubernetesResource.class);
    object.getMetadata().setName(object.getMetadata().getName() + "-" + names.incrementAndGet());
    return object;
  }

  /** {@code yaml} with each dotted path set to its value ({@link #ABSENT}: removed), as YAML again. */
  private static String edit(String yaml, Map<String, Object> edits) {
    GenericKubernetesResource object = Serialization.unmarshal(yaml, GenericKubernetesResource.class);
    edits.forEach((path, value) -> edit(object, path, value));
    return Serialization.asYaml(object);
  }

  @SuppressWarnings("unchecked")
  private static GenericKubernetesResource edit(GenericKubernetesResource object, String path, Object value) {
    List<String> keys = new ArrayList<>(List.of(path.split("\\.")));
    String last = keys.remove(keys.size() - 1);
    Map<String, Object> map = object.getAdditionalProperties();
    for (String key : keys) {
      map = (Map<String, Object>) map.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
    }
    if (value == ABSENT) {
      map.remove(last);
    } else {
      map.put(last, value);
    }
    return object;
  }
}
