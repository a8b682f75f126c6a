package io.amlnet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Entra ID's token endpoint for the world file's tenants ({@code POST /{tenant}/oauth2/v2.0/token},
 * form-encoded), with the OpenID discovery documents that MSAL reads first. Two grants, both
 * {@code client_credentials}: a client secret, or a client assertion (a JWT of an outside issuer,
 * e.g. a kube-apiserver ServiceAccount token) that one of the principal's federated credentials
 * accepts, its RS256 signature checked with the issuer keys a test passes in
 * ({@link #trustIssuer}). Issued access tokens are RS256 JWTs of this emulator naming the
 * identity (appid, oid, tid); {@link #caller} turns one back into the caller of an ARM request.
 */
public final class EntraId {
  /** Where workload identity tokens are meant for: the audience Entra ID expects by default. */
  public static final String TOKEN_EXCHANGE_AUDIENCE = "api://AzureADTokenExchange";
  static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
  private static final String KEY_ID = "amlnet-sandbox-entra";
  private static final Pattern TENANT_PATH = Pattern.compile(
      "^/([^/]+)/(oauth2/v2\\.0/token|v2\\.0/\\.well-known/openid-configuration|discovery/v2\\.0/keys)$");
  private static final String INSTANCE_DISCOVERY = "/common/discovery/instance";
  private static final long TOKEN_LIFETIME_SECONDS = 3600;
  private static final java.util.Set<String> OPENID_SCOPES = java.util.Set.of("openid", "profile", "offline_access",
      "email");

  /** One token issued: what a test asserts on (never the token itself). */
  public record Grant(String tenantId, String clientId, String kind, String subject) {}

  private final EntraTenants tenants;
  private final String baseUrl;
  private final KeyPair signingKey;
  private final FederatedAssertions assertions = new FederatedAssertions();
  private final List<Grant> grants = new CopyOnWriteArrayList<>();

  EntraId(JsonNode entra, String baseUrl) {
    this.tenants = new EntraTenants(entra);
    this.baseUrl = baseUrl;
    try {
      KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
      rsa.initialize(2048);
      this.signingKey = rsa.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Trusts {@code jwks} (a JWKS document, e.g. the kube-apiserver's {@code /openid/v1/jwks}) as the
   * signing keys of {@code issuer}: what Entra ID would fetch from the issuer's discovery document.
   */
  public void trustIssuer(String issuer, JsonNode jwks) {
    assertions.trustIssuer(issuer, Jwt.rsaKeys(jwks));
  }

  /** Every token issued so far, oldest first. */
  public List<Grant> grants() {
    return List.copyOf(grants);
  }

  /** Forgets what was issued (with the emulator's reset); issued tokens stay valid until they expire. */
  void reset() {
    grants.clear();
  }

  static boolean serves(String path) {
    return path.equals(INSTANCE_DISCOVERY) || TENANT_PATH.matcher(path).matches();
  }

  ArmResponse handle(String method, String path, byte[] body) {
    if (path.equals(INSTANCE_DISCOVERY)) {
      return ArmResponse.of(200, EntraDiscovery.instance(baseUrl));
    }
    Matcher m = TENANT_PATH.matcher(path);
    if (!m.matches()) {
      throw new IllegalArgumentException(path);
    }
    String tenant = m.group(1);
    if (!tenants.hasTenant(tenant) && !tenant.equalsIgnoreCase("organizations") && !tenant.equalsIgnoreCase("common")) {
      return error(400, "invalid_request", 90002, "Tenant '" + tenant + "' not found. Check to make sure you have"
          + " the correct tenant ID and are signing into the correct cloud.");
    }
    return switch (m.group(2)) {
      case "v2.0/.well-known/openid-configuration" -> ArmResponse.of(200, EntraDiscovery.openidConfiguration(baseUrl,
          tenant));
      case "discovery/v2.0/keys" -> ArmResponse.of(200,
          Json.object().set("keys", Json.array().add(Jwt.jwk((RSAPublicKey) signingKey.getPublic(), KEY_ID))));
      default -> method.equals("POST") ? token(tenant, ArmRequest.parseQuery(new String(body, StandardCharsets.UTF_8)))
          : error(405, "invalid_request", 900561, "The endpoint only accepts POST requests.");
    };
  }

  /**
   * The caller an ARM bearer token names: an access token this emulator issued (signature and
   * expiry checked), or the default caller for a token that is not a JWT (the sandbox's static one).
   */
  Caller caller(String bearer) {
    if (!Jwt.looksLikeJwt(bearer)) {
      return Caller.DEFAULT;
    }
    Jwt token;
    try {
      token = Jwt.parse(bearer);
    } catch (IllegalArgumentException e) {
      throw new ArmError(401, "InvalidAuthenticationToken", "The access token is invalid.");
    }
    if (!KEY_ID.equals(token.keyId()) || !token.signedBy(signingKey.getPublic())) {
      throw new ArmError(401, "InvalidAuthenticationTokenSignature",
          "The access token has an invalid signature: it was not issued by this tenant's Entra ID.");
    }
    if (token.claims().path("exp").asLong() < Instant.now().getEpochSecond()) {
      throw new ArmError(401, "ExpiredAuthenticationToken", "The access token expiry UTC time '"
          + Instant.ofEpochSecond(token.claims().path("exp").asLong()) + "' is earlier than current UTC time.");
    }
    return new Caller(token.claim("appid"), token.claim("oid"), token.claim("tid"));
  }

  private ArmResponse token(String tenant, Map<String, String> form) {
    if (!"client_credentials".equals(form.get("grant_type"))) {
      return error(400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type '"
          + form.get("grant_type") + "'.");
    }
    String clientId = form.get("client_id");
    // MSAL adds the OpenID scopes to the resource's /.default one; Entra ID ignores them here.
    String scope = java.util.Arrays.stream(form.getOrDefault("scope", "").trim().split("\\s+"))
        .filter(s -> !OPENID_SCOPES.contains(s)).collect(java.util.stream.Collectors.joining(" "));
    if (clientId == null || clientId.isBlank()) {
      return error(400, "invalid_request", 900144, "The request body must contain the following parameter: 'client_id'.");
    }
    if (!scope.endsWith("/.default") || scope.contains(" ")) {
      return error(400, "invalid_scope", 1002012, "The provided value for scope " + scope
          + " is not valid. Client credential flows must have a scope value with /.default suffixed to the resource"
          + " identifier (application ID URI).");
    }
    Optional<EntraTenants.ServicePrincipal> principal = tenants.principal(tenant, clientId);
    if (principal.isEmpty()) {
      return error(400, "unauthorized_client", 700016, "Application with identifier '" + clientId
          + "' was not found in the directory '" + tenant + "'.");
    }
    EntraTenants.ServicePrincipal sp = principal.get();
    String subject = null;
    String kind;
    if (form.containsKey("client_assertion") || form.containsKey("client_assertion_type")) {
      if (!JWT_BEARER.equals(form.get("client_assertion_type"))) {
        return error(400, "invalid_request", 50012, "client_assertion_type must be " + JWT_BEARER + ".");
      }
      Jwt assertion;
      try {
        assertion = Jwt.parse(form.getOrDefault("client_assertion", ""));
      } catch (IllegalArgumentException e) {
        return error(400, "invalid_client", 50027, "JWT token is invalid or malformed.");
      }
      Optional<FederatedAssertions.Refusal> refused = assertions.refusal(sp, assertion);
      if (refused.isPresent()) {
        return error(400, "invalid_client", refused.get().code(), refused.get().description());
      }
      subject = assertion.claim("sub");
      kind = "client_assertion";
    } else {
      String secret = form.get("client_secret");
      if (secret == null || sp.clientSecret() == null || !constantTimeEquals(secret, sp.clientSecret())) {
        // Names the client, never what was sent.
        return error(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being sent"
            + " in the request is the client secret value, not the client secret ID, for a secret added to app '"
            + sp.clientId() + "'.");
      }
      kind = "client_secret";
    }
    grants.add(new Grant(sp.tenantId(), sp.clientId(), kind, subject));
    return ArmResponse.of(200, Json.object().put("token_type", "Bearer").put("expires_in", TOKEN_LIFETIME_SECONDS)
        .put("ext_expires_in", TOKEN_LIFETIME_SECONDS).put("access_token", accessToken(sp, scope)));
  }

  private String accessToken(EntraTenants.ServicePrincipal sp, String scope) {
    long now = Instant.now().getEpochSecond();
    ObjectNode claims = Json.object()
        .put("aud", scope.substring(0, scope.length() - "/.default".length()))
        .put("iss", "https://sts.windows.net/" + sp.tenantId() + "/")
        .put("iat", now).put("nbf", now).put("exp", now + TOKEN_LIFETIME_SECONDS)
        .put("appid", sp.clientId()).put("oid", sp.objectId()).put("sub", sp.objectId())
        .put("tid", sp.tenantId()).put("idtyp", "app").put("ver", "1.0");
    return Jwt.sign(claims, signingKey.getPrivate(), KEY_ID);
  }

  /** Entra ID's error body: {@code error}, {@code error_description} starting with AADSTS and its code. */
  static ArmResponse error(int status, String error, int code, String description) {
    ObjectNode body = Json.object().put("error", error)
        .put("error_description", "AADSTS" + code + ": " + description)
        .put("timestamp", Instant.now().toString())
        .put("trace_id", java.util.UUID.randomUUID().toString())
        .put("correlation_id", java.util.UUID.randomUUID().toString());
    body.putArray("error_codes").add(code);
    return ArmResponse.of(status, body);
  }

  private static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
