package io.amlnet.azure;

import com.azure.core.management.serializer.SerializerFactory;
import com.azure.core.util.serializer.SerializerAdapter;
import com.azure.core.util.serializer.SerializerEncoding;
import com.azure.resourcemanager.network.fluent.models.NatGatewayInner;
import com.azure.resourcemanager.network.fluent.models.NetworkSecurityGroupInner;
import com.azure.resourcemanager.network.fluent.models.PublicIpAddressInner;
import com.azure.resourcemanager.network.fluent.models.RouteInner;
import com.azure.resourcemanager.network.fluent.models.RouteTableInner;
import com.azure.resourcemanager.network.fluent.models.SecurityRuleInner;
import com.azure.resourcemanager.network.fluent.models.ServiceTagInformationInner;
import com.azure.resourcemanager.network.fluent.models.ServiceTagsListResultInner;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * ARM's JSON to the network SDK's inner models and back, with the SDK's management serializer: the
 * planner's bodies become the models the SDK sends, and what the SDK reads becomes ARM's JSON again
 * for the facts, {@link Drift} and {@link PendingWrites}. The serializer writes only what a client may
 * send, so the read-only fields amlnet reads (name, type, etag, provisioningState, also of an NSG's
 * rules and a route table's routes) are put back from the model's accessors.
 */
public final class InnerModels {
  private static final SerializerAdapter SERIALIZER = SerializerFactory.createDefaultManagementSerializerAdapter();
  private static final ObjectMapper JSON = new ObjectMapper();

  private InnerModels() {}

  /** The model class the SDK takes for {@code kind}. */
  static Class<?> modelOf(NetworkSdkTypes.Kind kind) {
    return switch (kind) {
      case NETWORK_SECURITY_GROUP -> NetworkSecurityGroupInner.class;
      case SECURITY_RULE -> SecurityRuleInner.class;
      case ROUTE_TABLE -> RouteTableInner.class;
      case ROUTE -> RouteInner.class;
      case NAT_GATEWAY -> NatGatewayInner.class;
      case PUBLIC_IP_ADDRESS -> PublicIpAddressInner.class;
    };
  }

  /** A planner body (ARM's JSON) as the SDK's model of {@code kind}. */
  public static <T> T toInner(ObjectNode body, Class<T> model) {
    try {
      return SERIALIZER.deserialize(body.toString(), model, SerializerEncoding.JSON);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read an ARM body as " + model.getSimpleName(), e);
    }
  }

  /** An SDK model as ARM's JSON, read-only fields included. */
  public static ObjectNode toArm(Object inner) {
    ObjectNode json;
    try {
      json = (ObjectNode) JSON.readTree(SERIALIZER.serialize(inner, SerializerEncoding.JSON));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + inner.getClass().getSimpleName() + " as ARM JSON", e);
    }
    if (inner instanceof NetworkSecurityGroupInner nsg) {
      readOnly(json, nsg.name(), nsg.type(), nsg.etag(), nsg.provisioningState());
      children(json, "securityRules", nsg.securityRules(), (item, r) -> readOnly(item, r.name(), r.type(), r.etag(),
          r.provisioningState()));
    } else if (inner instanceof SecurityRuleInner rule) {
      readOnly(json, rule.name(), rule.type(), rule.etag(), rule.provisioningState());
    } else if (inner instanceof RouteTableInner table) {
      readOnly(json, table.name(), table.type(), table.etag(), table.provisioningState());
      children(json, "routes", table.routes(), (item, r) -> readOnly(item, r.name(), r.type(), r.etag(),
          r.provisioningState()));
    } else if (inner instanceof RouteInner route) {
      readOnly(json, route.name(), route.type(), route.etag(), route.provisioningState());
    } else if (inner instanceof NatGatewayInner nat) {
      readOnly(json, nat.name(), nat.type(), nat.etag(), nat.provisioningState());
    } else if (inner instanceof PublicIpAddressInner ip) {
      readOnly(json, ip.name(), ip.type(), ip.etag(), ip.provisioningState());
    }
    return json;
  }

  /** ARM's service-tag list, whose fields are all read-only to the serializer, from the model's accessors. */
  public static ObjectNode serviceTags(ServiceTagsListResultInner list) {
    ObjectNode json = JSON.createObjectNode();
    putIfSet(json, "name", list.name());
    putIfSet(json, "id", list.id());
    putIfSet(json, "type", list.type());
    putIfSet(json, "changeNumber", list.changeNumber());
    putIfSet(json, "cloud", list.cloud());
    ArrayNode values = json.putArray("values");
    for (ServiceTagInformationInner tag : list.values() == null ? List.<ServiceTagInformationInner>of() : list.values()) {
      ObjectNode value = values.addObject();
      putIfSet(value, "name", tag.name());
      putIfSet(value, "id", tag.id());
      ObjectNode properties = value.putObject("properties");
      if (tag.properties() != null) {
        putIfSet(properties, "changeNumber", tag.properties().changeNumber());
        putIfSet(properties, "region", tag.properties().region());
        putIfSet(properties, "systemService", tag.properties().systemService());
        putIfSet(properties, "state", tag.properties().state());
        ArrayNode prefixes = properties.putArray("addressPrefixes");
        (tag.properties().addressPrefixes() == null ? List.<String>of() : tag.properties().addressPrefixes())
            .forEach(prefixes::add);
      }
    }
    return json;
  }

  private static void readOnly(ObjectNode json, String name, String type, String etag, Object provisioningState) {
    putIfSet(json, "name", name);
    putIfSet(json, "type", type);
    putIfSet(json, "etag", etag);
    if (provisioningState != null) {
      json.with("properties").put("provisioningState", provisioningState.toString());
    }
  }

  /** Read-only fields of each item of a child list, which the serializer writes in the model's order. */
  private static <C> void children(ObjectNode json, String field, List<C> models,
      java.util.function.BiConsumer<ObjectNode, C> restore) {
    JsonNode items = json.path("properties").path(field);
    if (models == null || !items.isArray()) {
      return;
    }
    for (int i = 0; i < models.size() && i < items.size(); i++) {
      restore.accept((ObjectNode) items.get(i), models.get(i));
    }
  }

  private static void putIfSet(ObjectNode json, String field, String value) {
    if (value != null) {
      json.put(field, value);
    }
  }
}
