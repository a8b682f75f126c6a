package io.amlnet.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays each of Microsoft's REST examples for a type the emulator serves: the status must be one
 * the example lists, and the answer must carry the example's name, type, provisioningState and the
 * values of the properties the request set. Where the emulator knowingly differs, the replay skips
 * that one field and a test below, named for the difference, pins what the emulator does instead.
 *
 * <p>Network examples show provisioningState Succeeded in their 201 bodies, so they are replayed
 * with operation latency 0; ML examples show Creating/Updating, so they run with a latency.
 */
class RestExamplesReplayTest {
  private static final String PIP_DEFAULTS = "network/2024-05-01/PublicIpAddressCreateDefaults.json";
  private static final String PIP_CUSTOM = "network/2024-05-01/PublicIpAddressCreateCustomizedValues.json";
  private static final String AML_CREATE = "machinelearningservices/2024-10-01/Compute/createOrUpdate/AmlCompute.json";
  private static final String CI_CREATE = "machinelearningservices/2024-10-01/Compute/createOrUpdate/ComputeInstance.json";

  /** file -> field the replay does not compare, because of a difference a named test documents. */
  private static final Map<String, String> KNOWN_DIFFERENCES = Map.of(
      PIP_DEFAULTS, "name",
      PIP_CUSTOM, "name",
      AML_CREATE, "provisioningState");

  @TestFactory
  Stream<DynamicTest> everyExampleOfAServedTypeReplays() {
    List<RestExamples.Example> examples = RestExamples.all();
    assertThat(examples).hasSizeGreaterThanOrEqualTo(28);
    return examples.stream().map(e -> DynamicTest.dynamicTest(e.file(), () -> replay(e)));
  }

  private static EmulatorHarness start(RestExamples.Example e) {
    Duration latency = e.isMachineLearning() ? Duration.ofMillis(500) : Duration.ZERO;
    return new EmulatorHarness(e.world(), EmulatorOptions.defaults().lroLatency(latency));
  }

  private static JsonNode request(RestExamples.Example e) {
    JsonNode body = e.requestBody();
    if (body != null && e.file().equals(CI_CREATE)) {
      ObjectNode copy = (ObjectNode) body.deepCopy();
      ((ObjectNode) copy.path("properties").path("properties").path("subnet")).put("id", sandboxSubnet(e));
      return copy;
    }
    return body;
  }

  private static String sandboxSubnet(RestExamples.Example e) {
    return e.group() + "/providers/Microsoft.Network/virtualNetworks/sandbox-vnet/subnets/default";
  }

  private static EmulatorHarness.Reply send(EmulatorHarness arm, RestExamples.Example e, JsonNode body) {
    return arm.send(e.method(), e.url(), body == null ? null : body.toString(), Map.of());
  }

  private static void replay(RestExamples.Example e) {
    try (EmulatorHarness arm = start(e)) {
      JsonNode body = request(e);
      EmulatorHarness.Reply reply = send(arm, e, body);
      assertThat(e.responses().has(String.valueOf(reply.status())))
          .as("%s answered %d %s; the example lists %s", e.file(), reply.status(), reply.body(), fieldNames(e.responses()))
          .isTrue();
      JsonNode expected = e.responses().path(String.valueOf(reply.status())).path("body");
      if (expected.isMissingNode() || expected.isEmpty()) {
        return;
      }
      String skip = KNOWN_DIFFERENCES.getOrDefault(e.file(), "");
      if (!skip.equals("name")) {
        assertThat(reply.body().path("name").asText()).as("name").isEqualToIgnoringCase(expected.path("name").asText());
      }
      if (expected.has("type")) {
        assertThat(reply.body().path("type").asText()).as("type").isEqualToIgnoringCase(expected.path("type").asText());
      }
      JsonNode state = expected.path("properties").path("provisioningState");
      if (!state.isMissingNode() && !skip.equals("provisioningState")) {
        assertThat(reply.state()).as("provisioningState").isEqualTo(state.asText());
      }
      if (body != null) {
        sameAsExample("", body.path("properties"), expected.path("properties"), reply.body().path("properties"));
        if (body.has("location") && expected.has("location") && !e.isMachineLearning()) {
          assertThat(reply.body().path("location").asText()).as("location").isEqualTo(expected.path("location").asText());
        }
      }
    }
  }

