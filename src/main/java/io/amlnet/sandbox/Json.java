package io.amlnet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** Small JSON helpers over Jackson's tree model, which is the emulator's resource representation. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  public static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }

  public static JsonNode parse(byte[] bytes) throws IOException {
    return MAPPER.readTree(bytes);
  }

  public static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The object at {@code field}, created when absent or not an object. */
  public static ObjectNode child(ObjectNode parent, String field) {
    JsonNode n = parent.get(field);
    if (n instanceof ObjectNode o) {
      return o;
    }
    return parent.putObject(field);
  }

  /** The array at {@code field}, created when absent or not an array. */
  public static ArrayNode childArray(ObjectNode parent, String field) {
    JsonNode n = parent.get(field);
    if (n instanceof ArrayNode a) {
      return a;
    }
    return parent.putArray(field);
  }

  public static ObjectNode idRef(String id) {
    ObjectNode ref = object();
    ref.put("id", id);
    return ref;
  }
}
