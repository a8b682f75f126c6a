package io.amlnet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlnet.deploy.Tools.Result;
import io.amlnet.testing.ControlPlane;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Helm chart as CI checks it: helm lint, the values schema, kubeconform with schemas made from
 * crds/, a server-side dry run and helm's own against the real test API server, and two releases
 * installed side by side.
 */
@ExtendWith(ControlPlane.class)
class ChartIT {
  static final String ALL_OPTIONS = Tools.CHART.resolve("ci/all-options-values.yaml").toString();

  @Test
  void helmLintIsCleanWithDefaultValuesAndWithEveryOption() {
    Result defaults = Tools.helmOffline("lint", "--strict", Tools.CHART.toString()).ok();
    Result everything = Tools.helmOffline("lint", "--strict", Tools.CHART.toString(), "-f", ALL_OPTIONS).ok();

    assertThat(defaults.out()).contains("1 chart(s) linted, 0 chart(s) failed");
    assertThat(everything.out()).contains("1 chart(s) linted, 0 chart(s) failed");
  }

  @Test
  void thePackagedChartCarriesTheGeneratedCrds(@TempDir Path out) throws IOException {
    Tools.helmOffline("package", Tools.CHART.toString(), "--destination", out.toString()).ok();
    Path packaged = out.resolve("amlnet-0.1.0.tgz");

    String crds = Tools.helmOffline("show", "crds", packaged.toString()).ok().out();

    for (String name : ChartCrdsAreTheGeneratedOnesTest.yamlFiles(ChartCrdsAreTheGeneratedOnesTest.GENERATED)) {
      assertThat(crds).contains(Files.readString(ChartCrdsAreTheGeneratedOnesTest.GENERATED.resolve(name)));
    }
    assertThat(Tools.run(null, List.of("tar", "tzf", packaged.toString())).ok().out())
        .contains("amlnet/crds/trainingenvironments.amlnet.io-v1.yml", "amlnet/values.schema.json")
        .doesNotContain("amlnet/ci/");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "replicaCount=two|replicaCount",
      "healthPort=http|healthPort",
      "healthPort=80|healthPort",
      "watchNamespaces=team-a|watchNamespaces",
      "logFormat=xml|logFormat",
      "resyncPeriod=fifteen minutes|resyncPeriod",
      "maxConcurrentReconciles=0|maxConcurrentReconciles",
      "rbac.clusterWideSecrets=yes|clusterWideSecrets",
      "azure.workloadIdentity.clientId=my-identity|clientId",
      "azure.armEndpoint=http://management.azure.com|armEndpoint",
      "replicas=2|replicas"})
  void theValuesSchemaRejectsAWrongValue(String value, String field) {
    // helm install and upgrade validate values the same way, before they contact the cluster.
    Result result = Tools.helmOffline("template", "amlnet", Tools.CHART.toString(), "--set", value);

    assertThat(result.exit()).as(result.toString()).isNotZero();
    assertThat(result.err()).contains("values don't meet the specifications of the schema").contains(field);
  }

  @Test
  void theOperatorPodIsHardenedAndProbedOnItsHealthPort() {
    JsonNode pod = Rendered.chart("amlnet", "amlnet-system", "--set", "healthPort=9090")
        .get("Deployment", "amlnet").at("/spec/template/spec");
    JsonNode container = pod.at("/containers/0");

    assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
    assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
    assertThat(container.at("/securityContext/capabilities/drop").toString()).isEqualTo("[\"ALL\"]");
    assertThat(container.at("/resources/requests/memory").asText()).isNotEmpty();
    assertThat(container.at("/resources/limits/memory").asText()).isNotEmpty();
    assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(9090);
    assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/healthz");
    assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/healthz");
    assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/readyz");
    assertThat(container.at("/args").toString()).contains("--health-port=9090");
  }

  @Test
  void aPodDisruptionBudgetOnlyWithMoreThanOneReplica() {
    assertThat(Rendered.chart("amlnet", "amlnet-system").ofKind("PodDisruptionBudget")).isEmpty();
    assertThat(Rendered.chart("amlnet", "amlnet-system", "--set", "replicaCount=2").ofKind("PodDisruptionBudget"))
        .hasSize(1);
  }

  @Test
  void watchedNamespacesGetRolesAndClusterWideOnlyGrantsAreReadNeverSecretsOrTokens() {
    Rendered rendered = Rendered.chart("amlnet", "amlnet-system", "--set", "watchNamespaces={ml-a,ml-b}");

    assertThat(rendered.ofKind("ClusterRole")).extracting(r -> r.at("/metadata/name").asText())
        .containsExactly("amlnet-amlnet-system-grants");
    JsonNode grants = rendered.get("ClusterRole", "amlnet-amlnet-system-grants");
    assertThat(ChartServiceAccount.permissions(grants)).containsExactlyInAnyOrder(
        "amlnet.io/azureaccessgrants list", "amlnet.io/azureaccessgrants watch", "/namespaces get");
    assertThat(grants.at("/rules/1/resourceNames").toString()).isEqualTo("[\"ml-a\",\"ml-b\"]");
    assertThat(rendered.ofKind("ClusterRoleBinding")).extracting(r -> r.at("/roleRef/name").asText())
        .containsExactly("amlnet-amlnet-system-grants");
    assertThat(rendered.ofKind("Role").stream().map(r -> r.at("/metadata/namespace").asText()))
        .containsExactlyInAnyOrder("ml-a", "ml-b", "amlnet-system");
    assertThat(rendered.ofKind("Role")).filteredOn(r -> !r.at("/metadata/namespace").asText().equals("amlnet-system"))
        .allSatisfy(r -> assertThat(ChartServiceAccount.permissions(r)).contains("/secrets get"));
    assertThat(rendered.get("Deployment", "amlnet").at("/spec/template/spec/containers/0/args").toString())
        .contains("--namespace=ml-a,ml-b");
  }

  @Test
  void withWatchNamespacesNoClusterRoleGrantsSecretsOrServiceAccountTokensEvenWithEveryOtherOption() {
    for (Rendered rendered : List.of(Rendered.chart("amlnet", "amlnet-system", "--set", "watchNamespaces={ml-a}"),
        Rendered.chart("amlnet", "amlnet-system", "-f", ALL_OPTIONS, "--set", "rbac.clusterWideSecrets=false"))) {
      assertThat(rendered.ofKind("ClusterRole")).isNotEmpty().allSatisfy(role ->
          assertThat(ChartServiceAccount.permissions(role)).noneMatch(p -> p.startsWith("/secrets ")
              || p.startsWith("/serviceaccounts/token ") || p.startsWith("/serviceaccounts ")));
    }
  }

  @Test
  void theAdmissionPolicyBindsEveryGrantDeniesWithoutOneAndAppliesOnlyInWatchedNamespaces() {
    Rendered all = Rendered.chart("amlnet", "amlnet-system");
    Rendered watched = Rendered.chart("amlnet", "amlnet-system", "--set", "watchNamespaces={ml-a,ml-b}");

    JsonNode policy = all.get("ValidatingAdmissionPolicy", "amlnet-amlnet-system-grants");
    JsonNode binding = all.get("ValidatingAdmissionPolicyBinding", "amlnet-amlnet-system-grants");
    assertThat(policy.at("/spec/paramKind/kind").asText()).isEqualTo("AzureAccessGrant");
    assertThat(policy.at("/spec/failurePolicy").asText()).isEqualTo("Fail");
    assertThat(binding.at("/spec/paramRef/parameterNotFoundAction").asText()).isEqualTo("Deny");
    assertThat(binding.at("/spec/paramRef/selector").isObject()).isTrue();
    assertThat(binding.at("/spec/validationActions").toString()).isEqualTo("[\"Deny\"]");
    assertThat(binding.at("/spec/matchResources").isMissingNode()).as("every namespace").isTrue();
    assertThat(watched.get("ValidatingAdmissionPolicyBinding", "amlnet-amlnet-system-grants")
        .at("/spec/matchResources/namespaceSelector/matchExpressions/0/values").toString())
        .isEqualTo("[\"ml-a\",\"ml-b\"]");
    assertThat(Rendered.chart("amlnet", "amlnet-system", "--set", "admissionPolicy.enabled=false")
        .ofKind("ValidatingAdmissionPolicy")).isEmpty();
  }

  @Test
  void secretsAreReadableClusterWideOnlyWhenAskedForAndNotesThenWarn() {
    assertThat(Rendered.chart("amlnet", "amlnet-system").yaml()).doesNotContain("secrets");
    Rendered asked = Rendered.chart("amlnet", "amlnet-system", "--set", "rbac.clusterWideSecrets=true");
    assertThat(ChartServiceAccount.permissions(asked.get("ClusterRole", "amlnet-amlnet-system-secrets")))
        .containsExactlyInAnyOrder("/secrets get", "/secrets list", "/secrets watch", "/secrets patch");

    String namespace = ControlPlane.createNamespace("amlnet-notes");
    Result quiet = Tools.helm("install", "amlnet", Tools.CHART.toString(), "-n", namespace, "--dry-run=server").ok();
    Result warned = Tools.helm("install", "amlnet", Tools.CHART.toString(), "-n", namespace, "--dry-run=server",
        "--set", "rbac.clusterWideSecrets=true").ok();
    assertThat(quiet.out()).doesNotContain("WARNING");
    assertThat(warned.out()).contains("WARNING: rbac.clusterWideSecrets=true").contains("can read and patch EVERY Secret");
  }

  @Test
  void kubeconformValidatesEveryObjectOfTheChartAndTheExamplesStrictly(KubernetesClient client,
      @TempDir Path schemas) throws IOException {
    String manifests = Rendered.chart("amlnet", "amlnet-system").yaml()
        + "\n---\n" + Rendered.chart("amlnet", "amlnet-system", "-f", ALL_OPTIONS, "--include-crds").yaml()
        + examples();
    List<JsonNode> objects = Rendered.parse(manifests).objects();
    Set<String> builtIn = objects.stream().map(o -> o.path("apiVersion").asText() + " " + o.path("kind").asText())
        .filter(kind -> !kind.startsWith("amlnet.io/") && !kind.startsWith("monitoring.coreos.com/"))
        .collect(Collectors.toCollection(java.util.TreeSet::new));
    assertThat(CrdJsonSchemas.write(Path.of("crds"), schemas.resolve("crds"))).hasSize(3);
    assertThat(OpenApiJsonSchemas.write(client.raw("/openapi/v2"), builtIn, schemas.resolve("core")))
        .containsExactlyElementsOf(builtIn);

    Result result = kubeconform(schemas, manifests);

    JsonNode summary = summary(result);
    assertThat(result.exit()).as(result.toString()).isZero();
    assertThat(summary.path("invalid").asInt()).isZero();
    assertThat(summary.path("errors").asInt()).isZero();
    assertThat(summary.path("skipped").asInt()).as("the ServiceMonitor: no schema offline").isEqualTo(1);
    assertThat(summary.path("valid").asInt()).isEqualTo(objects.size() - 1);
  }

  @Test
  void kubeconformRejectsAComputeThatBreaksTheCrdSchemaAndADeploymentWithAMisspelledField(KubernetesClient client,
      @TempDir Path schemas) throws IOException {
    CrdJsonSchemas.write(Path.of("crds"), schemas.resolve("crds"));
    OpenApiJsonSchemas.write(client.raw("/openapi/v2"), Set.of("apps/v1 Deployment"), schemas.resolve("core"));
    String compute = Files.readString(Path.of("examples/compute-aml-cluster.yaml"))
        .replaceFirst("maxNodes: \\d+", "maxNodes: many");
    String deployment = Rendered.chart("amlnet", "amlnet-system", "--show-only", "templates/deployment.yaml").yaml()
        .replace("readOnlyRootFilesystem", "readOnlyRootFileSystem");

    Result result = kubeconform(schemas, compute + "\n---\n" + deployment);

    assertThat(result.exit()).as(result.toString()).isNotZero();
    assertThat(summary(result).path("invalid").asInt()).isEqualTo(2);
    assertThat(result.out()).contains("maxNodes").contains("readOnlyRootFileSystem");
  }

  @Test
  void theRenderedChartPassesAServerSideDryRunWithDefaultValuesAndWithEveryOption(KubernetesClient client) {
    String namespace = ControlPlane.createNamespace("amlnet-chart");
    String teamA = ControlPlane.createNamespace("team-a");
    String teamB = ControlPlane.createNamespace("team-b");

    Result defaults = Tools.kubectl(Rendered.chart("amlnet", namespace).yaml(), "apply", "--dry-run=server",
        "-f", "-").ok();
    // ServiceMonitor is left out: the test API server has no prometheus-operator CRDs.
    Result everything = Tools.kubectl(Rendered.chart("amlnet", namespace, "-f", ALL_OPTIONS,
            "--set", "serviceMonitor.enabled=false", "--set", "watchNamespaces={" + teamA + "," + teamB + "}").yaml(),
        "apply", "--dry-run=server", "-f", "-").ok();

    assertThat(defaults.out()).contains("deployment.apps/amlnet created (server dry run)")
        .contains("clusterrole.rbac.authorization.k8s.io/amlnet-" + namespace + " created (server dry run)");
    assertThat(everything.out()).contains("poddisruptionbudget.policy/amlnet created (server dry run)")
        .contains("networkpolicy.networking.k8s.io/amlnet created (server dry run)")
        .contains("role.rbac.authorization.k8s.io/amlnet-" + namespace + " created (server dry run)");
  }

  @Test
  void helmInstallDryRunServerPasses() {
    String namespace = ControlPlane.createNamespace("amlnet-helm");

    Result result = Tools.helm("install", "amlnet", Tools.CHART.toString(), "--namespace", namespace,
        "--dry-run=server").ok();

    assertThat(result.out()).contains("STATUS: pending-install").contains("Check that it works:");
  }

  @Test
  void twoReleasesSideBySideEachReachOnlyTheirOwnNamespaces(KubernetesClient client) {
    String[] release = {ControlPlane.createNamespace("amlnet-a"), ControlPlane.createNamespace("amlnet-b")};
    String[] watched = {ControlPlane.createNamespace("team-a"), ControlPlane.createNamespace("team-b")};
    try {
      for (int i = 0; i < 2; i++) {
        // The same release name twice: only the namespaces tell them apart.
        Tools.helm("install", "amlnet", Tools.CHART.toString(), "--namespace", release[i],
            "--set", "watchNamespaces={" + watched[i] + "}").ok();
      }
      Set<String> first = objects(release[0]);
      Set<String> second = objects(release[1]);
      assertThat(first).doesNotContainAnyElementsOf(second);

      for (int i = 0; i < 2; i++) {
        String own = watched[i];
        String other = watched[1 - i];
        String serviceAccount = "system:serviceaccount:" + release[i] + ":amlnet";
        assertThat(can(client, release[i], "list", "amlnet.io", "trainingenvironments", own)).isTrue();
        assertThat(can(client, release[i], "patch", "amlnet.io", "trainingcomputes/status", own)).isTrue();
        assertThat(can(client, release[i], "create", "events.k8s.io", "events", own)).isTrue();
        assertThat(can(client, release[i], "get", "", "secrets", own)).as(serviceAccount).isTrue();
        assertThat(can(client, release[i], "patch", "", "secrets", own)).as(serviceAccount).isTrue();
        assertThat(can(client, release[i], "create", "coordination.k8s.io", "leases", release[i])).isTrue();
        assertThat(can(client, release[i], "get", "", "serviceaccounts", own)).isTrue();
        assertThat(can(client, release[i], "create", "", "serviceaccounts/token", own)).isTrue();

        assertThat(can(client, release[i], "list", "amlnet.io", "trainingenvironments", other)).isFalse();
        assertThat(can(client, release[i], "get", "", "secrets", other)).isFalse();
        assertThat(can(client, release[i], "patch", "", "secrets", other)).isFalse();
        assertThat(can(client, release[i], "get", "", "secrets", release[i])).isFalse();
        assertThat(can(client, release[i], "create", "", "serviceaccounts/token", other)).isFalse();
        assertThat(can(client, release[i], "list", "amlnet.io", "trainingenvironments", "")).as("cluster-wide").isFalse();
        assertThat(can(client, release[i], "update", "amlnet.io", "trainingenvironments", own)).isFalse();
        assertThat(can(client, release[i], "delete", "amlnet.io", "trainingenvironments", own)).isFalse();
        assertThat(can(client, release[i], "create", "coordination.k8s.io", "leases", release[1 - i])).isFalse();
        assertThat(can(client, release[i], "list", "amlnet.io", "azureaccessgrants", "")).isTrue();
        assertThat(can(client, release[i], "watch", "amlnet.io", "azureaccessgrants", "")).isTrue();
        assertThat(can(client, release[i], "create", "amlnet.io", "azureaccessgrants", "")).as("never").isFalse();
        assertThat(can(client, release[i], "update", "amlnet.io", "azureaccessgrants", "")).as("never").isFalse();
        assertThat(can(client, release[i], "get", "", "secrets", "")).as("no cluster-wide Secret").isFalse();
        assertThat(can(client, release[i], "list", "", "secrets", "")).as("no cluster-wide Secret").isFalse();
        assertThat(can(client, release[i], "create", "", "serviceaccounts/token", other)).isFalse();
        assertThat(can(client, release[i], "create", "", "serviceaccounts/token", "")).isFalse();
      }
    } finally {
      for (String namespace : release) {
        Tools.helm("uninstall", "amlnet", "--namespace", namespace, "--wait");
      }
    }
  }

  /** kind/namespace/name of everything a release installed, from helm's own record. */
  private static Set<String> objects(String namespace) {
    Rendered manifest = Rendered.parse(Tools.helm("get", "manifest", "amlnet", "--namespace", namespace).ok().out());
    assertThat(manifest.objects()).isNotEmpty();
    return manifest.objects().stream().map(o -> o.path("kind").asText() + "/" + o.at("/metadata/namespace").asText()
        + "/" + o.at("/metadata/name").asText()).collect(Collectors.toCollection(HashSet::new));
  }

  /** Whether the release's ServiceAccount may do this, as the API server's RBAC authorizer decides. */
  private static boolean can(KubernetesClient client, String releaseNamespace, String verb, String group,
      String resource, String namespace) {
    String[] parts = resource.split("/");
    return client.authorization().v1().subjectAccessReview().create(new SubjectAccessReviewBuilder()
        .withNewSpec()
        .withUser("system:serviceaccount:" + releaseNamespace + ":amlnet")
        .withGroups("system:serviceaccounts", "system:serviceaccounts:" + releaseNamespace, "system:authenticated")
        .withNewResourceAttributes().withVerb(verb).withGroup(group).withResource(parts[0])
        .withSubresource(parts.length > 1 ? parts[1] : null).withNamespace(namespace).endResourceAttributes()
        .endSpec().build()).getStatus().getAllowed();
  }

  /** kubeconform with the generated schemas only: amlnet's kinds first, then the built-in ones. */
  private static Result kubeconform(Path schemas, String manifests) {
    return Tools.run(manifests, List.of(Tools.kubeconformBinary().toString(), "-strict", "-summary",
        "-output", "json", "-skip", "ServiceMonitor",
        "-schema-location", schemas.resolve("crds").resolve(CrdJsonSchemas.LOCATION).toString(),
        "-schema-location", schemas.resolve("core").resolve(OpenApiJsonSchemas.LOCATION).toString(), "-"));
  }

  private static String examples() throws IOException {
    StringBuilder examples = new StringBuilder();
    try (Stream<Path> files = Files.list(Path.of("examples"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml") && !f.endsWith("sandbox-world.yaml"))
          .sorted().toList()) {
        examples.append("\n---\n").append(Files.readString(file));
      }
    }
    try (Stream<Path> files = Files.list(Path.of("examples/grants"))) {
      for (Path file : files.sorted().toList()) {
        examples.append("\n---\n").append(Files.readString(file));
      }
    }
    return examples.toString();
  }

  private static JsonNode summary(Result result) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(result.out()).path("summary");
    } catch (IOException e) {
      throw new AssertionError(result.toString(), e);
    }
  }

}
