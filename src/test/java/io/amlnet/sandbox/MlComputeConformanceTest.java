package io.amlnet.sandbox;

import static io.amlnet.sandbox.EmulatorHarness.compute;
import static io.amlnet.sandbox.EmulatorHarness.group;
import static io.amlnet.sandbox.EmulatorHarness.subnetId;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpMethod;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each ML compute type goes through create, read, update and delete over azure-core's HttpPipeline. */
class MlComputeConformanceTest {
  private static EmulatorHarness harness;
  private static PipelineClient ml;

  @BeforeAll
  static void start() {
    harness = new EmulatorHarness(EmulatorOptions.defaults().lroLatency(Duration.ofMillis(50)));
    ml = new PipelineClient(harness.emulator);
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private void createReadUpdateDelete(String name, String properties, String updatedProperties) {
    var created = ml.send(HttpMethod.PUT, compute(name), "{\"properties\":" + properties + "}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.asyncOperation()).contains("/operations/");
    assertThat(created.body().path("properties").path("provisioningState").asText()).isEqualTo("Creating");
    assertThat(ml.await(created)).isEqualTo("Succeeded");

    var read = ml.send(HttpMethod.GET, compute(name), null);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.body().path("type").asText()).isEqualTo("Microsoft.MachineLearningServices/workspaces/computes");
    assertThat(read.body().path("location").asText()).isEqualTo("eastus2");
    assertThat(read.body().path("properties").path("provisioningState").asText()).isEqualTo("Succeeded");

    var updated = ml.send(HttpMethod.PUT, compute(name), "{\"properties\":" + updatedProperties + "}");
    assertThat(updated.status()).isEqualTo(200);
    assertThat(ml.await(updated)).isEqualTo("Succeeded");
    assertThat(ml.send(HttpMethod.GET, compute(name), null).body().path("properties").path("description").asText())
        .isEqualTo("updated");

    var deleted = ml.send(HttpMethod.DELETE, compute(name), null);
    assertThat(deleted.status()).isEqualTo(202);
    assertThat(ml.await(deleted)).isEqualTo("Succeeded");
    assertThat(ml.send(HttpMethod.GET, compute(name), null).status()).isEqualTo(404);
  }

  @Test
  void amlComputeInTheVnetLivesThroughItsLifecycle() {
    String subnet = subnetId("rg-net", "vnet1", "training");
    createReadUpdateDelete("cluster1",
        "{\"computeType\":\"AmlCompute\",\"properties\":{\"vmSize\":\"STANDARD_DS3_V2\",\"vmPriority\":\"Dedicated\","
            + "\"subnet\":{\"id\":\"" + subnet + "\"},\"scaleSettings\":{\"minNodeCount\":0,\"maxNodeCount\":4}}}",
        "{\"computeType\":\"AmlCompute\",\"description\":\"updated\",\"properties\":{\"vmSize\":\"STANDARD_DS3_V2\","
            + "\"subnet\":{\"id\":\"" + subnet + "\"},\"scaleSettings\":{\"minNodeCount\":1,\"maxNodeCount\":8}}}");
  }

  @Test
  void aScaleDownDurationComesBackInAmlsSpelling() {
    String subnet = subnetId("rg-net", "vnet1", "training");
    ml.await(ml.send(HttpMethod.PUT, compute("respelled"), "{\"properties\":{\"computeType\":\"AmlCompute\","
        + "\"properties\":{\"vmSize\":\"STANDARD_DS3_V2\",\"subnet\":{\"id\":\"" + subnet + "\"},"
        + "\"scaleSettings\":{\"minNodeCount\":0,\"maxNodeCount\":1,\"nodeIdleTimeBeforeScaleDown\":\"PT120S\"}}}}"));
    assertThat(ml.send(HttpMethod.GET, compute("respelled"), null).body().path("properties").path("properties")
        .path("scaleSettings").path("nodeIdleTimeBeforeScaleDown").asText()).isEqualTo("PT2M");
  }

  @Test
  void computeInstanceInTheVnetLivesThroughItsLifecycle() {
    String subnet = subnetId("rg-net", "vnet1", "training");
    String props = "{\"vmSize\":\"STANDARD_DS3_V2\",\"subnet\":{\"id\":\"" + subnet + "\"}}";
    createReadUpdateDelete("instance1", "{\"computeType\":\"ComputeInstance\",\"properties\":" + props + "}",
        "{\"computeType\":\"ComputeInstance\",\"description\":\"updated\",\"properties\":" + props + "}");
  }

  private static final String SSH_LOGIN = "\"administratorAccount\":{\"username\":\"azureuser\",\"password\":\"pw-1\"}";
  private static final String TOKEN = "\"databricksAccessToken\":\"token-1\"";

  private static String credentials(String computeType) {
    return computeType.equals("Databricks") ? TOKEN : SSH_LOGIN;
  }

  private static String attached(String computeType, String resource, String extra, String inner) {
    return "{\"computeType\":\"" + computeType + "\",\"resourceId\":\"" + group("rg-ml") + "/providers/" + resource
        + "\"" + extra + ",\"properties\":{" + inner + "}}";
  }

  private void attachedLifecycle(String name, String computeType, String resource) {
    String login = credentials(computeType);
    String inner = computeType.equals("Databricks") ? login : "\"sshPort\":22," + login;
    createReadUpdateDelete(name, attached(computeType, resource, "", inner),
        attached(computeType, resource, ",\"description\":\"updated\"", login));
  }

  @ParameterizedTest
  @CsvSource({"VirtualMachine, Microsoft.Compute/virtualMachines/vm-ubuntu", "HDInsight, Microsoft.HDInsight/clusters/hdi1",
      "Databricks, Microsoft.Databricks/workspaces/dbw1"})
  void anAttachWithoutCredentialsIsRefused(String computeType, String resource) {
    var r = ml.send(HttpMethod.PUT, compute("nocreds-" + shortName(computeType)),
        "{\"properties\":" + attached(computeType, resource, "", "") + "}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body().path("error").path("code").asText()).isEqualTo(MachineLearningComputes.MISSING_CREDENTIALS);
  }

  /** AML's compute names are at most 16 characters (AmlCompute and attached computes). */
  private static String shortName(String computeType) {
    return switch (computeType) {
      case "VirtualMachine" -> "vm";
      case "HDInsight" -> "hdi";
      default -> "dbw";
    };
  }

  @Test
  void aVirtualMachineLoginWithoutPasswordOrPrivateKeyIsRefused() {
    var r = ml.send(HttpMethod.PUT, compute("nopassword"), "{\"properties\":" + attached("VirtualMachine",
        "Microsoft.Compute/virtualMachines/vm-ubuntu", "", "\"administratorAccount\":{\"username\":\"azureuser\"}") + "}");
    assertThat(r.status()).isEqualTo(400);
  }

  @ParameterizedTest
  @CsvSource({"VirtualMachine, Microsoft.Compute/virtualMachines/vm-ubuntu, pw-1",
      "Databricks, Microsoft.Databricks/workspaces/dbw1, token-1"})
  void credentialsAreKeptButNeverReturned(String computeType, String resource, String secret) {
    String name = "kept-" + shortName(computeType);
    var created = ml.send(HttpMethod.PUT, compute(name),
        "{\"properties\":" + attached(computeType, resource, "", credentials(computeType)) + "}");
    ml.await(created);
    assertThat(created.body().toString()).doesNotContain(secret);
    assertThat(ml.send(HttpMethod.GET, compute(name), null).body().toString()).doesNotContain(secret);
    assertThat(ml.send(HttpMethod.GET, group("rg-ml") + "/providers/Microsoft.MachineLearningServices/workspaces/ws1/computes",
        null).body().toString()).doesNotContain(secret);
    assertThat(harness.emulator.computeCredentials(compute(name)).orElseThrow().toString()).contains(secret);
  }

  @Test
  void attachedVirtualMachineLivesThroughItsLifecycle() {
    attachedLifecycle("vm1", "VirtualMachine", "Microsoft.Compute/virtualMachines/vm-ubuntu");
  }

  @Test
  void attachedHdInsightClusterLivesThroughItsLifecycle() {
    attachedLifecycle("hdi1", "HDInsight", "Microsoft.HDInsight/clusters/hdi1");
  }

  @Test
  void attachedDatabricksWorkspaceLivesThroughItsLifecycle() {
    attachedLifecycle("dbw1", "Databricks", "Microsoft.Databricks/workspaces/dbw1");
  }

  @Test
  void computesAreListedUnderTheirWorkspace() {
    String vm = group("rg-ml") + "/providers/Microsoft.Compute/virtualMachines/vm-ubuntu";
    ml.await(ml.send(HttpMethod.PUT, compute("listed"), "{\"properties\":{\"computeType\":\"VirtualMachine\",\"resourceId\":\""
        + vm + "\",\"properties\":{" + SSH_LOGIN + "}}}"));
    var list = ml.send(HttpMethod.GET, group("rg-ml") + "/providers/Microsoft.MachineLearningServices/workspaces/ws1/computes", null);
    assertThat(list.body().path("value").findValuesAsText("name")).contains("listed");
  }

  private int create(String name, String computeType, String inner) {
    return ml.send(HttpMethod.PUT, compute(name), "{\"properties\":{\"computeType\":\"" + computeType
        + "\",\"properties\":" + inner + "}}").status();
  }

  private static final String CLUSTER = "{\"vmSize\":\"STANDARD_DS3_V2\",\"scaleSettings\":{\"maxNodeCount\":1%s}}";

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"a", "abcdefghijklmnopq", "1cluster", "cluster-", "c_1"})
  void anAmlComputeNameAzureRefusesIsABadRequest(String name) {
    assertThat(create(name, "AmlCompute", CLUSTER.formatted(""))).isEqualTo(400);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"ab", "abcdefghijklmnopqrstuvwxy", "nb-"})
  void aComputeInstanceNameAzureRefusesIsABadRequest(String name) {
    assertThat(create(name, "ComputeInstance", "{\"vmSize\":\"STANDARD_DS3_V2\"}")).isEqualTo(400);
  }

  @Test
  void twoCharacterClusterAndTwentyFourCharacterInstanceNamesAreAccepted() {
    assertThat(create("c2", "AmlCompute", CLUSTER.formatted(""))).isEqualTo(201);
    assertThat(create("abcdefghijklmnopqrstuvwx", "ComputeInstance", "{\"vmSize\":\"STANDARD_DS3_V2\"}"))
        .isEqualTo(201);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"PT", "PT99999999999999999999999S", "P8D", "-PT1S", "2 minutes"})
  void anIdleTimeOutsideZeroToSevenDaysIsABadRequest(String idle) {
    assertThat(create("idle1", "AmlCompute", CLUSTER.formatted(",\"nodeIdleTimeBeforeScaleDown\":\"" + idle + "\"")))
        .isEqualTo(400);
  }

  @Test
  void anIdleTimeOfSevenDaysIsAccepted() {
    assertThat(create("idle7", "AmlCompute", CLUSTER.formatted(",\"nodeIdleTimeBeforeScaleDown\":\"PT168H\"")))
        .isEqualTo(201);
  }
}
