package io.amlnet.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlnet.api.ManifestReader;
import io.amlnet.api.TrainingEnvironment;
import io.amlnet.plan.ArmBodies;
import io.amlnet.plan.ArmWrite;
import io.amlnet.plan.AzureFacts;
import io.amlnet.plan.EnvironmentPlanner;
import io.amlnet.plan.PlanInput;
import io.amlnet.plan.RegionPairs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The planner's bodies survive the way to the network SDK and back: each one the examples plan,
 * read into the SDK's inner model with the management serializer and written back as ARM's JSON,
 * keeps every field the planner set, ownership tags included.
 */
class InnerModelsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> EXAMPLES = List.of("restricted-outbound.yaml", "open-outbound.yaml",
      "existing-nsg.yaml", "nat-gateway.yaml", "udr-ip-prefixes.yaml", "udr-service-tags.yaml");

  /** Routes are planned inside their route table; the ROUTE kind is proven on those items below. */
  @ParameterizedTest
  @EnumSource(value = NetworkSdkTypes.Kind.class, mode = EnumSource.Mode.EXCLUDE, names = "ROUTE")
  void everyFieldThePlannerSetsSurvivesTheSdksInnerModel(NetworkSdkTypes.Kind kind) throws IOException {
    List<ArmWrite> writes = plannedWrites(kind);
    assertThat(writes).as("the examples plan at least one %s", kind).isNotEmpty();
    for (ArmWrite write : writes) {
      assertRoundTrip(write.id(), write.body(), kind);
    }
  }

  @org.junit.jupiter.api.Test
  void everyFieldOfAPlannedRouteSurvivesTheSdksRouteModel() throws IOException {
    List<ArmWrite> tables = plannedWrites(NetworkSdkTypes.Kind.ROUTE_TABLE);
    int routes = 0;
    for (ArmWrite table : tables) {
      for (JsonNode route : table.body().path("properties").path("routes")) {
        assertRoundTrip(table.id() + "/routes/" + route.path("name").asText(), (ObjectNode) route,
            NetworkSdkTypes.Kind.ROUTE);
        routes++;
      }
    }
    assertThat(routes).as("the examples plan routes").isPositive();
  }

  private static void assertRoundTrip(String id, ObjectNode body, NetworkSdkTypes.Kind kind) {
    ObjectNode back = InnerModels.toArm(InnerModels.toInner(body, InnerModels.modelOf(kind)));
    for (String leaf : leaves(body, "")) {
      assertThat(back.at(leaf)).as("%s of %s", leaf, id).isEqualTo(body.at(leaf));
    }
  }

  @ParameterizedTest
  @EnumSource(value = NetworkSdkTypes.Kind.class, names = {"NETWORK_SECURITY_GROUP", "ROUTE_TABLE", "NAT_GATEWAY",
      "PUBLIC_IP_ADDRESS"})
  void theOwnershipTagsSurviveTheSdksInnerModel(NetworkSdkTypes.Kind kind) throws IOException {
    for (ArmWrite write : plannedWrites(kind)) {
      JsonNode tags = InnerModels.toArm(InnerModels.toInner(write.body(), InnerModels.modelOf(kind))).path("tags");
      assertThat(tags.path(ArmBodies.OWNER_TAG).asText()).isNotEmpty().isEqualTo(write.body().path("tags")
          .path(ArmBodies.OWNER_TAG).asText());
      assertThat(tags.path(ArmBodies.MANAGED_BY_TAG).asText()).isEqualTo(write.body().path("tags")
          .path(ArmBodies.MANAGED_BY_TAG).asText());
    }
  }

  /** The PUTs of {@code kind} that the examples plan against examples/facts.json. */
  private static List<ArmWrite> plannedWrites(NetworkSdkTypes.Kind kind) throws IOException {
    AzureFacts facts = AzureFacts.fromJson(JSON.readTree(Path.of("examples/facts.json").toFile()));
    List<ArmWrite> writes = new ArrayList<>();
    for (String example : EXAMPLES) {
      Path file = Path.of("examples", example);
      for (TrainingEnvironment env : ManifestReader.read(file.toString(), Files.readString(file)).environments()) {
        PlanInput input = new PlanInput(env.getMetadata().getNamespace(), env.getMetadata().getName(), env.getSpec(),
            List.of(), facts);
        new EnvironmentPlanner(RegionPairs.published()).plan(input).writes().stream()
            .filter(w -> !w.isDelete())
            .filter(w -> NetworkSdkTypes.of(w.id()).map(t -> t.kind() == kind).orElse(false))
            .forEach(writes::add);
      }
    }
    return writes;
  }

  /** JSON pointers of every scalar in {@code node}; array items by index. */
  private static List<String> leaves(JsonNode node, String at) {
    List<String> out = new ArrayList<>();
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        out.addAll(leaves(field.getValue(), at + "/" + field.getKey().replace("~", "~0").replace("/", "~1")));
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        out.addAll(leaves(node.get(i), at + "/" + i));
      }
    } else {
      out.add(at);
    }
    return out;
  }
}
