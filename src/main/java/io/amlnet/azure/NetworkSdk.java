package io.amlnet.azure;

import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.UserAgentPolicy;
import com.azure.core.http.rest.Response;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.management.serializer.SerializerFactory;
import com.azure.core.util.Configuration;
import com.azure.core.util.Context;
import com.azure.core.util.CoreUtils;
import com.azure.core.util.FluxUtil;
import com.azure.resourcemanager.network.fluent.NetworkManagementClient;
import com.azure.resourcemanager.network.fluent.models.NatGatewayInner;
import com.azure.resourcemanager.network.fluent.models.NetworkSecurityGroupInner;
import com.azure.resourcemanager.network.fluent.models.PublicIpAddressInner;
import com.azure.resourcemanager.network.fluent.models.RouteInner;
import com.azure.resourcemanager.network.fluent.models.RouteTableInner;
import com.azure.resourcemanager.network.fluent.models.SecurityRuleInner;
import com.azure.resourcemanager.network.implementation.NetworkManagementClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The network SDK's inner service clients on the session's own pipeline (its auth, retries, request
 * budget and correlation), one {@link NetworkManagementClient} per subscription: GET, the activation
 * request of a PUT or DELETE (never the SDK's waiting {@code begin*} pollers: the operation is
 * recorded and polled by a later reconcile), and the service-tag list. Bodies cross as ARM's JSON
 * through {@link InnerModels}; errors leave as {@link ArmException} through {@link ManagementErrors}.
 */
final class NetworkSdk {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SDK_NAME = "azure-resourcemanager-network";

  private final HttpPipeline pipeline;
  private final ArmEndpoint endpoint;
  private final Map<String, NetworkManagementClient> bySubscription = new ConcurrentHashMap<>();

  NetworkSdk(HttpPipeline session, ArmEndpoint endpoint) {
    this.pipeline = withSdkUserAgent(session);
    this.endpoint = endpoint;
  }

  /** What ARM answered to an activation request: its status, headers and body (ARM's JSON). */
  record Activation(int status, HttpHeaders headers, JsonNode body) {}

