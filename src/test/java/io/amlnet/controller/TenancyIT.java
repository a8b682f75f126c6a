package io.amlnet.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.amlnet.api.AzureAccessGrant;
import io.amlnet.api.AzureAccessGrantSpec.Identities;
import io.amlnet.api.TrainingEnvironment;
import io.amlnet.testing.ControlPlane;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator enforces the grants itself (the admission policy may be absent): an object outside
 * its namespace's AzureAccessGrants stalls with ScopeNotGranted or IdentityNotGranted before one ARM
 * request of any kind, and a grant given later lets it proceed without an edit of the object.
 */
@ExtendWith(ControlPlane.class)
class TenancyIT {
  private static final String SUB = "/subscriptions/6f1e6c2a-9d2b-4a43-8c1e-2a6f9d3b7c10";
  private static final String TEAM_B_VNET = SUB + "/resourceGroups/rg-aml-network/providers/Microsoft.Network"
      + "/virtualNetworks/vnet-aml";
  private static final String TEAM_A_VNET = SUB + "/resourceGroups/rg-aml-network/providers/Microsoft.Network"
      + "/virtualNetworks/vnet-team-a";
  private static final String WORKSPACE = SUB + "/resourceGroups/rg-aml";
  private static final Identities OPERATOR = new Identities(true, null, null);
  private static final Duration STALLED = Duration.ofSeconds(120);

