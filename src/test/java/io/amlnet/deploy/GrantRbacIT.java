package io.amlnet.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.amlnet.api.AzureAccessGrant;
import io.amlnet.api.AzureAccessGrantSpec;
import io.amlnet.testing.ControlPlane;
import io.amlnet.testing.Crds;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Namespace users cannot widen their own grant: AzureAccessGrant is cluster-scoped and amlnet adds it
 * to none of the built-in aggregated roles, so a ServiceAccount holding Kubernetes' own admin or edit
 * role (even cluster-wide) is forbidden to create, update or delete one, as is the operator itself.
 *
 * <p>admin and edit are aggregated ClusterRoles, which kube-controller-manager fills from every
 * ClusterRole labelled aggregate-to-admin / aggregate-to-edit; the test control plane has no
 * controller manager, so the test aggregates them itself (into a role of its own) from exactly those
 * labelled ClusterRoles, amlnet's chart included if it labelled any.
 */
@ExtendWith(ControlPlane.class)
class GrantRbacIT {
  private static final String EXISTING = "grant-rbac-existing";

  @BeforeAll
  static void crdsAndAGrant(KubernetesClient admin) {
    Crds.installAll(admin, Crds.CHECKED_IN);
    admin.resource(grant(EXISTING)).serverSideApply();
  }

  @Test
  void aNamespaceAdminCannotCreateUpdateOrDeleteAGrant(KubernetesClient admin) throws Exception {
    String namespace = ControlPlane.createNamespace("team");
    serviceAccount(admin, namespace, "team-admin");
    admin.rbac().roleBindings().inNamespace(namespace).resource(new RoleBindingBuilder()
        .withNewMetadata().withName("team-admin").endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", aggregated(admin, "admin"))
        .addNewSubject().withKind("ServiceAccount").withName("team-admin").withNamespace(namespace).endSubject()
        .build()).create();

    try (KubernetesClient teamAdmin = as(namespace, "team-admin")) {
      awaitAllowed(() -> teamAdmin.pods().inNamespace(namespace).list()); // the binding has reached the authorizer
      assertForbiddenToWriteGrants(teamAdmin);
    }
  }

  @Test
  void evenAClusterWideEditorCannotWriteAGrant(KubernetesClient admin) throws Exception {
    String namespace = ControlPlane.createNamespace("team");
    serviceAccount(admin, namespace, "editor");
    String binding = "grant-rbac-editor-" + namespace;
    admin.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder()
        .withNewMetadata().withName(binding).endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", aggregated(admin, "edit"))
        .addNewSubject().withKind("ServiceAccount").withName("editor").withNamespace(namespace).endSubject()
        .build()).create();
    try (KubernetesClient editor = as(namespace, "editor")) {
      awaitAllowed(() -> editor.configMaps().inAnyNamespace().list());
      assertForbiddenToWriteGrants(editor);
    } finally {
      admin.rbac().clusterRoleBindings().withName(binding).delete();
    }
  }

  @Test
  void theOperatorOnlyReadsGrants(KubernetesClient admin) {
    String namespace = ControlPlane.createNamespace("amlnet-rbac");
    try (KubernetesClient operator = ChartServiceAccount.install(namespace)) {
      assertThat(operator.resources(AzureAccessGrant.class).list().getItems())
          .anyMatch(g -> g.getMetadata().getName().equals(EXISTING));
      assertForbiddenToWriteGrants(operator);
    }
  }

  /**
   * The built-in aggregated ClusterRole's rules as kube-controller-manager would fill them, in a
   * ClusterRole named after it; returns that name.
   */
  private static String aggregated(KubernetesClient admin, String builtIn) {
    List<PolicyRule> rules = rulesOf(admin, admin.rbac().clusterRoles().withName(builtIn).get(), new HashSet<>());
    assertThat(rules).as("the bootstrap roles aggregated into " + builtIn).hasSizeGreaterThan(10)
        .noneMatch(r -> r.getResources().contains("azureaccessgrants") || r.getApiGroups().contains("amlnet.io")
            && r.getResources().contains("*"));
    String name = "amlnet-it-aggregated-" + builtIn;
    admin.rbac().clusterRoles().resource(new ClusterRoleBuilder()
        .withNewMetadata().withName(name).endMetadata().withRules(rules).build()).serverSideApply();
    return name;
  }

  /** A ClusterRole's rules, through aggregation (edit is aggregated into admin, view into edit). */
  private static List<PolicyRule> rulesOf(KubernetesClient admin, ClusterRole role, Set<String> seen) {
    if (!seen.add(role.getMetadata().getName())) {
      return List.of();
    }
    if (role.getAggregationRule() == null) {
      return role.getRules() == null ? List.of() : role.getRules();
    }
    List<PolicyRule> rules = new ArrayList<>();
    for (var selector : role.getAggregationRule().getClusterRoleSelectors()) {
      for (ClusterRole labelled : admin.rbac().clusterRoles().withLabels(selector.getMatchLabels()).list().getItems()) {
        rules.addAll(rulesOf(admin, labelled, seen));
      }
    }
    return rules;
  }

  /** RBAC changes reach the API server's authorizer a moment after they are stored. */
  private static void awaitAllowed(Runnable read) {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
    while (true) {
      try {
        read.run();
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 403 || System.nanoTime() > deadline) {
          throw e;
        }
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private static void assertForbiddenToWriteGrants(KubernetesClient user) {
    forbidden(user, u -> u.resource(grant("widened-" + System.nanoTime())).create());
    forbidden(user, u -> {
      AzureAccessGrant widened = grant(EXISTING);
      widened.getSpec().namespaces().set(0, "everyone");
      u.resource(widened).update();
    });
    forbidden(user, u -> u.resources(AzureAccessGrant.class).withName(EXISTING).patch(
        io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
        "{\"spec\":{\"namespaces\":[\"everyone\"]}}"));
    forbidden(user, u -> u.resources(AzureAccessGrant.class).withName(EXISTING).delete());
  }

  private static void forbidden(KubernetesClient user, Consumer<KubernetesClient> write) {
    KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class, () -> write.accept(user));
    assertThat(e).as("refused").isNotNull();
    assertThat(e.getCode()).as(e.getMessage()).isEqualTo(403);
  }

  private static AzureAccessGrant grant(String name) {
    AzureAccessGrant grant = new AzureAccessGrant();
    grant.setMetadata(new ObjectMetaBuilder().withName(name).build());
    grant.setSpec(new AzureAccessGrantSpec(new java.util.ArrayList<>(List.of("nobody")), null, List.of("*"),
        new AzureAccessGrantSpec.Identities(false, null, null)));
    return grant;
  }

  private static void serviceAccount(KubernetesClient admin, String namespace, String name) {
    admin.serviceAccounts().inNamespace(namespace).resource(new ServiceAccountBuilder().withNewMetadata()
        .withName(name).endMetadata().build()).create();
  }

  /** A client that impersonates the ServiceAccount, as the API server would authenticate its token. */
  private static KubernetesClient as(String namespace, String serviceAccount) throws Exception {
    Config admin = Config.fromKubeconfig(Files.readString(ControlPlane.kubeconfig()));
    return new KubernetesClientBuilder().withConfig(new ConfigBuilder(admin)
        .withImpersonateUsername("system:serviceaccount:" + namespace + ":" + serviceAccount)
        .withImpersonateGroups("system:serviceaccounts", "system:serviceaccounts:" + namespace, "system:authenticated")
        .build()).build();
  }
}
