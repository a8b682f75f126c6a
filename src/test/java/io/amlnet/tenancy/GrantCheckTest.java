package io.amlnet.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.amlnet.api.AttachedCompute;
import io.amlnet.api.AzureAccessGrantSpec;
import io.amlnet.api.AzureAccessGrantSpec.Identities;
import io.amlnet.api.AzureAccessGrantSpec.NamespaceSelector;
import io.amlnet.api.Credential;
import io.amlnet.api.Network;
import io.amlnet.api.NetworkSecurity;
import io.amlnet.api.TrainingComputeSpec;
import io.amlnet.api.TrainingEnvironmentSpec;
import io.amlnet.api.Workspace;
import io.amlnet.plan.Finding;
import io.amlnet.tenancy.GrantCheck.Grant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A namespace acts in Azure only inside the grants a cluster admin wrote for it. */
class GrantCheckTest {
  private static final String SUB = "/subscriptions/6f1e6c2a-9d2b-4a43-8c1e-2a6f9d3b7c10";
  private static final String NETWORK_RG = SUB + "/resourceGroups/rg-aml-network";
  private static final String VNET = NETWORK_RG + "/providers/Microsoft.Network/virtualNetworks/vnet-aml";
  private static final String WORKSPACE = SUB + "/resourceGroups/rg-aml/providers/Microsoft.MachineLearningServices"
      + "/workspaces/mlw-contoso";
  private static final String CLIENT_ID = "0b6f2a51-3c1d-4e8f-9a7b-5d2c1e0f4a39";
  private static final Identities OPERATOR = new Identities(true, null, null);

  private static TrainingEnvironmentSpec spec(Credential credential, NetworkSecurity nsg) {
    return new TrainingEnvironmentSpec("6f1e6c2a-9d2b-4a43-8c1e-2a6f9d3b7c10",
        new Workspace("rg-aml", "mlw-contoso", "eastus2"), new Network("rg-aml-network", "vnet-aml", "training"),
        nsg, null, null, null, credential, null);
  }

  private static Grant grant(String name, List<String> namespaces, List<String> scopes, Identities identities) {
    return new Grant(name, new AzureAccessGrantSpec(namespaces, null, scopes, identities));
  }

  private static Optional<Finding> environment(TrainingEnvironmentSpec spec, Grant... grants) {
    return GrantCheck.check("team-a", Map.of(), spec.credential(), TouchedScopes.of("team-a", "env", spec),
        List.of(grants));
  }

  @Test
  void withNoGrantSelectingTheNamespaceNothingIsAllowed() {
    Optional<Finding> refused = environment(spec(null, null),
        grant("team-b", List.of("team-b"), List.of("*"), OPERATOR));

    assertThat(refused).get().extracting(Finding::reason).isEqualTo("ScopeNotGranted");
    assertThat(refused.get().message()).contains("no AzureAccessGrant selects namespace team-a");
    assertThat(refused.get().isBlocking()).isTrue();
  }

  @Test
  void aGrantOfTheVnetAndTheWorkspaceAllowsTheEnvironment() {
    assertThat(environment(spec(null, null), grant("a", List.of("team-a"), List.of(VNET, WORKSPACE), OPERATOR)))
        .isEmpty();
  }

  @Test
  void scopesAreComparedCaseInsensitivelyAndASubscriptionCoversEverythingBelowIt() {
    assertThat(environment(spec(null, null), grant("a", List.of("team-a"), List.of(SUB.toUpperCase() + "/"), OPERATOR)))
        .isEmpty();
    assertThat(environment(spec(null, null),
        grant("a", List.of("team-a"), List.of(VNET.toLowerCase(), WORKSPACE.toUpperCase()), OPERATOR))).isEmpty();
  }

  @Test
  void anotherTeamsVnetIsRefusedNamingTheVnetAndTheGrant() {
    Optional<Finding> refused = environment(spec(null, null), grant("team-a", List.of("team-a"),
        List.of(NETWORK_RG + "/providers/Microsoft.Network/virtualNetworks/vnet-team-a", WORKSPACE), OPERATOR));

    assertThat(refused).get().extracting(Finding::reason).isEqualTo("ScopeNotGranted");
    assertThat(refused.get().message()).isEqualTo("AzureAccessGrant team-a does not let namespace team-a touch " + VNET);
  }

  @Test
  void aPrefixOfAResourceGroupNameDoesNotCoverIt() {
    assertThat(environment(spec(null, null),
        grant("a", List.of("team-a"), List.of(SUB + "/resourceGroups/rg-aml", WORKSPACE), OPERATOR)))
        .get().extracting(Finding::message).asString().endsWith(VNET);
  }

  @Test
  void theWorkspaceCounts() {
    assertThat(environment(spec(null, null), grant("a", List.of("team-a"), List.of(VNET), OPERATOR)))
        .get().extracting(Finding::message).asString().endsWith(WORKSPACE);
  }

  @Test
  void anExistingNsgCountsEvenBesideTheVnet() {
    NetworkSecurity existing = new NetworkSecurity(NetworkSecurity.NsgMode.Existing, "shared-training-nsg", null, null);

    assertThat(environment(spec(null, existing), grant("a", List.of("team-a"), List.of(VNET, WORKSPACE), OPERATOR)))
        .get().extracting(Finding::message).asString()
        .endsWith(NETWORK_RG + "/providers/Microsoft.Network/networkSecurityGroups/shared-training-nsg");
    assertThat(environment(spec(null, existing), grant("a", List.of("team-a"), List.of(NETWORK_RG, WORKSPACE), OPERATOR)))
        .isEmpty();
  }

