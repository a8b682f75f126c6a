package io.amlnet.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlnet.plan.ArmWrite;
import io.amlnet.plan.AzureFacts;
import io.amlnet.plan.FieldDifference;
import io.amlnet.plan.Plan;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which writes of a plan Azure does not satisfy, judged on the facts: what plan --live and Observe show. */
class PendingWritesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RT = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/routeTables/rt";
  private static final PendingWrites ON_FACTS = new PendingWrites((id, apiVersion) -> Optional.empty());

  private static ObjectNode json(String text) throws Exception {
    return (ObjectNode) JSON.readTree(text.replace('\'', '"'));
  }

  private static AzureFacts factsWith(JsonNode... resources) {
    ObjectNode facts = JSON.createObjectNode();
    for (JsonNode resource : resources) {
      facts.withArray("networkObjects").add(resource);
    }
    return AzureFacts.fromJson(facts);
  }

  private static Plan planOf(ArmWrite write) {
    return new Plan(List.of(write), List.of(), List.of(), List.of(), null);
  }

  private static final String WANTED = "{'tags':{'amlnet.io/owner':'ns/e'},'properties':{'routes':[{'name':'a',"
      + "'properties':{'nextHopType':'Internet'}}]}}";

  @Test
  void anObjectAzureAlreadyHoldsIsNotPending() throws Exception {
    ArmWrite write = ArmWrite.put(RT, "v", json(WANTED));
    ObjectNode actual = json(WANTED).put("id", RT);
    assertThat(ON_FACTS.of(planOf(write), factsWith(actual), "ns/e")).isEmpty();
  }

  @Test
  void aDriftedFieldIsPendingWithWhatThePlanWantsAndWhatAzureHolds() throws Exception {
    ArmWrite write = ArmWrite.put(RT, "v", json(WANTED));
    ObjectNode actual = json(WANTED.replace("Internet", "VirtualAppliance")).put("id", RT);
    var pending = ON_FACTS.of(planOf(write), factsWith(actual), "ns/e");
    assertThat(pending).singleElement().satisfies(p -> {
      assertThat(p.creates()).isFalse();
      assertThat(p.foreign()).isFalse();
      assertThat(p.differences()).containsExactly(
          new FieldDifference("properties.routes[a].properties.nextHopType", "Internet", "VirtualAppliance"));
    });
  }

  @Test
  void anObjectNobodyReadIsACreate() throws Exception {
    var pending = ON_FACTS.of(planOf(ArmWrite.put(RT, "v", json(WANTED))), AzureFacts.NONE, "ns/e");
    assertThat(pending).singleElement().satisfies(p -> assertThat(p.creates()).isTrue());
  }

  @Test
  void someoneElsesObjectAtTheTargetIsFlaggedForeign() throws Exception {
    ObjectNode actual = json(WANTED.replace("ns/e", "other/x").replace("Internet", "None")).put("id", RT);
    var pending = ON_FACTS.of(planOf(ArmWrite.put(RT, "v", json(WANTED))), factsWith(actual), "ns/e");
    assertThat(pending).singleElement().satisfies(p -> assertThat(p.foreign()).isTrue());
  }

  @Test
  void aDeleteIsAlwaysPending() {
    var pending = ON_FACTS.of(planOf(ArmWrite.delete(RT, "v")), AzureFacts.NONE, "ns/e");
    assertThat(pending).singleElement().satisfies(p -> assertThat(p.described()).containsExactly("(resource) not wanted"));
  }
}
