package io.amlnet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * A compact JWS signed with RS256 ({@code header.claims.signature}): the shape of a kube-apiserver
 * ServiceAccount token and of an Entra ID access token. Only what the emulator needs: parse, check
 * the signature with a key, sign, and read a JWKS.
 */
public final class Jwt {
  private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

  private final ObjectNode header;
  private final ObjectNode claims;
  private final byte[] signingInput;
  private final byte[] signature;

  private Jwt(ObjectNode header, ObjectNode claims, byte[] signingInput, byte[] signature) {
    this.header = header;
    this.claims = claims;
    this.signingInput = signingInput;
    this.signature = signature;
  }

  /** True when {@code token} has the three dot-separated parts of a JWS (it may still be invalid). */
  static boolean looksLikeJwt(String token) {
    return token.chars().filter(c -> c == '.').count() == 2;
  }

  /** @throws IllegalArgumentException when the token is not a JWS of two JSON objects */
  public static Jwt parse(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("not a JWS: expected three dot-separated parts");
    }
    try {
      JsonNode header = Json.parse(DECODE.decode(parts[0]));
      JsonNode claims = Json.parse(DECODE.decode(parts[1]));
      if (!(header instanceof ObjectNode h) || !(claims instanceof ObjectNode c)) {
        throw new IllegalArgumentException("not a JWS: header and claims must be JSON objects");
      }
      return new Jwt(h, c, (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII), DECODE.decode(parts[2]));
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not a JWS: " + e.getMessage(), e);
    }
  }

  /** Signs {@code claims} with RS256; {@code kid} names the key so a verifier can find it. */
  public static String sign(ObjectNode claims, PrivateKey key, String kid) {
    ObjectNode header = Json.object().put("alg", "RS256").put("typ", "JWT").put("kid", kid);
    String input = ENCODE.encodeToString(Json.bytes(header)) + "." + ENCODE.encodeToString(Json.bytes(claims));
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initSign(key);
      rs256.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + ENCODE.encodeToString(rs256.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with RS256", e);
    }
  }

  public ObjectNode header() {
    return header;
  }

  public ObjectNode claims() {
    return claims;
  }

  public String claim(String name) {
    return claims.path(name).asText(null);
  }

  public String keyId() {
    return header.path("kid").asText(null);
  }

  /** True for an RS256 signature that {@code key} verifies; any other algorithm is refused. */
  public boolean signedBy(PublicKey key) {
    if (!"RS256".equals(header.path("alg").asText())) {
      return false;
    }
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initVerify(key);
      rs256.update(signingInput);
      return rs256.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** The RSA keys of a JWKS document ({@code {"keys":[{"kty":"RSA","kid","n","e"}]}}), by kid. */
  public static Map<String, PublicKey> rsaKeys(JsonNode jwks) {
    Map<String, PublicKey> keys = new HashMap<>();
    for (JsonNode k : jwks.path("keys")) {
      if (!"RSA".equals(k.path("kty").asText())) {
        continue;
      }
      try {
        RSAPublicKeySpec spec = new RSAPublicKeySpec(new BigInteger(1, DECODE.decode(k.path("n").asText())),
            new BigInteger(1, DECODE.decode(k.path("e").asText())));
        keys.put(k.path("kid").asText(""), KeyFactory.getInstance("RSA").generatePublic(spec));
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        throw new IllegalArgumentException("JWKS: key " + k.path("kid").asText("") + " is not a valid RSA key", e);
      }
    }
    return keys;
  }

  /** One RSA public key as a JWKS entry. */
  public static ObjectNode jwk(RSAPublicKey key, String kid) {
    return Json.object().put("kty", "RSA").put("alg", "RS256").put("use", "sig").put("kid", kid)
        .put("n", ENCODE.encodeToString(unsigned(key.getModulus())))
        .put("e", ENCODE.encodeToString(unsigned(key.getPublicExponent())));
  }

  private static byte[] unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    return bytes.length > 1 && bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
  }
}
