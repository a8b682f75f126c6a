package io.amlnet.sandbox;

/** One request being served, with the emulator parts a handler may use. */
public record ArmCall(
    ArmRequest request, Caller caller, ResourceId id, World world, LroEngine lro, Governance governance, Permissions permissions,
    String baseUrl, boolean failOperation) {

  public String method() {
    return request.method();
  }

  public String apiVersion() {
    return request.apiVersion();
  }
}
