package io.amlnet.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.amlnet.api.AzureAccessGrant;
import io.amlnet.api.AzureAccessGrantSpec.Identities;
import io.amlnet.deploy.ChartAdmissionPolicy;
import io.amlnet.deploy.ChartAdmissionPolicy.Kubectl;
import io.amlnet.testing.ControlPlane;
import io.amlnet.testing.Crds;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Both layers of the grants on a real kube-apiserver: the chart's ValidatingAdmissionPolicy refuses
 * team A's environment that points at team B's VNet at kubectl apply time, and with the policy
 * removed the operator itself stalls it (ScopeNotGranted) before one ARM request.
 */
@ExtendWith(ControlPlane.class)
class TenancyAdmissionIT {
  private static final String SUB = "/subscriptions/6f1e6c2a-9d2b-4a43-8c1e-2a6f9d3b7c10";
  private static final String NETWORK_RG = SUB + "/resourceGroups/rg-aml-network/providers/Microsoft.Network";
  /** The sandbox world's VNet, team B's here. */
  private static final String TEAM_B_VNET = NETWORK_RG + "/virtualNetworks/vnet-aml";
  private static final String TEAM_A_VNET = NETWORK_RG + "/virtualNetworks/vnet-team-a";
  private static final String WORKSPACES = SUB + "/resourceGroups/rg-aml";
  private static final Identities OPERATOR = new Identities(true, null, null);
  private static final Duration POLICY_ACTIVE = Duration.ofSeconds(120);

  @BeforeAll
  static void crds(KubernetesClient client) {
    Crds.installAll(client, Crds.CHECKED_IN);
  }

  @Test
  void theApiServerRunsValidatingAdmissionPolicies(KubernetesClient client) {
    assertThat(client.getApiGroups().getGroups()).anySatisfy(group -> {
      assertThat(group.getName()).isEqualTo("admissionregistration.k8s.io");
      assertThat(group.getVersions()).anySatisfy(v -> assertThat(v.getVersion()).isEqualTo("v1"));
    });
    assertThat(client.getApiResources("admissionregistration.k8s.io/v1").getResources())
        .extracting(r -> r.getKind()).contains("ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding");
  }

