package io.amlnet.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlnet.api.AmlComputeSpec;
import io.amlnet.api.AttachedCompute;
import io.amlnet.api.ComputeInstanceSpec;
import io.amlnet.api.ForcedTunneling;
import io.amlnet.api.Network;
import io.amlnet.api.NetworkSecurity;
import io.amlnet.api.Outbound;
import io.amlnet.api.Ssh;
import io.amlnet.api.TrainingComputeSpec;
import io.amlnet.api.TrainingComputeSpec.ComputeKind;
import io.amlnet.api.TrainingEnvironmentSpec;
import io.amlnet.api.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A planner test's world: an environment spec, its computes and the facts of examples/facts.json,
 * each changed only where a test says so, so every test states just the one thing it is about.
 */
final class Scenario {
  static final String SUBSCRIPTION = "6f1e6c2a-9d2b-4a43-8c1e-2a6f9d3b7c10";
  static final String VNET = "/subscriptions/" + SUBSCRIPTION
      + "/resourceGroups/rg-aml-network/providers/Microsoft.Network/virtualNetworks/vnet-aml";
  static final String SUBNET = VNET + "/subnets/training";
  private static final ObjectMapper JSON = new ObjectMapper();

  String region = "eastus2";
  String subnet = "training";
  NetworkSecurity networkSecurity;
  Ssh ssh;
  Outbound outbound;
  ForcedTunneling forcedTunneling;
  final List<PlanInput.BoundCompute> computes = new ArrayList<>();
  final ObjectNode facts;
  boolean withFacts = true;

  Scenario() {
    try {
      facts = (ObjectNode) JSON.readTree(Path.of("examples/facts.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Scenario restricted(boolean microsoftDefaultImages) {
    outbound = new Outbound(Outbound.OutboundMode.Restricted, microsoftDefaultImages);
    return this;
  }

  Scenario udr(ForcedTunneling.PrefixMode mode, String secondaryRegion) {
    forcedTunneling = new ForcedTunneling(ForcedTunneling.TunnelingMode.UserDefinedRoutes, mode, secondaryRegion, null);
    return this;
  }

  Scenario cluster(String name, int maxNodes, boolean publicIp) {
    computes.add(new PlanInput.BoundCompute(name, new TrainingComputeSpec("env", ComputeKind.AmlCompute, null,
        publicIp, new AmlComputeSpec("Standard_DS3_v2", null, 0, maxNodes, null, null), null, null)));
    return this;
  }

  Scenario instance(String name, boolean publicIp) {
    computes.add(new PlanInput.BoundCompute(name, new TrainingComputeSpec("env", ComputeKind.ComputeInstance, null,
        publicIp, null, new ComputeInstanceSpec("Standard_DS3_v2", false), null)));
    return this;
  }

  Scenario attached(String name, ComputeKind kind, String resourceId, Integer sshPort) {
    computes.add(new PlanInput.BoundCompute(name, new TrainingComputeSpec("env", kind, null, null, null, null,
        new AttachedCompute(resourceId, sshPort, name + "-credentials"))));
    return this;
  }

  /** The target subnet's ARM JSON in the facts, to change. */
  ObjectNode subnetFacts() {
    for (JsonNode s : facts.withArray("virtualNetworks").get(0).path("properties").path("subnets")) {
      if (s.path("name").asText().equals(subnet)) {
        return (ObjectNode) s.path("properties");
      }
    }
    throw new IllegalStateException("no subnet " + subnet + " in examples/facts.json");
  }

  ArrayNode factsArray(String section) {
    return facts.withArray(section);
  }

  Optional<JsonNode> factsResource(String section, String name) {
    for (JsonNode r : facts.path(section)) {
      if (r.path("name").asText().equals(name)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  TrainingEnvironmentSpec spec() {
    return new TrainingEnvironmentSpec(SUBSCRIPTION, new Workspace("rg-aml", "mlw-contoso", region),
        new Network("rg-aml-network", "vnet-aml", subnet), networkSecurity, ssh, outbound, forcedTunneling, null, null);
  }

  Plan plan() {
    AzureFacts azureFacts = withFacts ? AzureFacts.fromJson(facts) : AzureFacts.NONE;
    return new EnvironmentPlanner(RegionPairs.published())
        .plan(new PlanInput("ml-team", "env", spec(), List.copyOf(computes), azureFacts));
  }
}