  /** Every value the request set that the example's answer also shows must be in the emulator's answer. */
  private static void sameAsExample(String path, JsonNode requested, JsonNode example, JsonNode actual) {
    if (example.isMissingNode() || example.isNull()) {
      return;
    }
    if (requested.isObject()) {
      for (Iterator<String> it = requested.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        sameAsExample(path + "." + f, requested.get(f), example.path(f), actual.path(f));
      }
    } else if (requested.isArray()) {
      for (int i = 0; i < requested.size(); i++) {
        JsonNode req = requested.get(i);
        String name = req.path("name").asText(null);
        sameAsExample(path + "[" + (name == null ? i : name) + "]", req, element(example, i, name), element(actual, i, name));
      }
    } else {
      assertThat(actual.asText()).as(path).isEqualTo(example.asText());
    }
  }

  private static JsonNode element(JsonNode array, int index, String name) {
    if (name != null) {
      for (JsonNode item : array) {
        if (name.equalsIgnoreCase(item.path("name").asText())) {
          return item;
        }
      }
      return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
    return array.path(index);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  // ---- known differences, each pinned by name ----

  @Test
  void publicIpExamplesAnswerWithTheNameInTheUrlNotTheExamplesTestDnsIp() {
    for (String file : new String[] {PIP_DEFAULTS, PIP_CUSTOM}) {
      RestExamples.Example e = RestExamples.named(file);
      assertThat(e.responses().path("201").path("body").path("name").asText()).isEqualTo("testDNS-ip");
      try (EmulatorHarness arm = start(e)) {
        assertThat(send(arm, e, e.requestBody()).body().path("name").asText()).isEqualTo("test-ip");
      }
    }
  }

  @Test
  void amlComputeExampleShowsUpdatingOnCreateWhereTheEmulatorShowsCreatingAsTheOtherComputeExamplesDo() {
    RestExamples.Example e = RestExamples.named(AML_CREATE);
    assertThat(e.responses().path("201").path("body").path("properties").path("provisioningState").asText()).isEqualTo("Updating");
    try (EmulatorHarness arm = start(e)) {
      assertThat(send(arm, e, e.requestBody()).state()).isEqualTo("Creating");
    }
  }

  @Test
  void computeInstanceExampleSubnetPlaceholderIsRefusedBecauseItIsNoSubnetId() {
    RestExamples.Example e = RestExamples.named(CI_CREATE);
    try (EmulatorHarness arm = start(e)) {
      var r = send(arm, e, e.requestBody());
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.errorCode()).isEqualTo("InvalidSubnet");
    }
  }

  @Test
  void networkExamplesShowSucceededOnCreateWhereTheEmulatorShowsUpdatingWhileItsOperationRuns() {
    RestExamples.Example e = RestExamples.named("network/2024-05-01/NetworkSecurityGroupCreate.json");
    try (EmulatorHarness arm = new EmulatorHarness(e.world(), EmulatorOptions.defaults().lroLatency(Duration.ofSeconds(5)))) {
      assertThat(send(arm, e, e.requestBody()).state()).isEqualTo("Updating");
    }
  }

  @Test
  void machineLearningExamplesAskForEastusButAnswerEastus2TheEmulatorUsesTheWorkspaceRegion() {
    RestExamples.Example e = RestExamples.named("machinelearningservices/2024-10-01/Compute/createOrUpdate/BasicAmlCompute.json");
    assertThat(e.requestBody().path("location").asText()).isEqualTo("eastus");
    try (EmulatorHarness arm = start(e)) {
      assertThat(send(arm, e, e.requestBody()).body().path("location").asText()).isEqualTo("eastus2");
    }
  }
}
