package io.amlnet.controller;

import static io.amlnet.controller.OperatorIT.FAST_RESYNC;
import static io.amlnet.controller.OperatorIT.READY;
import static io.amlnet.controller.OperatorIT.subnetOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlnet.api.TrainingEnvironment;
import io.amlnet.plan.AzureIds;
import io.amlnet.testing.ControlPlane;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * amlnet writes a subnet as a read-modify-write of ARM's own JSON, not through a typed model: a
 * property that a newer network API version added (and that amlnet has never heard of) must survive
 * amlnet's association of its NSG and route table.
 */
@ExtendWith(ControlPlane.class)
class SubnetReadModifyWriteIT {

  @Test
  void aSubnetPropertyAmlnetDoesNotKnowSurvivesItsSubnetWrite() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(FAST_RESYNC, o -> { })) {
      TrainingEnvironment declared = new KubernetesSerialization().unmarshal(
          OperatorIT.environmentOnly(Files.readString(Path.of("examples/udr-service-tags.yaml"))), TrainingEnvironment.class);
      AzureIds ids = AzureIds.of(sandbox.namespace, "udr-service-tags", declared.getSpec());
      ObjectNode vnet = sandbox.armResource(ids.virtualNetwork());
      ObjectNode before = (ObjectNode) subnetOf(vnet, ids.subnet()).path("properties");
      before.putObject("futureIsolationFeature").put("mode", "Strict").putArray("exemptions").add("10.9.0.0/24");
      sandbox.arm.driftResource(vnet);

      sandbox.apply("udr-service-tags.yaml");
      sandbox.awaitEnvironment("udr-service-tags", Conditions.READY, "True", READY);

      JsonNode after = subnetOf(sandbox.armResource(ids.virtualNetwork()), ids.subnet()).path("properties");
      assertThat(after.path("networkSecurityGroup").path("id").asText())
          .as("amlnet did write the subnet").isEqualToIgnoringCase(ids.networkSecurityGroup());
      assertThat(after.path("routeTable").path("id").asText()).isEqualToIgnoringCase(ids.routeTable());
      assertThat(after.path("futureIsolationFeature")).as("the property amlnet does not know")
          .isEqualTo(before.path("futureIsolationFeature"));
    }
  }
}
