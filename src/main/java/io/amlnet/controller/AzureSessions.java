package io.amlnet.controller;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.WorkloadIdentityCredentialBuilder;
import io.amlnet.api.Credential;
import io.amlnet.api.TrainingEnvironment;
import io.amlnet.azure.ArmClient;
import io.amlnet.azure.ArmException;
import io.amlnet.azure.ArmPipelines;
import io.amlnet.azure.ArmRequestMetrics;
import io.amlnet.azure.EnvironmentTeardown;
import io.amlnet.azure.FactsReader;
import io.amlnet.azure.OperationsInFlight;
import io.amlnet.azure.PlanApplier;
import io.amlnet.azure.RequestBudget;
import io.amlnet.azure.ServiceTagCache;
import io.amlnet.azure.VirtualNetworkLocks;
import io.amlnet.metrics.ArmGauges;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * ARM access per credential: the operator's own identity by default, or the one an environment
 * names. A Secret is read only from the environment's own namespace, and its values never leave the
 * credential object: not in logs, events, status or exception messages.
 */
public final class AzureSessions {
  /** What one reconcile uses to talk to ARM. */
  public record AzureSession(ArmClient arm, FactsReader facts, PlanApplier applier, EnvironmentTeardown teardown) {}

  private final OperatorSettings settings;
  private final KubernetesClient kubernetes;
  private final RequestBudget budget;
  private final ServiceTagCache serviceTags;
  /** Shared by every session: ARM's one-write-per-VNet rule holds whatever the credential. */
  private final VirtualNetworkLocks vnetLocks = new VirtualNetworkLocks();
  private final ExecutorService executor;
  private final ArmRequestMetrics requestMetrics;
  private final OperationsInFlight operations = new OperationsInFlight();
  /** One session per credential; a Secret's is replaced (not added to) when the Secret changes. */
  private final Map<String, Held> sessions = new ConcurrentHashMap<>();
  private volatile TokenCredential defaultCredential;

  /** A session and the version of the credential it was made from (a Secret's resourceVersion). */
  private record Held(String version, AzureSession session) {}

  public AzureSessions(OperatorSettings settings, KubernetesClient kubernetes, ServiceTagCache serviceTags,
      ExecutorService executor, MeterRegistry metrics) {
    this.settings = settings;
    this.kubernetes = kubernetes;
    this.budget = new RequestBudget(settings.budget());
    this.serviceTags = serviceTags;
    this.executor = executor;
    this.requestMetrics = new ArmRequestMetrics(metrics);
    ArmGauges.register(metrics, operations, budget);
  }

  public AzureSession forEnvironment(TrainingEnvironment environment) {
    return forCredential(environment.getMetadata().getNamespace(), environment.getSpec().credential());
  }

  /**
   * The session of a credential reference in a namespace: what a compute's cleanup uses when its
   * environment is already gone (the compute keeps the reference in its status).
   */
  public AzureSession forCredential(String namespace, Credential credential) {
    if (credential == null || settings.credentialMode() == OperatorSettings.CredentialMode.Sandbox
        && credential.secretName() == null) {
      return held("default", "", () -> session(defaultCredential()));
    }
    if (credential.secretName() != null) {
      Secret secret = kubernetes.secrets().inNamespace(namespace).withName(credential.secretName()).get();
      if (secret == null) {
        throw new ArmException(400, "CredentialSecretNotFound", "secret " + credential.secretName()
            + " not found in namespace " + namespace + " (credential secrets are read from the environment's own"
            + " namespace only)");
      }
      // A rotation (new resourceVersion) replaces the session at once; the old one is dropped.
      return held("secret/" + namespace + "/" + credential.secretName(), secret.getMetadata().getResourceVersion(),
          () -> session(fromSecret(secret)));
    }
    return held("federated/" + credential.federatedClientId(), "", () -> session(
        new WorkloadIdentityCredentialBuilder().clientId(credential.federatedClientId()).build()));
  }

  public FactsReader anyFactsReader() {
    return operatorSession().facts();
  }

  /** The session of the operator's own identity (or of the person running `amlnet plan --live`). */
  public AzureSession operatorSession() {
    return held("default", "", () -> session(defaultCredential()));
  }

  /** How many sessions are held: one per credential in use, whatever the number of rotations. */
  int size() {
    return sessions.size();
  }

  private AzureSession held(String key, String version, Supplier<AzureSession> create) {
    return sessions.compute(key, (k, held) -> held != null && held.version().equals(version) ? held
        : new Held(version, create.get())).session();
  }

  private AzureSession session(TokenCredential credential) {
    ArmClient arm = new ArmClient(
        ArmPipelines.build(credential, settings.armEndpoint(), budget, settings.retry(), requestMetrics),
        settings.armEndpoint(), settings.operationPollInterval(), settings.operationTimeout(), operations);
    FactsReader facts = new FactsReader(arm, serviceTags);
    return new AzureSession(arm, facts, new PlanApplier(arm, vnetLocks, executor),
        new EnvironmentTeardown(arm, facts, vnetLocks));
  }

  private TokenCredential defaultCredential() {
    if (defaultCredential == null) {
      defaultCredential = settings.credentialMode() == OperatorSettings.CredentialMode.Sandbox
          ? sandboxToken() : new DefaultAzureCredentialBuilder().build();
    }
    return defaultCredential;
  }

  private TokenCredential fromSecret(Secret secret) {
    Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
    for (String required : new String[] {"tenantId", "clientId", "clientSecret"}) {
      if (!data.containsKey(required)) {
        // Names the missing key, never a value.
        throw new ArmException(400, "CredentialSecretInvalid", "secret " + secret.getMetadata().getName()
            + " has no key " + required + " (needs tenantId, clientId, clientSecret)");
      }
    }
    if (settings.credentialMode() == OperatorSettings.CredentialMode.Sandbox) {
      return sandboxToken();
    }
    return new ClientSecretCredentialBuilder()
        .tenantId(decode(data.get("tenantId")))
        .clientId(decode(data.get("clientId")))
        .clientSecret(decode(data.get("clientSecret")))
        .build();
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8).trim();
  }

  /** The ARM emulator accepts any bearer token; this one names itself so nobody mistakes it for a secret. */
  private static TokenCredential sandboxToken() {
    return request -> Mono.just(new AccessToken("amlnet-sandbox-token", OffsetDateTime.now().plusHours(1)));
  }
}
