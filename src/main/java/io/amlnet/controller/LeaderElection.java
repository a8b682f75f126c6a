package io.amlnet.controller;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One active replica at a time: JOSDK's leader election on a Lease in the operator's namespace. The
 * VNet lock only holds within one JVM, so two replicas (e.g. during a rolling update) must not both
 * write. Off for `amlnet run` on a laptop.
 *
 * @param identity the holder name in the Lease; null lets JOSDK use $HOSTNAME (the pod's name)
 * @param exitOnStopLeading a replica that loses the Lease exits and is restarted (JOSDK's default);
 *     tests that run several operators in one JVM turn it off
 */
public record LeaderElection(boolean enabled, String namespace, String identity, Duration leaseDuration,
    Duration renewDeadline, Duration retryPeriod, boolean exitOnStopLeading) {
  public static final String LEASE_NAME = "amlnet-operator";
  /** Where Kubernetes mounts the pod's namespace: its presence means "running in a cluster". */
  public static final Path SERVICE_ACCOUNT_NAMESPACE = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

  public static LeaderElection off() {
    return new LeaderElection(false, null, null, LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
        LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE, LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
        true);
  }

  /** On, with JOSDK's timing (lease 15 s, renew deadline 10 s, retry 2 s). */
  public static LeaderElection inNamespace(String namespace) {
    return new LeaderElection(true, namespace, null, LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
        LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE, LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
        true);
  }

  /**
   * What `amlnet run` uses: the flag if given, else on exactly when running in a cluster; the
   * namespace if given, else the pod's own.
   */
  public static LeaderElection forRun(Boolean flag, String namespace, Path serviceAccountNamespace) {
    boolean inCluster = Files.isRegularFile(serviceAccountNamespace);
    if (!(flag == null ? inCluster : flag)) {
      return off();
    }
    String leaseNamespace = namespace != null ? namespace : inCluster ? read(serviceAccountNamespace) : null;
    if (leaseNamespace == null || leaseNamespace.isBlank()) {
      throw new IllegalArgumentException("leader election needs --leader-election-namespace outside a cluster");
    }
    return inNamespace(leaseNamespace);
  }

  public LeaderElection withIdentity(String value) {
    return new LeaderElection(enabled, namespace, value, leaseDuration, renewDeadline, retryPeriod, exitOnStopLeading);
  }

  public LeaderElection withTiming(Duration lease, Duration renew, Duration retry) {
    return new LeaderElection(enabled, namespace, identity, lease, renew, retry, exitOnStopLeading);
  }

  public LeaderElection withExitOnStopLeading(boolean value) {
    return new LeaderElection(enabled, namespace, identity, leaseDuration, renewDeadline, retryPeriod, value);
  }

  LeaderElectionConfiguration toJosdk() {
    LeaderElectionConfigurationBuilder builder = LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(LEASE_NAME)
        .withLeaseNamespace(namespace)
        .withLeaseDuration(leaseDuration)
        .withRenewDeadline(renewDeadline)
        .withRetryPeriod(retryPeriod)
        .withExitOnStopLeading(exitOnStopLeading);
    if (identity != null) {
      builder.withIdentity(identity);
    }
    return builder.build();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