  Optional<ArmResource> get(String id, NetworkSdkTypes.Target t) {
    try {
      Object inner = call(() -> read(client(t.subscription()), t));
      ObjectNode body = InnerModels.toArm(inner);
      return Optional.of(new ArmResource(body.path("id").asText(id), body.path("etag").asText(null), body));
    } catch (ArmException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  Activation startPut(NetworkSdkTypes.Target t, ObjectNode body) {
    NetworkManagementClient c = client(t.subscription());
    String g = t.resourceGroup();
    Object inner = InnerModels.toInner(body, InnerModels.modelOf(t.kind()));
    return activation(() -> switch (t.kind()) {
      case NETWORK_SECURITY_GROUP -> c.getNetworkSecurityGroups().createOrUpdateWithResponseAsync(g, t.name(),
          (NetworkSecurityGroupInner) inner);
      case SECURITY_RULE -> c.getSecurityRules().createOrUpdateWithResponseAsync(g, t.name(), t.child(),
          (SecurityRuleInner) inner);
      case ROUTE_TABLE -> c.getRouteTables().createOrUpdateWithResponseAsync(g, t.name(), (RouteTableInner) inner);
      case ROUTE -> c.getRoutes().createOrUpdateWithResponseAsync(g, t.name(), t.child(), (RouteInner) inner);
      case NAT_GATEWAY -> c.getNatGateways().createOrUpdateWithResponseAsync(g, t.name(), (NatGatewayInner) inner);
      case PUBLIC_IP_ADDRESS -> c.getPublicIpAddresses().createOrUpdateWithResponseAsync(g, t.name(),
          (PublicIpAddressInner) inner);
    });
  }

  Activation startDelete(NetworkSdkTypes.Target t) {
    NetworkManagementClient c = client(t.subscription());
    String g = t.resourceGroup();
    return activation(() -> switch (t.kind()) {
      case NETWORK_SECURITY_GROUP -> c.getNetworkSecurityGroups().deleteWithResponseAsync(g, t.name());
      case SECURITY_RULE -> c.getSecurityRules().deleteWithResponseAsync(g, t.name(), t.child());
      case ROUTE_TABLE -> c.getRouteTables().deleteWithResponseAsync(g, t.name());
      case ROUTE -> c.getRoutes().deleteWithResponseAsync(g, t.name(), t.child());
      case NAT_GATEWAY -> c.getNatGateways().deleteWithResponseAsync(g, t.name());
      case PUBLIC_IP_ADDRESS -> c.getPublicIpAddresses().deleteWithResponseAsync(g, t.name());
    });
  }

  /** ARM's service-tag list of a region, in ARM's JSON. */
  ObjectNode serviceTags(String subscription, String region) {
    return InnerModels.serviceTags(call(() -> client(subscription).getServiceTags().listWithResponse(region,
        Context.NONE).getValue()));
  }

  private static Object read(NetworkManagementClient c, NetworkSdkTypes.Target t) {
    String g = t.resourceGroup();
    return switch (t.kind()) {
      case NETWORK_SECURITY_GROUP -> c.getNetworkSecurityGroups().getByResourceGroupWithResponse(g, t.name(), null,
          Context.NONE).getValue();
      case SECURITY_RULE -> c.getSecurityRules().getWithResponse(g, t.name(), t.child(), Context.NONE).getValue();
      case ROUTE_TABLE -> c.getRouteTables().getByResourceGroupWithResponse(g, t.name(), null, Context.NONE).getValue();
      case ROUTE -> c.getRoutes().getWithResponse(g, t.name(), t.child(), Context.NONE).getValue();
      case NAT_GATEWAY -> c.getNatGateways().getByResourceGroupWithResponse(g, t.name(), null, Context.NONE).getValue();
      case PUBLIC_IP_ADDRESS -> c.getPublicIpAddresses().getByResourceGroupWithResponse(g, t.name(), null,
          Context.NONE).getValue();
    };
  }

  /** The single activation exchange: blocks on that one HTTP request, never on the operation it starts. */
  private static Activation activation(Supplier<Mono<Response<Flux<ByteBuffer>>>> request) {
    return call(() -> {
      Response<Flux<ByteBuffer>> response = request.get().block();
      byte[] bytes = FluxUtil.collectBytesInByteBufferStream(response.getValue()).block();
      String text = bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
      JsonNode body;
      try {
        body = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
      } catch (IOException notJson) {
        body = JSON.createObjectNode();
      }
      return new Activation(response.getStatusCode(), response.getHeaders(), body);
    });
  }

  /** Runs one SDK request; its errors become ArmException, an interrupt becomes a retryable one. */
  private static <T> T call(Supplier<T> request) {
    try {
      return request.get();
    } catch (ManagementException e) {
      throw ManagementErrors.of(e);
    } catch (RuntimeException e) {
      Throwable cause = Exceptions.unwrap(e);
      if (cause instanceof ManagementException m) {
        throw ManagementErrors.of(m);
      }
      if (cause instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        throw new ArmException(499, ArmException.INTERRUPTED, "interrupted during a request to ARM; retried");
      }
      throw e;
    }
  }

  private NetworkManagementClient client(String subscription) {
    return bySubscription.computeIfAbsent(subscription, s -> new NetworkManagementClientBuilder()
        .pipeline(pipeline)
        .endpoint(endpoint.baseUrl())
        .subscriptionId(s)
        .defaultPollInterval(Duration.ofSeconds(1)) // unused: amlnet never calls the SDK's waiting pollers
        .serializerAdapter(SerializerFactory.createDefaultManagementSerializerAdapter())
        .buildClient());
  }

  /**
   * The session's pipeline, the same policy instances in the same order, with the network SDK's
   * User-Agent in place of amlnet's own, as the SDK's own clients send it.
   */
  static HttpPipeline withSdkUserAgent(HttpPipeline session) {
    List<HttpPipelinePolicy> policies = new ArrayList<>();
    String version = CoreUtils.getProperties(SDK_NAME + ".properties").getOrDefault("version", "UnknownVersion");
    policies.add(new UserAgentPolicy(null, SDK_NAME, version, Configuration.getGlobalConfiguration()));
    for (int i = 0; i < session.getPolicyCount(); i++) {
      if (!(session.getPolicy(i) instanceof UserAgentPolicy)) {
        policies.add(session.getPolicy(i));
      }
    }
    return new HttpPipelineBuilder().httpClient(session.getHttpClient())
        .policies(policies.toArray(HttpPipelinePolicy[]::new)).build();
  }
}