  @Test
  void aManagedNsgInAnotherResourceGroupCountsButOneBesideTheVnetComesWithIt() {
    NetworkSecurity elsewhere = new NetworkSecurity(null, null, "rg-other", null);

    assertThat(environment(spec(null, elsewhere), grant("a", List.of("team-a"), List.of(VNET, WORKSPACE), OPERATOR)))
        .get().extracting(Finding::message).asString().contains("/resourceGroups/rg-other/");
    assertThat(environment(spec(null, NetworkSecurity.DEFAULT),
        grant("a", List.of("team-a"), List.of(VNET, WORKSPACE), OPERATOR))).isEmpty();
  }

  @Test
  void theOperatorsDefaultIdentityNeedsOperatorDefault() {
    Optional<Finding> refused = environment(spec(null, null),
        grant("a", List.of("team-a"), List.of("*"), new Identities(false, List.of("*"), List.of("*"))));

    assertThat(refused).get().extracting(Finding::reason).isEqualTo("IdentityNotGranted");
    assertThat(refused.get().message()).contains("the operator's default identity");
  }

  @Test
  void aClientIdMustBeListedAndAnotherTeamsIsRefusedByName() {
    Credential federated = new Credential(null, CLIENT_ID, null);
    Identities teamB = new Identities(false, null, List.of("9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f"));

    Optional<Finding> refused = environment(spec(federated, null), grant("a", List.of("team-a"), List.of("*"), teamB));

    assertThat(refused).get().extracting(Finding::reason).isEqualTo("IdentityNotGranted");
    assertThat(refused.get().message()).endsWith("client ID " + CLIENT_ID);
    assertThat(environment(spec(federated, null), grant("a", List.of("team-a"), List.of("*"),
        new Identities(false, null, List.of(CLIENT_ID.toUpperCase()))))).isEmpty();
  }

  @Test
  void aServiceAccountMustBeListed() {
    Credential own = new Credential(null, null, "trainer");

    assertThat(environment(spec(own, null), grant("a", List.of("team-a"), List.of("*"),
        new Identities(true, List.of("other"), null)))).get().extracting(Finding::message).asString()
        .endsWith("ServiceAccount trainer");
    assertThat(environment(spec(own, null), grant("a", List.of("team-a"), List.of("*"),
        new Identities(false, List.of("trainer"), null)))).isEmpty();
  }

  @Test
  void aSecretCredentialIsTheNamespacesOwnAndNeedsNoIdentityEntryButScopesStillApply() {
    Credential secret = new Credential("sp-login", null, null);

    assertThat(environment(spec(secret, null), grant("a", List.of("team-a"), List.of(VNET, WORKSPACE),
        new Identities(false, null, null)))).isEmpty();
    assertThat(environment(spec(secret, null), grant("a", List.of("team-a"), List.of(WORKSPACE),
        new Identities(false, null, null)))).get().extracting(Finding::reason).isEqualTo("ScopeNotGranted");
  }

  @Test
  void grantsAreFencesEveryGrantSelectingTheNamespaceMustAllowIt() {
    Grant everything = grant("everything", List.of("team-a"), List.of("*"), OPERATOR);
    Grant narrow = grant("narrow", List.of("team-a"), List.of(WORKSPACE), OPERATOR);

    assertThat(environment(spec(null, null), everything, narrow)).get().extracting(Finding::message).asString()
        .startsWith("AzureAccessGrant narrow ");
  }

  @Test
  void aLabelSelectorSelectsNamespacesAndAnEmptyOneSelectsAll() {
    AzureAccessGrantSpec byLabel = new AzureAccessGrantSpec(null, new NamespaceSelector(Map.of("team", "a")),
        List.of("*"), OPERATOR);
    AzureAccessGrantSpec all = new AzureAccessGrantSpec(null, new NamespaceSelector(null), List.of("*"), OPERATOR);

    assertThat(GrantCheck.selects(byLabel, "x", Map.of("team", "a", "env", "prod"))).isTrue();
    assertThat(GrantCheck.selects(byLabel, "x", Map.of("team", "b"))).isFalse();
    assertThat(GrantCheck.selects(byLabel, "x", Map.of())).isFalse();
    assertThat(GrantCheck.selects(all, "anything", Map.of())).isTrue();
  }

  @Test
  void anAttachedComputesTargetCounts() {
    String vm = SUB + "/resourceGroups/rg-team-b/providers/Microsoft.Compute/virtualMachines/dsvm";
    TrainingComputeSpec attach = new TrainingComputeSpec("env", TrainingComputeSpec.ComputeKind.VirtualMachine, null,
        null, null, null, new AttachedCompute(vm, null, "login"));
    List<String> scopes = TouchedScopes.of("team-a", "env", spec(null, null), attach);

    assertThat(GrantCheck.check("team-a", Map.of(), null, scopes,
        List.of(grant("a", List.of("team-a"), List.of(VNET, WORKSPACE), OPERATOR))))
        .get().extracting(Finding::message).asString().endsWith(vm);
  }
}
