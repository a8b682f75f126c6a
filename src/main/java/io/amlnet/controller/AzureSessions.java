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
import io.amlnet.azure.SharedFacts;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;

/**
 * ARM access per credential: the operator's own identity by default, or the one an environment
 * names. A Secret or ServiceAccount is read only from the environment's own namespace, and secret
 * values and tokens never leave the credential object: not in logs, events, status or exception
 * messages. Which identity a reconcile uses goes into its log context by client ID ({@link #LOG_KEY}).
 */
public final class AzureSessions {
  private static final Logger LOG = LoggerFactory.getLogger(AzureSessions.class);
  /** The log-context key naming the Azure identity of the reconcile (by client ID, never a secret). */
  static final String LOG_KEY = "azureIdentity";
  static final String DEFAULT_IDENTITY = "the operator's identity";

  /** What one reconcile uses to talk to ARM, and as whom (for audit: a client ID, never a secret). */
  public record AzureSession(ArmClient arm, FactsReader facts, PlanApplier applier, EnvironmentTeardown teardown,
      io.amlnet.azure.OperationPoller poller, String identity) {}

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

  /**
   * A session, the version of the credential it was made from (a Secret's resourceVersion, a
   * ServiceAccount's client and tenant IDs) and its token credential.
   */
  private record Held(String version, AzureSession session, TokenCredential credential) {}

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
    AzureSession session = sessionFor(namespace, credential);
    MDC.put(LOG_KEY, session.identity());
    return session;
  }

  private AzureSession sessionFor(String namespace, Credential credential) {
    boolean sandbox = settings.credentialMode() == OperatorSettings.CredentialMode.Sandbox;
    if (credential == null || sandbox && credential.secretName() == null && credential.serviceAccountName() == null) {
      return held("default", "", () -> defaultCredential(), DEFAULT_IDENTITY).session();
    }
    if (credential.serviceAccountName() != null) {
      return forServiceAccount(namespace, credential.serviceAccountName());
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
          () -> fromSecret(secret), secretIdentity(secret)).session();
    }
    return held("federated/" + credential.federatedClientId(), "", () -> new WorkloadIdentityCredentialBuilder()
        .clientId(credential.federatedClientId()).build(), "client ID " + credential.federatedClientId()).session();
  }

  /**
   * Workload identity per namespace: the session of the identity the ServiceAccount names now. A
   * changed annotation replaces the session (the old one is dropped); a token is at hand before any
   * ARM request, so a refused exchange costs no ARM request either.
   */
  private AzureSession forServiceAccount(String namespace, String name) {
    ServiceAccountCredential.Identity identity = ServiceAccountCredential.resolve(kubernetes, namespace, name,
        settings.defaultTenantId());
    boolean sandbox = settings.credentialMode() == OperatorSettings.CredentialMode.Sandbox;
    MDC.put(LOG_KEY, identity.describe()); // already for the line that says a new identity is in use
    Held held = held("serviceaccount/" + namespace + "/" + name, identity.clientId() + "/" + identity.tenantId(),
        () -> {
          LOG.info("Azure identity of ServiceAccount {}/{}: client ID {}, tenant {}", namespace, name,
              identity.clientId(), identity.tenantId());
          // The emulator is ARM and Entra ID at once, behind the same CA.
          return new ServiceAccountCredential(kubernetes, identity, sandbox ? settings.armEndpoint().baseUrl() : null,
              sandbox ? settings.armEndpoint().httpClient() : null);
        }, identity.describe());
    ((ServiceAccountCredential) held.credential()).ensureToken();
    return held.session();
  }

  /** The per-VNet write slots every session shares (one operator orders its subnet writes per VNet). */
  public VirtualNetworkLocks vnetLocks() {
    return vnetLocks;
  }

  public FactsReader anyFactsReader() {
    return operatorSession().facts();
  }

  /** The session of the operator's own identity (or of the person running `amlnet plan --live`). */
  public AzureSession operatorSession() {
    return held("default", "", () -> defaultCredential(), DEFAULT_IDENTITY).session();
  }

  /**
   * How long a workspace, permissions, locks or a policy verdict read for one environment serves every
   * environment of the identity: longer than a resync, so that a steady resync reads only what each
   * environment owns; what would make a fact stale is caught by ARM's refusal or a Blocking finding,
   * both of which forget the kept facts.
   */
  private static final java.time.Duration SHARED_FACTS_KEEP = java.time.Duration.ofHours(1);

  /** ARM refused for a reason a shared fact may explain (a role, a lock, a policy): every session reads them again. */
  public void forgetSharedFactsAfter(ArmException e) {
    sessions.values().forEach(held -> held.session().facts().shared().forgetAfter(e));
  }

  /** How many sessions are held: one per credential in use, whatever the number of rotations. */
  int size() {
    return sessions.size();
  }

  private Held held(String key, String version, Supplier<TokenCredential> create, String identity) {
    return sessions.compute(key, (k, held) -> {
      if (held != null && held.version().equals(version)) {
        return held;
      }
      TokenCredential credential = create.get();
      return new Held(version, session(credential, identity), credential);
    });
  }

  private AzureSession session(TokenCredential credential, String identity) {
    ArmClient arm = new ArmClient(
        ArmPipelines.build(credential, settings.armEndpoint(), budget, settings.retry(), requestMetrics),
        settings.armEndpoint(), settings.operationPollInterval(), settings.operationTimeout(), operations);
    FactsReader facts = new FactsReader(arm, serviceTags, new SharedFacts(SHARED_FACTS_KEEP, java.time.Clock.systemUTC()));
    return new AzureSession(arm, facts, new PlanApplier(arm, vnetLocks, executor),
        new EnvironmentTeardown(arm, facts, vnetLocks), new io.amlnet.azure.OperationPoller(arm, vnetLocks), identity);
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

  /** The client ID a credential Secret names (an identifier, not a secret), for audit. */
  private static String secretIdentity(Secret secret) {
    String clientId = secret.getData() == null ? null : secret.getData().get("clientId");
    String source = "Secret " + secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName();
    return clientId == null ? source : "client ID " + decode(clientId) + " (" + source + ")";
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8).trim();
  }

  /** The ARM emulator accepts any bearer token; this one names itself so nobody mistakes it for a secret. */
  private static TokenCredential sandboxToken() {
    return request -> Mono.just(new AccessToken("amlnet-sandbox-token", OffsetDateTime.now().plusHours(1)));
  }
}
