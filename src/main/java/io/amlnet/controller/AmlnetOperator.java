package io.amlnet.controller;

import io.amlnet.azure.ServiceTagCache;
import io.amlnet.plan.EnvironmentPlanner;
import io.amlnet.plan.RegionPairs;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * amlnet as a running operator: both reconcilers on java-operator-sdk, one service-tag cache that
 * every environment shares and that is refreshed on its own period, and the Azure sessions.
 */
public final class AmlnetOperator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AmlnetOperator.class);

  private final Operator operator;
  private final ExecutorService azureWrites;
  private final ScheduledExecutorService refresher;

  public AmlnetOperator(KubernetesClient client, OperatorSettings settings, Clock clock) {
    azureWrites = Executors.newFixedThreadPool(Math.max(2, settings.maxConcurrentReconciles()), daemon("amlnet-arm"));
    refresher = Executors.newSingleThreadScheduledExecutor(daemon("amlnet-service-tags"));
    ServiceTagCache serviceTags = new ServiceTagCache(settings.serviceTagRefreshPeriod(), clock);
    AzureSessions sessions = new AzureSessions(settings, client, serviceTags, azureWrites);
    EnvironmentPlanner planner = new EnvironmentPlanner(RegionPairs.published());
    EventRecorder events = new EventRecorder(client, clock);
    TrainingEnvironmentReconciler environments =
        new TrainingEnvironmentReconciler(sessions, planner, events, settings, clock,
            new CredentialSecretFinalizer(client));
    serviceTags.onChange(environments::serviceTagsChanged);

    operator = new Operator(o -> o.withKubernetesClient(client)
        .withCloseClientOnStop(false)
        .withConcurrentReconciliationThreads(settings.maxConcurrentReconciles()));
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
    operator.start();
  }

  @Override
  public void close() {
    refresher.shutdownNow();
    operator.stop();
    azureWrites.shutdownNow();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