  @Test
  void anotherTeamsVnetIsRefusedAtApplyAndWithThePolicyRemovedTheOperatorStallsItWithNoArmRequest() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.startWithoutGrant(OperatorIT.NEVER)) {
      String teamA = sandbox.namespace;
      String teamB = ControlPlane.createNamespace("team-b");
      String grantA = "team-a-" + teamA;
      String grantB = "team-b-" + teamB;
      OperatorSandbox.grant(sandbox.kube, OperatorSandbox.grant(grantA, List.of(teamA),
          List.of(TEAM_A_VNET, WORKSPACES), OPERATOR));
      OperatorSandbox.grant(sandbox.kube, OperatorSandbox.grant(grantB, List.of(teamB),
          List.of(TEAM_B_VNET, WORKSPACES), OPERATOR));
      String policy = ChartAdmissionPolicy.render(teamA, List.of(teamA, teamB));
      try {
        ok(ChartAdmissionPolicy.kubectl(policy, "apply"));
        String intoTeamB = environment(teamA);
        awaitDryRun(intoTeamB, result -> result.exit() != 0, "the policy refuses team A's environment");

        Kubectl refused = ChartAdmissionPolicy.kubectl(intoTeamB, "apply");

        System.out.println("[tenancy] kubectl apply: " + refused.err().strip());
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).contains("denied request")
            .contains("ScopeNotGranted: AzureAccessGrant " + grantA + " does not let namespace " + teamA + " touch "
                + TEAM_B_VNET.toLowerCase());
        assertThat(sandbox.environment("open-outbound")).as("nothing was stored").isNull();
        assertThat(ChartAdmissionPolicy.kubectl(environment(teamB), "apply", "--dry-run=server").exit())
            .as("team B's own environment in its VNet is admitted").isZero();

        ok(ChartAdmissionPolicy.kubectl(policy, "delete"));
        awaitDryRun(intoTeamB, result -> result.exit() == 0, "without the policy the environment is admitted");
        assertThat(ChartAdmissionPolicy.kubectl(intoTeamB, "apply").exit()).isZero();
        Condition stalled = sandbox.awaitEnvironment("open-outbound", Conditions.STALLED, "True",
            Duration.ofSeconds(120));

        assertThat(stalled.getReason()).isEqualTo("ScopeNotGranted");
        assertThat(stalled.getMessage()).isEqualTo("AzureAccessGrant " + grantA + " does not let namespace " + teamA
            + " touch " + TEAM_B_VNET);
        assertThat(sandbox.arm.requests().counts().total()).as("ARM requests of any kind").isZero();
      } finally {
        ChartAdmissionPolicy.kubectl(policy, "delete", "--ignore-not-found");
        sandbox.kube.resources(AzureAccessGrant.class).withName(grantA).delete();
        sandbox.kube.resources(AzureAccessGrant.class).withName(grantB).delete();
        sandbox.kube.namespaces().withName(teamB).delete();
      }
    }
  }

  @Test
  void anotherTeamsClientIdIsRefusedAtApply() throws Exception {
    String teamA = ControlPlane.createNamespace("team-a");
    String grantA = "team-a-" + teamA;
    KubernetesClient kube = ControlPlane.client();
    OperatorSandbox.grant(kube, OperatorSandbox.grant(grantA, List.of(teamA), List.of("*"),
        new Identities(true, List.of("trainer"), List.of("0b6f2a51-3c1d-4e8f-9a7b-5d2c1e0f4a39"))));
    String policy = ChartAdmissionPolicy.render(teamA, List.of(teamA));
    try {
      ok(ChartAdmissionPolicy.kubectl(policy, "apply"));
      String teamBsIdentity = environment(teamA).replace("  outbound:\n    mode: Open",
          "  credential:\n    federatedClientId: 9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f\n  outbound:\n    mode: Open");
      String ownServiceAccount = environment(teamA).replace("  outbound:\n    mode: Open",
          "  credential:\n    serviceAccountName: trainer\n  outbound:\n    mode: Open");

      Kubectl refused = awaitDryRun(teamBsIdentity, result -> result.exit() != 0, "the policy refuses the client ID");

      assertThat(refused.err()).contains("IdentityNotGranted: AzureAccessGrant " + grantA + " does not let namespace "
          + teamA + " use client ID 9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f");
      assertThat(ChartAdmissionPolicy.kubectl(ownServiceAccount, "apply", "--dry-run=server").exit())
          .as("its own granted ServiceAccount is admitted").isZero();
    } finally {
      ChartAdmissionPolicy.kubectl(policy, "delete", "--ignore-not-found");
      kube.resources(AzureAccessGrant.class).withName(grantA).delete();
      kube.namespaces().withName(teamA).delete();
    }
  }

  @Test
  void aGrantMustSelectNamespacesAndItsScopesAreSubscriptionsResourceGroupsOrVnets() {
    Kubectl noNamespaces = ChartAdmissionPolicy.kubectl("""
        apiVersion: amlnet.io/v1alpha1
        kind: AzureAccessGrant
        metadata: {name: selects-nothing}
        spec: {scopes: ["*"], identities: {operatorDefault: true}}
        """, "apply", "--dry-run=server");
    Kubectl anNsg = ChartAdmissionPolicy.kubectl("""
        apiVersion: amlnet.io/v1alpha1
        kind: AzureAccessGrant
        metadata: {name: an-nsg}
        spec:
          namespaces: [team-a]
          scopes: [%s/networkSecurityGroups/shared-training-nsg]
          identities: {operatorDefault: true}
        """.formatted(NETWORK_RG), "apply", "--dry-run=server");

    assertThat(noNamespaces.exit()).isNotZero();
    assertThat(noNamespaces.err()).contains("name the namespaces, select them by label, or both");
    assertThat(anNsg.exit()).isNotZero();
    assertThat(anNsg.err()).contains("spec.scopes[0]").contains("should match");
  }

  private static Kubectl ok(Kubectl result) {
    assertThat(result.exit()).as(result.err()).isZero();
    return result;
  }

  /** The open-outbound example, in a namespace, pointing at team B's VNet. */
  private static String environment(String namespace) throws Exception {
    return OperatorIT.environmentOnly(Files.readString(Path.of("examples/open-outbound.yaml")))
        .replace("namespace: ml-team", "namespace: " + namespace);
  }

  /** The policy takes effect a moment after it is created or deleted: probe with a server-side dry run. */
  private static Kubectl awaitDryRun(String yaml, Predicate<Kubectl> done, String what) {
    long deadline = System.nanoTime() + POLICY_ACTIVE.toNanos();
    Kubectl last = null;
    while (System.nanoTime() < deadline) {
      last = ChartAdmissionPolicy.kubectl(yaml, "apply", "--dry-run=server");
      if (done.test(last)) {
        return last;
      }
      OperatorSandbox.sleep(500);
    }
    throw new AssertionError("within " + POLICY_ACTIVE.toSeconds() + " s: " + what + "; last: " + last);
  }
}