  @Test
  void withNoGrantTheEnvironmentAndItsComputeStallWithNoArmRequestAndAGrantLetsThemProceed() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.startWithoutGrant(OperatorIT.NEVER)) {
      sandbox.apply("open-outbound.yaml");

      Condition env = sandbox.awaitEnvironment("open-outbound", Conditions.STALLED, "True", STALLED);
      Condition compute = sandbox.awaitCompute("cpu-cluster", Conditions.STALLED, "True", STALLED);

      assertThat(env.getReason()).isEqualTo("ScopeNotGranted");
      assertThat(env.getMessage()).isEqualTo("no AzureAccessGrant selects namespace " + sandbox.namespace
          + ", so it may touch no Azure scope");
      assertThat(compute.getReason()).isEqualTo("ScopeNotGranted");
      assertThat(sandbox.arm.requests().counts().total()).as("ARM requests of any kind").isZero();

      long generation = sandbox.environment("open-outbound").getMetadata().getGeneration();
      try {
        OperatorSandbox.grant(sandbox.kube, OperatorSandbox.allowEverything(sandbox.namespace));
        sandbox.awaitEnvironment("open-outbound", Conditions.READY, "True", OperatorIT.READY);
        sandbox.awaitCompute("cpu-cluster", Conditions.READY, "True", OperatorIT.READY);
        assertThat(sandbox.environment("open-outbound").getMetadata().getGeneration())
            .as("not edited: the grant's watch woke it").isEqualTo(generation);
      } finally {
        cleanUp(sandbox);
      }
    }
  }

  @Test
  void anEnvironmentPointingAtAnotherTeamsVnetStallsWithScopeNotGrantedAndNoArmRequest() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.startWithoutGrant(OperatorIT.NEVER)) {
      String grant = "team-a-" + sandbox.namespace;
      OperatorSandbox.grant(sandbox.kube, OperatorSandbox.grant(grant, List.of(sandbox.namespace),
          List.of(TEAM_A_VNET, WORKSPACE), OPERATOR));
      try {
        sandbox.apply("open-outbound.yaml");

        Condition stalled = sandbox.awaitEnvironment("open-outbound", Conditions.STALLED, "True", STALLED);

        assertThat(stalled.getReason()).isEqualTo("ScopeNotGranted");
        assertThat(stalled.getMessage()).isEqualTo("AzureAccessGrant " + grant + " does not let namespace "
            + sandbox.namespace + " touch " + TEAM_B_VNET);
        assertThat(sandbox.awaitCompute("cpu-cluster", Conditions.STALLED, "True", STALLED).getReason())
            .isEqualTo("ScopeNotGranted");
        assertThat(sandbox.arm.requests().counts().total()).as("ARM requests of any kind").isZero();
      } finally {
        sandbox.kube.resources(AzureAccessGrant.class).withName(grant).delete();
      }
    }
  }

  @Test
  void anotherTeamsClientIdStallsWithIdentityNotGrantedAndNoArmRequest() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.startWithoutGrant(OperatorIT.NEVER)) {
      String grant = "team-a-" + sandbox.namespace;
      OperatorSandbox.grant(sandbox.kube, OperatorSandbox.grant(grant, List.of(sandbox.namespace), List.of("*"),
          new Identities(true, List.of("trainer"), List.of("0b6f2a51-3c1d-4e8f-9a7b-5d2c1e0f4a39"))));
      try {
        sandbox.apply("open-outbound.yaml", yaml -> yaml.replace("  outbound:\n    mode: Open",
            "  credential:\n    federatedClientId: 9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f\n  outbound:\n    mode: Open"));

        Condition stalled = sandbox.awaitEnvironment("open-outbound", Conditions.STALLED, "True", STALLED);

        assertThat(stalled.getReason()).isEqualTo("IdentityNotGranted");
        assertThat(stalled.getMessage()).isEqualTo("AzureAccessGrant " + grant + " does not let namespace "
            + sandbox.namespace + " use client ID 9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f");
        assertThat(sandbox.arm.requests().counts().total()).as("ARM requests of any kind").isZero();
      } finally {
        sandbox.kube.resources(AzureAccessGrant.class).withName(grant).delete();
      }
    }
  }

  /** An attach target outside the grant stalls only its compute; the environment never reads it and gets Ready. */
  @Test
  void anAttachTargetOutsideTheGrantStallsOnlyItsComputeAndIsNeverRead() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.startWithoutGrant(OperatorIT.NEVER)) {
      String grant = "vnet-and-workspace-" + sandbox.namespace;
      OperatorSandbox.grant(sandbox.kube, OperatorSandbox.grant(grant, List.of(sandbox.namespace),
          List.of(TEAM_B_VNET, WORKSPACE), OPERATOR));
      try {
        sandbox.apply("open-outbound.yaml", OperatorIT::environmentOnly);
        sandbox.apply("compute-vm.yaml");

        Condition stalled = sandbox.awaitCompute("ubuntu-vm", Conditions.STALLED, "True", STALLED);
        // Ready is about the environment's own plan, read back from Azure: it did read its facts.
        sandbox.awaitEnvironment("open-outbound", Conditions.READY, "True", OperatorIT.READY);

        assertThat(stalled.getReason()).isEqualTo("ScopeNotGranted");
        assertThat(stalled.getMessage()).endsWith("/virtualMachines/vm-ubuntu-train");
        assertThat(sandbox.arm.requests().entries()).as("the VM is never read")
            .noneMatch(e -> e.path().toLowerCase().contains("/virtualmachines/"));
      } finally {
        sandbox.kube.resources(AzureAccessGrant.class).withName(grant).delete();
      }
    }
  }

  /** A grant may select namespaces by label: the operator reads the namespace's labels (by name, as the chart allows). */
  @Test
  void aGrantThatSelectsTheNamespaceByLabelLetsItProceed() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.startWithoutGrant(OperatorIT.NEVER)) {
      String team = "t-" + sandbox.namespace;
      sandbox.kube.namespaces().withName(sandbox.namespace).edit(ns -> {
        ns.getMetadata().getLabels().put("amlnet.io/it-team", team);
        return ns;
      });
      AzureAccessGrant byLabel = OperatorSandbox.grant("by-label-" + sandbox.namespace, null, List.of("*"), OPERATOR);
      byLabel.setSpec(new io.amlnet.api.AzureAccessGrantSpec(null,
          new io.amlnet.api.AzureAccessGrantSpec.NamespaceSelector(java.util.Map.of("amlnet.io/it-team", team)),
          List.of("*"), OPERATOR));
      OperatorSandbox.grant(sandbox.kube, byLabel);
      try {
        sandbox.apply("open-outbound.yaml", OperatorIT::environmentOnly);

        sandbox.awaitEnvironment("open-outbound", Conditions.READY, "True", OperatorIT.READY);
      } finally {
        sandbox.kube.resource(byLabel).delete();
        cleanUp(sandbox);
      }
    }
  }

  /**
   * A grant withdrawn from a running environment: amlnet stops acting at once (the watch remembers
   * what the grant selected), and deletion leaves Azure alone and waits, saying why, until a grant
   * covers it again.
   */
  @Test
  void aWithdrawnGrantStopsAllArmRequestsAndDeletionWaitsUntilItIsGrantedAgain() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(OperatorIT.FAST_RESYNC, o -> { })) {
      sandbox.apply("open-outbound.yaml", OperatorIT::environmentOnly);
      sandbox.awaitEnvironment("open-outbound", Conditions.READY, "True", OperatorIT.READY);
      String nsg = sandbox.environment("open-outbound").getStatus().getAzureResources().networkSecurityGroupId();

      sandbox.kube.resource(OperatorSandbox.allowEverything(sandbox.namespace)).delete();
      assertThat(sandbox.awaitEnvironment("open-outbound", Conditions.STALLED, "True", STALLED).getReason())
          .isEqualTo("ScopeNotGranted");
      long before = sandbox.arm.requests().counts().total();
      sandbox.kube.resources(TrainingEnvironment.class).inNamespace(sandbox.namespace).withName("open-outbound")
          .delete();
      sandbox.awaitArm("deletion waits and says so", arm -> {
        TrainingEnvironment env = sandbox.environment("open-outbound");
        Condition c = env == null ? null : Conditions.find(env.getStatus().getConditions(), Conditions.STALLED);
        return c != null && c.getMessage().startsWith("deletion waits: ");
      }, STALLED);
      OperatorSandbox.sleep(3 * OperatorIT.FAST_RESYNC.toMillis()); // several resyncs

      assertThat(sandbox.arm.requests().counts().total()).as("no ARM request after the grant went").isEqualTo(before);
      assertThat(sandbox.arm.readResource(nsg)).as("the NSG amlnet made is still there").isPresent();

      OperatorSandbox.grant(sandbox.kube, OperatorSandbox.allowEverything(sandbox.namespace));
      sandbox.awaitArm("the environment is cleaned up and gone",
          arm -> sandbox.environment("open-outbound") == null && arm.readResource(nsg).isEmpty(), OperatorIT.READY);
    }
  }

  private static void cleanUp(OperatorSandbox sandbox) {
    sandbox.kube.resources(io.amlnet.api.TrainingCompute.class).inNamespace(sandbox.namespace).delete();
    sandbox.kube.resources(TrainingEnvironment.class).inNamespace(sandbox.namespace).delete();
  }
}
