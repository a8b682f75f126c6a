package io.amlnet.controller;

import io.amlnet.azure.ArmEndpoint;
import io.amlnet.azure.ArmPipelines.RetrySettings;
import io.amlnet.azure.RequestBudget;
import java.time.Duration;
import java.util.Set;

/** How the operator runs: what it watches, how often it looks again, and where ARM is. */
public record OperatorSettings(
    Set<String> namespaces,
    Duration resyncPeriod,
    Duration serviceTagRefreshPeriod,
    ArmEndpoint armEndpoint,
    CredentialMode credentialMode,
    int maxConcurrentReconciles,
    Duration operationPollInterval,
    Duration operationTimeout,
    RequestBudget.Limits budget,
    RetrySettings retry,
    LeaderElection leaderElection,
    String defaultTenantId) {

  /** Default: DefaultAzureCredential (workload identity, managed identity, CLI...). Sandbox: the ARM emulator's token. */
  public enum CredentialMode { Default, Sandbox }

  public static OperatorSettings defaults() {
    return new OperatorSettings(Set.of(), Duration.ofMinutes(15), Duration.ofHours(24), ArmEndpoint.AZURE_PUBLIC,
        CredentialMode.Default, 4, Duration.ofSeconds(2), Duration.ofMinutes(30), RequestBudget.Limits.DEFAULT,
        RetrySettings.DEFAULT, LeaderElection.off(), null);
  }

  public OperatorSettings withNamespaces(Set<String> value) {
    return new OperatorSettings(value, resyncPeriod, serviceTagRefreshPeriod, armEndpoint, credentialMode,
        maxConcurrentReconciles, operationPollInterval, operationTimeout, budget, retry, leaderElection, defaultTenantId);
  }

  public OperatorSettings withResync(Duration resync, Duration serviceTags) {
    return new OperatorSettings(namespaces, resync, serviceTags, armEndpoint, credentialMode,
        maxConcurrentReconciles, operationPollInterval, operationTimeout, budget, retry, leaderElection, defaultTenantId);
  }

  public OperatorSettings withArm(ArmEndpoint endpoint, CredentialMode mode) {
    return new OperatorSettings(namespaces, resyncPeriod, serviceTagRefreshPeriod, endpoint, mode,
        maxConcurrentReconciles, operationPollInterval, operationTimeout, budget, retry, leaderElection, defaultTenantId);
  }

  public OperatorSettings withPolling(Duration pollInterval, RetrySettings retrySettings) {
    return new OperatorSettings(namespaces, resyncPeriod, serviceTagRefreshPeriod, armEndpoint, credentialMode,
        maxConcurrentReconciles, pollInterval, operationTimeout, budget, retrySettings, leaderElection, defaultTenantId);
  }

  public OperatorSettings withConcurrency(int reconciles) {
    return new OperatorSettings(namespaces, resyncPeriod, serviceTagRefreshPeriod, armEndpoint, credentialMode,
        reconciles, operationPollInterval, operationTimeout, budget, retry, leaderElection, defaultTenantId);
  }

  public OperatorSettings withLeaderElection(LeaderElection value) {
    return new OperatorSettings(namespaces, resyncPeriod, serviceTagRefreshPeriod, armEndpoint, credentialMode,
        maxConcurrentReconciles, operationPollInterval, operationTimeout, budget, retry, value, defaultTenantId);
  }

  /**
   * The Entra ID tenant of a workload identity whose ServiceAccount has no
   * {@code azure.workload.identity/tenant-id} annotation (null: none).
   */
  public OperatorSettings withDefaultTenant(String tenantId) {
    return new OperatorSettings(namespaces, resyncPeriod, serviceTagRefreshPeriod, armEndpoint, credentialMode,
        maxConcurrentReconciles, operationPollInterval, operationTimeout, budget, retry, leaderElection, tenantId);
  }

  /** The client-side request budget (e.g. scaled with an emulator's time scale). */
  public OperatorSettings withBudget(io.amlnet.azure.RequestBudget.Limits value) {
    return new OperatorSettings(namespaces, resyncPeriod, serviceTagRefreshPeriod, armEndpoint, credentialMode,
        maxConcurrentReconciles, operationPollInterval, operationTimeout, value, retry, leaderElection, defaultTenantId);
  }
}
