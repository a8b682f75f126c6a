package io.amlnet.sandbox;

/** One request being served, with the emulator parts a handler may use. */
public record ArmCall(
    ArmRequest request, Caller caller, ResourceId id, World world, LroEngine lro, Governance governance, Permissions permissions,
    String baseUrl, String operationError) {

  /** A fault asks the operation this request starts to end Failed with {@link #operationError}. */
  public boolean failOperation() {
    return operationError != null;
  }

  public String method() {
    return request.method();
  }

  public String apiVersion() {
    return request.apiVersion();
  }
}
