package io.amlnet.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlnet.api.AttachedCompute;
import io.amlnet.api.TrainingCompute;
import io.amlnet.api.TrainingComputeSpec.ComputeKind;
import io.amlnet.azure.ArmException;
import io.amlnet.plan.ComputePlanner;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * An attached compute's credentials, read from the Secret its spec names (in the compute's own
 * namespace only) and put into the compute body at the last moment, just before the PUT: the plan
 * holds placeholders, and the values live only in the body sent to Azure. A missing Secret or key is
 * a permanent error naming the Secret and the key, never a value, raised before any write.
 */
final class AttachCredentials {
  private final KubernetesClient kubernetes;

  AttachCredentials(KubernetesClient kubernetes) {
    this.kubernetes = kubernetes;
  }

  /** The body to send: the planned one, with the Secret's values where AML takes them (VM, HDInsight, Databricks). */
  ObjectNode bodyToSend(TrainingCompute tc, ObjectNode planned) {
    ComputeKind kind = tc.getSpec().kind();
    AttachedCompute attach = tc.getSpec().attach();
    if (kind.isCreatedByAml() || attach == null) {
      return planned;
    }
    String namespace = tc.getMetadata().getNamespace();
    String name = attach.credentialsSecret();
    if (name == null) {
      throw new ArmException(400, "CredentialSecretNotFound", "spec.attach.credentialsSecret is not set: AML needs"
          + " credentials to attach a " + kind);
    }
    Secret secret = kubernetes.secrets().inNamespace(namespace).withName(name).get();
    if (secret == null) {
      throw new ArmException(400, "CredentialSecretNotFound", "secret " + name + " not found in namespace " + namespace
          + " (an attached compute's credentials are read from its own namespace only)");
    }
    return withValues(kind, planned, name, decoded(secret));
  }

  /** The planned body with a Secret's decoded values (by key) where AML takes them. */
  static ObjectNode withValues(ComputeKind kind, ObjectNode planned, String secret, Map<String, String> data) {
    ObjectNode body = planned.deepCopy();
    ObjectNode inner = (ObjectNode) body.path("properties").path("properties");
    if (kind == ComputeKind.Databricks) {
      inner.put(ComputePlanner.DATABRICKS_ACCESS_TOKEN, required(data, secret, "accessToken", "accessToken"));
      return body;
    }
    ObjectNode account = inner.putObject(ComputePlanner.ADMINISTRATOR_ACCOUNT);
    account.put("username", required(data, secret, "username", "username and password or privateKey"));
    if (!data.containsKey("password") && !data.containsKey("privateKey")) {
      throw invalid(secret, "neither key password nor key privateKey", "username and password or privateKey");
    }
    putIfPresent(account, "password", data.get("password"));
    putIfPresent(account, "privateKeyData", data.get("privateKey"));
    putIfPresent(account, "publicKeyData", data.get("publicKey"));
    return body;
  }

  /** The Secret's non-empty values by key, decoded; stringData counts too, as the API server would merge it. */
  private static Map<String, String> decoded(Secret secret) {
    Map<String, String> values = new HashMap<>();
    if (secret.getData() != null) {
      secret.getData().forEach((key, base64) -> values.put(key,
          new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8)));
    }
    if (secret.getStringData() != null) {
      values.putAll(secret.getStringData());
    }
    values.values().removeIf(String::isEmpty);
    return values;
  }

  private static String required(Map<String, String> data, String secret, String key, String needs) {
    String value = data.get(key);
    if (value == null) {
      throw invalid(secret, "no key " + key, needs);
    }
    return value;
  }

  private static ArmException invalid(String secret, String what, String needs) {
    // Names the Secret and the key, never a value.
    return new ArmException(400, "CredentialSecretInvalid", "secret " + secret + " has " + what + " (needs " + needs + ")");
  }

  private static void putIfPresent(ObjectNode account, String field, String value) {
    if (value != null) {
      account.put(field, value);
    }
  }
}
