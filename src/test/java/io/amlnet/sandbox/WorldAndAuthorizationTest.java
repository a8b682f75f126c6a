package io.amlnet.sandbox;

import static io.amlnet.sandbox.EmulatorHarness.group;
import static io.amlnet.sandbox.EmulatorHarness.net;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The world file seeds what exists; permissions and locks are served at any scope. */
class WorldAndAuthorizationTest {
  private static final String EXAMPLE_SUB = "6f1e6c2a-9d2b-4a43-8c1e-2a6f9d3b7c10";

  @Test
  void exampleWorldLoadsWithEverythingAmlnetLooksAt() throws Exception {
    try (var arm = new EmulatorHarness(WorldSpec.load(Path.of("examples/sandbox-world.yaml")), EmulatorOptions.defaults())) {
      String rg = "/subscriptions/" + EXAMPLE_SUB + "/resourceGroups/";
      var vnet = arm.get(rg + "rg-aml-network/providers/Microsoft.Network/virtualNetworks/vnet-aml").body();
      assertThat(vnet.path("properties").path("subnets").findValuesAsText("name"))
          .contains("training", "default", "databricks-private", "databricks-public", "aci");
      var training = arm.get(rg + "rg-aml-network/providers/Microsoft.Network/virtualNetworks/vnet-aml/subnets/training").body();
      assertThat(training.path("properties").path("ipConfigurations").size()).isEqualTo(12);
      var ws = arm.get(rg + "rg-aml/providers/Microsoft.MachineLearningServices/workspaces/mlw-contoso?api-version=2024-10-01").body();
      assertThat(ws.path("location").asText()).isEqualTo("eastus2");

      var tags = arm.get("/subscriptions/" + EXAMPLE_SUB + "/providers/Microsoft.Network/locations/eastus2/serviceTags").body();
      Set<String> names = new HashSet<>(tags.path("values").findValuesAsText("name"));
      assertThat(names).contains("AzureMachineLearning", "BatchNodeManagement", "Storage", "AzureContainerRegistry",
          "AzureResourceManager", "AzureActiveDirectory", "MicrosoftContainerRegistry", "AzureFrontDoor.FirstParty",
          "Storage.EastUS2", "Storage.CentralUS", "BatchNodeManagement.EastUS2", "BatchNodeManagement.CentralUS",
          "AzureMachineLearning.EastUS2", "AzureMachineLearning.CentralUS");
    }
  }

  @Test
  void permissionsAreInheritedFromTheScopesAbove() {
    try (var arm = new EmulatorHarness()) {
      var r = arm.get(net("rg-net", "virtualNetworks/vnet1/subnets/training")
          + "/providers/Microsoft.Authorization/permissions?api-version=2022-04-01");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body().path("value").get(0).path("actions").toString())
          .contains("Microsoft.Network/virtualNetworks/subnets/join/action");
      var none = arm.get(group("rg-ml") + "/providers/Microsoft.Authorization/permissions?api-version=2022-04-01");
      assertThat(none.body().path("value").size()).isZero();
    }
  }

  @Test
  void locksFromTheWorldAreListed() {
    try (var arm = new EmulatorHarness()) {
      var r = arm.get(group("rg-locked") + "/providers/Microsoft.Authorization/locks?api-version=2020-05-01");
      assertThat(r.body().path("value").get(0).path("properties").path("level").asText()).isEqualTo("CanNotDelete");
    }
  }

  @Test
  void canNotDeleteLockBlocksDeletesUntilRemoved() {
    try (var arm = new EmulatorHarness()) {
      arm.put(net("rg-net", "routeTables/keep-me"), "{\"location\":\"eastus2\"}");
      String lock = group("rg-net") + "/providers/Microsoft.Authorization/locks/no-delete?api-version=2020-05-01";
      assertThat(arm.put(lock, "{\"properties\":{\"level\":\"CanNotDelete\"}}").status()).isEqualTo(201);
      var refused = arm.delete(net("rg-net", "routeTables/keep-me"));
      assertThat(refused.status()).isEqualTo(409);
      assertThat(refused.errorCode()).isEqualTo("ScopeLocked");
      assertThat(arm.put(net("rg-net", "routeTables/keep-me"), "{\"location\":\"eastus2\"}").status()).isEqualTo(200);

      assertThat(arm.delete(lock).status()).isEqualTo(200);
      assertThat(arm.delete(net("rg-net", "routeTables/keep-me")).status()).isEqualTo(202);
    }
  }

  @Test
  void readOnlyLockBlocksWrites() {
    try (var arm = new EmulatorHarness()) {
      arm.put(group("rg-net") + "/providers/Microsoft.Authorization/locks/frozen?api-version=2020-05-01",
          "{\"properties\":{\"level\":\"ReadOnly\"}}");
      var r = arm.put(net("rg-net", "routeTables/new"), "{\"location\":\"eastus2\"}");
      assertThat(r.status()).isEqualTo(409);
      assertThat(r.errorCode()).isEqualTo("ScopeLocked");
    }
  }

  @Test
  void unknownSubscriptionIs404SubscriptionNotFound() {
    try (var arm = new EmulatorHarness()) {
      var r = arm.get("/subscriptions/ffffffff-0000-0000-0000-000000000000/resourceGroups/x?api-version=2021-04-01");
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.errorCode()).isEqualTo("SubscriptionNotFound");
    }
  }
}
