package io.amlnet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;

/**
 * {@code /_sandbox/...}: observation and control for tests, outside ARM (no token, not counted).
 * <ul>
 *   <li>GET  /_sandbox/requests: counts and the request log</li>
 *   <li>POST /_sandbox/reset[?what=requests]: world, log, buckets and operations back to the start</li>
 *   <li>GET|PUT|DELETE /_sandbox/world/resource?id=ARM-ID: read, overwrite (drift) or remove a resource</li>
 *   <li>POST /_sandbox/world/service-tags/bump {"name": TAG, "addressPrefixes": [...]}: new prefixes and changeNumber</li>
 *   <li>POST /_sandbox/world/policies/{name} {"enabled": bool}: switch a policy</li>
 * </ul>
 */
final class AdminEndpoint {
  private final ArmEmulator emulator;

  AdminEndpoint(ArmEmulator emulator) {
    this.emulator = emulator;
  }

  ArmResponse handle(String method, String path, Map<String, String> query, byte[] body) {
    try {
      return route(method.toUpperCase(), path, query, body);
    } catch (ArmError e) {
      return e.toResponse();
    } catch (IOException | RuntimeException e) {
      return new ArmError(400, "BadAdminRequest", String.valueOf(e)).toResponse();
    }
  }

  private ArmResponse route(String method, String path, Map<String, String> query, byte[] body) throws IOException {
    String p = path.replaceAll("/+$", "");
    if (p.equals("/_sandbox/requests") && method.equals("GET")) {
      return ArmResponse.of(200, emulator.requests().toJson());
    }
    if (p.equals("/_sandbox/reset") && method.equals("POST")) {
      if ("requests".equals(query.get("what"))) {
        emulator.requests().reset();
      } else {
        emulator.reset();
      }
      return ArmResponse.of(200, emulator.requests().counts().toJson());
    }
    if (p.equals("/_sandbox/world/resource")) {
      return resource(method, query.get("id"), body);
    }
    if (p.equals("/_sandbox/world/service-tags/bump") && method.equals("POST")) {
      JsonNode req = Json.parse(body);
      return ArmResponse.of(200, emulator.bumpServiceTag(req.path("name").asText(), req.get("addressPrefixes")));
    }
    if (p.startsWith("/_sandbox/world/policies/") && method.equals("POST")) {
      String name = p.substring("/_sandbox/world/policies/".length());
      boolean enabled = Json.parse(body).path("enabled").asBoolean(true);
      return ArmResponse.of(200, emulator.setPolicyEnabled(name, enabled));
    }
    throw new ArmError(404, "NotFound", "No admin endpoint " + method + " " + path + ".");
  }

  private ArmResponse resource(String method, String id, byte[] body) throws IOException {
    if (id == null) {
      throw ArmError.badRequest("MissingId", "Query parameter id (an ARM resource id) is required.");
    }
    return switch (method) {
      case "GET" -> ArmResponse.of(200, emulator.readResource(id)
          .orElseThrow(() -> new ArmError(404, "ResourceNotFound", id + " is not in the world.")));
      case "PUT" -> {
        ObjectNode r = (ObjectNode) Json.parse(body);
        r.put("id", id);
        yield ArmResponse.of(200, emulator.driftResource(r));
      }
      case "DELETE" -> {
        emulator.removeResource(id);
        yield ArmResponse.empty(204);
      }
      default -> throw new ArmError(405, "MethodNotAllowed", method);
    };
  }
}
