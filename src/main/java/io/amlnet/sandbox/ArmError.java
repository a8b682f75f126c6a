package io.amlnet.sandbox;

import java.util.Map;

/** An ARM error answer: HTTP status plus the {@code {"error":{"code","message"}}} body. */
public final class ArmError extends RuntimeException {
  private final int status;
  private final String code;
  private final Map<String, String> headers;

  public ArmError(int status, String code, String message) {
    this(status, code, message, Map.of());
  }

  public ArmError(int status, String code, String message, Map<String, String> headers) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public Map<String, String> headers() {
    return headers;
  }

  public ArmResponse toResponse() {
    ArmResponse r = new ArmResponse(status, body(code, getMessage()));
    headers.forEach(r::header);
    return r;
  }

  public static com.fasterxml.jackson.databind.node.ObjectNode body(String code, String message) {
    var root = Json.object();
    var error = root.putObject("error");
    error.put("code", code);
    error.put("message", message);
    return root;
  }

  public static ArmError badRequest(String code, String message) {
    return new ArmError(400, code, message);
  }

  public static ArmError resourceNotFound(String type, String name, String group) {
    return new ArmError(
        404,
        "ResourceNotFound",
        "The Resource '" + type + "/" + name + "' under resource group '" + group
            + "' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix");
  }

  public static ArmError groupNotFound(String group) {
    return new ArmError(404, "ResourceGroupNotFound", "Resource group '" + group + "' could not be found.");
  }
}
