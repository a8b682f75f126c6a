package io.amlnet.controller;

import io.amlnet.api.TrainingEnvironment;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.stream.Stream;

/**
 * Deleting a whole namespace deletes the credential Secret together with the environments that
 * need it to clean Azure up. A finalizer on the Secret, held while an environment names it, keeps
 * the Secret readable until the last such environment's cleanup is done, so no finalizer wedges
 * and nothing leaks silently.
 */
final class CredentialSecretFinalizer {
  static final String FINALIZER = "amlnet.io/credential-in-use";
  /** The same mark as a label: the environment controller watches exactly the Secrets that carry it. */
  static final String LABEL = "amlnet.io/credential-in-use";
  private final KubernetesClient kubernetes;

  CredentialSecretFinalizer(KubernetesClient kubernetes) {
    this.kubernetes = kubernetes;
  }

  void hold(TrainingEnvironment env) {
    String name = secretName(env);
    if (name == null) {
      return;
    }
    Secret secret = kubernetes.secrets().inNamespace(env.getMetadata().getNamespace()).withName(name).get();
    if (secret == null || secret.getMetadata().getDeletionTimestamp() != null
        || secret.getMetadata().getFinalizers().contains(FINALIZER) && labelled(secret)) {
      return;
    }
    edit(env, name, true);
  }

  /** After a cleanup: lets the Secret go unless another environment of the namespace still names it. */
  void release(TrainingEnvironment env, Stream<TrainingEnvironment> namespaceEnvironments) {
    String name = secretName(env);
    if (name == null || namespaceEnvironments.anyMatch(other -> !other.getMetadata().getUid()
        .equals(env.getMetadata().getUid()) && name.equals(secretName(other)))) {
      return;
    }
    edit(env, name, false);
  }

  private void edit(TrainingEnvironment env, String name, boolean add) {
    try {
      kubernetes.secrets().inNamespace(env.getMetadata().getNamespace()).withName(name).edit(s -> {
        SecretBuilder builder = new SecretBuilder(s);
        if (add && !s.getMetadata().getFinalizers().contains(FINALIZER)) {
          builder.editMetadata().addToFinalizers(FINALIZER).endMetadata();
        } else if (!add) {
          builder.editMetadata().removeFromFinalizers(FINALIZER).removeFromLabels(LABEL).endMetadata();
        }
        if (add) {
          builder.editMetadata().addToLabels(LABEL, "true").endMetadata();
        }
        return builder.build();
      });
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  private static boolean labelled(Secret secret) {
    return secret.getMetadata().getLabels() != null && "true".equals(secret.getMetadata().getLabels().get(LABEL));
  }

  static String secretName(TrainingEnvironment env) {
    return env.getSpec() == null || env.getSpec().credential() == null ? null : env.getSpec().credential().secretName();
  }
}
