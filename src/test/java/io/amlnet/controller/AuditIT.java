package io.amlnet.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlnet.plan.ArmBodies;
import io.amlnet.sandbox.ArmRequest;
import io.amlnet.sandbox.RequestLog;
import io.amlnet.testing.ControlPlane;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What Azure's side can tell of every write amlnet made: the resource carries the environment's owner
 * tag, and the request named the Kubernetes object (namespace/name) that caused it.
 */
@ExtendWith(ControlPlane.class)
class AuditIT {

  @Test
  void everyArmWriteNamesTheObjectThatCausedItAndEveryResourceItMadeCarriesTheOwnerTag() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(OperatorIT.NEVER, o -> { })) {
      sandbox.apply("nat-gateway.yaml");
      sandbox.apply("open-outbound.yaml");
      sandbox.awaitEnvironment("nat-gateway", Conditions.READY, "True", OperatorIT.READY);
      sandbox.awaitCompute("cpu-cluster", Conditions.READY, "True", OperatorIT.READY);
      sandbox.awaitEnvironment("open-outbound", Conditions.READY, "True", OperatorIT.READY);
      String ns = sandbox.namespace;

      List<RequestLog.Entry> writes = sandbox.arm.requests().entries().stream()
          .filter(e -> e.kind() != ArmRequest.Kind.READ).toList();

      assertThat(writes).hasSizeGreaterThan(5)
          .allSatisfy(w -> assertThat(w.object()).as(w.method() + " " + w.path())
              .isIn(ns + "/nat-gateway", ns + "/open-outbound", ns + "/cpu-cluster"));
      assertThat(writes).filteredOn(w -> w.path().contains("/natGateways/"))
          .isNotEmpty().allSatisfy(w -> assertThat(w.object()).isEqualTo(ns + "/nat-gateway"));
      assertThat(writes).filteredOn(w -> w.path().contains("/computes/"))
          .isNotEmpty().allSatisfy(w -> assertThat(w.object()).isEqualTo(ns + "/cpu-cluster"));

      Set<String> written = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
      writes.stream().filter(w -> w.method().equals("PUT") && topLevel(w.path())).forEach(w -> written.add(w.path()));
      assertThat(written).as("NSGs, route table, NAT gateway, public IP, compute").hasSizeGreaterThanOrEqualTo(4);
      for (String id : written) {
        ObjectNode resource = sandbox.armResource(id);
        assertThat(resource.path("tags").path(ArmBodies.OWNER_TAG).asText()).as(id)
            .isIn(ns + "/nat-gateway", ns + "/open-outbound");
      }
    }
  }

  /**
   * A resource of its own with tags (NSG, route table, NAT gateway, public IP, compute), not a child
   * such as a subnet or a rule: /subscriptions/S/resourceGroups/G/providers/NS/type/name, or a workspace's compute.
   */
  private static boolean topLevel(String path) {
    String[] parts = path.split("/");
    return parts.length == 9 || path.contains("/computes/") && parts.length == 11;
  }
}
