package io.amlnet.sandbox;

/**
 * Who sent an ARM request: the identity an emulator-issued access token names (its client and
 * object ID), or the world's default caller for any other bearer token (amlnet's own identity in
 * the sandbox), whose permissions are the world's entries without a {@code clientId}.
 */
public record Caller(String clientId, String objectId, String tenantId) {
  public static final Caller DEFAULT = new Caller(null, null, null);

  public boolean named() {
    return clientId != null;
  }

  /** How ARM names the client in an AuthorizationFailed message. */
  String describe() {
    return named() ? "'" + clientId + "' with object id '" + objectId + "'" : "'amlnet-sandbox'";
  }
}
