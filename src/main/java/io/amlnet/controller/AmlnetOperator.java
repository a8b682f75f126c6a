package io.amlnet.controller;

import io.amlnet.azure.ServiceTagCache;
import io.amlnet.metrics.ReconcileDuration;
import io.amlnet.metrics.ReconcileOutcomes;
import io.amlnet.plan.EnvironmentPlanner;
import io.amlnet.plan.RegionPairs;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * amlnet as a running operator: both reconcilers on java-operator-sdk, one service-tag cache that
 * every environment shares and that is refreshed on its own period, and the Azure sessions. Its
 * metrics (JOSDK's and amlnet's) go to the registry it is given.
 */
public final class AmlnetOperator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AmlnetOperator.class);

  /** How long a stop waits for in-flight reconciles; below Kubernetes' default 30 s termination grace. */
  static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);

  private final Operator operator;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final ExecutorService azureWrites;
  private final ScheduledExecutorService refresher;
  private final OperatorHealth health;

  /** With metrics kept in memory only (nothing scrapes them). */
  public AmlnetOperator(KubernetesClient client, OperatorSettings settings, Clock clock) {
    this(client, settings, clock, new SimpleMeterRegistry());
  }

  private final AzureSessions sessions;

  public AmlnetOperator(KubernetesClient client, OperatorSettings settings, Clock clock, MeterRegistry metrics) {
    azureWrites = new LogContextExecutor(
        Executors.newFixedThreadPool(Math.max(2, settings.maxConcurrentReconciles()), daemon("amlnet-arm")));
    refresher = Executors.newSingleThreadScheduledExecutor(daemon("amlnet-service-tags"));
    ServiceTagCache serviceTags = new ServiceTagCache(settings.serviceTagRefreshPeriod(), clock);
    sessions = new AzureSessions(settings, client, serviceTags, azureWrites, metrics);
    EnvironmentPlanner planner = new EnvironmentPlanner(RegionPairs.published());
    EventRecorder events = new EventRecorder(client, clock, instance(settings.leaderElection()));
    TrainingEnvironmentReconciler environments =
        new TrainingEnvironmentReconciler(sessions, planner, events, settings, clock,
            new CredentialSecretFinalizer(client), new ReconcileOutcomes(metrics));
    serviceTags.onChange(environments::serviceTagsChanged);

    // Made once, outside the configuration callback, which JOSDK may call more than once.
    var reconcileMetrics = new ReconcileLogContext(
        new ReconcileDuration(MicrometerMetrics.withoutPerResourceMetrics(metrics), metrics));
    operator = new Operator(o -> {
      o.withKubernetesClient(client)
          .withCloseClientOnStop(false)
          .withConcurrentReconciliationThreads(settings.maxConcurrentReconciles())
          .withMetrics(reconcileMetrics)
          // On stop, in-flight reconciles (and their HTTP requests) get this long to finish.
          .withReconciliationTerminationTimeout(SHUTDOWN_GRACE);
      if (settings.leaderElection().enabled()) {
        o.withLeaderElectionConfiguration(settings.leaderElection().toJosdk());
      }
    });
    health = new OperatorHealth(operator);
    operator.register(environments, c -> namespaces(c, settings));
    operator.register(new TrainingComputeReconciler(sessions, planner, events, settings, clock),
        c -> namespaces(c, settings));

    long period = settings.serviceTagRefreshPeriod().toMillis();
    refresher.scheduleAtFixedRate(() -> {
      for (String[] key : serviceTags.keys()) {
        try {
          serviceTags.refresh(key[0], key[1], region -> sessions.anyFactsReader().readServiceTags(key[0], region));
        } catch (RuntimeException e) {
          LOG.warn("service tags of {} not refreshed: {}", key[1], e.getMessage());
        }
      }
    }, period, period, TimeUnit.MILLISECONDS);
  }

  private static <R extends io.fabric8.kubernetes.api.model.HasMetadata> void namespaces(
      ControllerConfigurationOverrider<R> config, OperatorSettings settings) {
    config.withRetry(ReconcileTiming.retry(settings.resyncPeriod()))
        .withReconciliationMaxInterval(settings.resyncPeriod());
    if (settings.namespaces().isEmpty()) {
      config.watchingAllNamespaces();
    } else {
      config.settingNamespaces(settings.namespaces());
    }
  }

  public void start() {
    // The first Azure session (HTTP client, TLS trust, SDK classes) takes a second or more to build:
    // build it while the informers sync, rather than in the first reconciles, which would all wait for it.
    azureWrites.execute(() -> {
      try {
        sessions.operatorSession();
      } catch (RuntimeException e) {
        LOG.debug("the operator's Azure session is built on first use instead: {}", e.getMessage());
      }
    });
    operator.start();
  }

  public OperatorHealth health() {
    return health;
  }

  /**
   * JOSDK's own shutdown: stop taking work, give in-flight reconciles {@link #SHUTDOWN_GRACE}, then
   * stop the helpers. A poll cut short by the interrupt is retried by whoever runs next, never Stalled.
   * Safe to call twice (a shutdown hook and try-with-resources).
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    refresher.shutdownNow();
    operator.stop();
    azureWrites.shutdownNow();
  }

  /** Who this replica is in events and in the Lease: the leader-election identity, else the pod's name. */
  private static String instance(LeaderElection election) {
    String hostname = System.getenv("HOSTNAME");
    return election.identity() != null ? election.identity() : hostname != null ? hostname : "amlnet";
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
