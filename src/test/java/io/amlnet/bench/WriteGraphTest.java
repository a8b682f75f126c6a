package io.amlnet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlnet.plan.ArmWrite;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The critical path the convergence and scale benchmarks compare against: the longest chain of
 * writes that must follow one another, on the examples' plans and the realistic latencies.
 */
class WriteGraphTest {
  private static final OperationLatency LATENCY = OperationLatency.realistic(1.0);

  private static long ms(WriteGraph graph, String type) {
    return graph.writes().stream().filter(w -> w.resourceType().equalsIgnoreCase(type)).findFirst()
        .map(w -> LATENCY.of(w).toMillis()).orElseThrow();
  }

  private static long sum(List<ArmWrite> writes) {
    return writes.stream().mapToLong(w -> LATENCY.of(w).toMillis()).sum();
  }

  @Test
  void securityRulesOfOneNsgFollowOneAnother() {
    WriteGraph graph = WriteGraph.plan(Manifests.example("existing-nsg"));
    List<ArmWrite> rules = graph.writes().stream()
        .filter(w -> w.resourceType().equalsIgnoreCase("Microsoft.Network/networkSecurityGroups/securityRules")).toList();

    assertThat(rules).hasSizeGreaterThan(1);
    assertThat(graph.criticalPathMs(LATENCY)).isEqualTo(sum(rules));
  }

  @Test
  void anAttachedComputeWaitsForItsEnvironmentsNetwork() {
    List<ObjectNode> docs = Convergence.documents(List.of("open-outbound:env", "compute-vm"));
    WriteGraph graph = WriteGraph.plan(docs);

    assertThat(graph.criticalPathMs(LATENCY)).isEqualTo(ms(graph, "Microsoft.Network/networkSecurityGroups")
        + ms(graph, "Microsoft.Network/virtualNetworks/subnets")
        + ms(graph, "Microsoft.MachineLearningServices/workspaces/computes"));
  }

  @Test
  void writesOfDifferentObjectsThatNameNoOtherRunSideBySide() {
    WriteGraph graph = WriteGraph.plan(Manifests.example("nat-gateway"));

    // The NSG runs beside the public IP and NAT gateway chain, which is the longer one.
    assertThat(graph.criticalPathMs(LATENCY)).isEqualTo(ms(graph, "Microsoft.Network/publicIPAddresses")
        + ms(graph, "Microsoft.Network/natGateways") + ms(graph, "Microsoft.Network/virtualNetworks/subnets"));
  }
}
