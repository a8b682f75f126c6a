package io.amlnet.cli;

import io.amlnet.azure.ArmEndpoint;
import io.amlnet.azure.RequestBudget;
import io.amlnet.controller.AmlnetOperator;
import io.amlnet.controller.LeaderElection;
import io.amlnet.controller.OperatorSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `amlnet run`: the operator, against the current kubeconfig or the in-cluster config. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the operator: reconcile TrainingEnvironments and TrainingComputes until stopped.")
public final class RunCommand implements Callable<Integer> {

  @Option(names = {"-n", "--namespace"}, paramLabel = "NS", split = ",",
      description = "Namespaces to watch (repeatable or comma-separated); default: all.")
  List<String> namespaces = List.of();

  @Option(names = "--resync-period", defaultValue = "PT15M", paramLabel = "DURATION",
      converter = DurationConverter.class, description = "Reconcile every object at least this often (drift). Default 15m.")
  Duration resync;

  @Option(names = "--service-tag-refresh", defaultValue = "PT24H", paramLabel = "DURATION",
      converter = DurationConverter.class, description = "Read the service-tag list again this often. Default 24h.")
  Duration serviceTagRefresh;

  @Option(names = "--azure-endpoint", paramLabel = "URL",
      description = "ARM endpoint (default Azure's public cloud); e.g. the ARM emulator of `amlnet sandbox-arm`.")
  String azureEndpoint;

  @Option(names = "--azure-ca", paramLabel = "PEM", description = "Trust exactly the certificates in this PEM for ARM.")
  Path azureCa;

  @Option(names = "--azure-credential", defaultValue = "Default", paramLabel = "Default|Sandbox",
      description = "Default: DefaultAzureCredential (workload identity, managed identity, environment)."
          + " Sandbox: the ARM emulator's token; only for --azure-endpoint.")
  OperatorSettings.CredentialMode credential;

  @Option(names = "--azure-tenant-id", defaultValue = "${env:AZURE_TENANT_ID}", paramLabel = "GUID",
      description = "Entra ID tenant of a ServiceAccount's workload identity without an"
          + " azure.workload.identity/tenant-id annotation. Default $AZURE_TENANT_ID.")
  String tenantId;

  @Option(names = "--operation-poll-interval", defaultValue = "PT2S", paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Shortest wait between two polls of a running ARM operation (ARM's Retry-After and a fifth of the"
          + " time it has run can make it longer). Default 2s; at least " + MIN_POLL_MS + "ms, e.g. for an emulator"
          + " whose operations are scaled down.")
  Duration operationPollInterval;

  /** Below this a poll loop is a busy loop: nothing a sane ARM (or emulator) answers changes that fast. */
  static final long MIN_POLL_MS = 20;

  @Option(names = "--arm-request-share", defaultValue = "0.95", paramLabel = "FRACTION",
      description = "Share of ARM's published per-subscription request limits (reads 250 + 25/s, writes and deletes"
          + " 200 + 10/s each) that amlnet allows itself. Lower it when other clients use the subscription heavily."
          + " Default 0.95.")
  double armRequestShare;

  @Option(names = "--max-concurrent-reconciles", defaultValue = "4", paramLabel = "N")
  int concurrency;

  @Option(names = "--health-port", defaultValue = "8080", paramLabel = "PORT",
      description = "Port of /healthz, /readyz and /metrics (Prometheus text), on all interfaces; 0: none. Default 8080.")
  int healthPort;

  @Option(names = "--log-format", defaultValue = "Text", paramLabel = "text|json",
      description = "text: readable lines. json: one JSON object per line with the object, the reconcile id and"
          + " ARM's correlation id. Default text.")
  LogFormat logFormat;

  @Option(names = "--leader-election", negatable = true, paramLabel = "BOOL",
      description = "One active replica through a Lease (amlnet-operator). Default: on in a cluster, off elsewhere.")
  Boolean leaderElection;

  @Option(names = "--leader-election-namespace", paramLabel = "NS",
      description = "Namespace of the Lease. Default: the operator's own (in a cluster).")
  String leaderElectionNamespace;

  @Override
  public Integer call() {
    logFormat.apply();
    if (credential == OperatorSettings.CredentialMode.Sandbox && azureEndpoint == null) {
      System.err.println("--azure-credential Sandbox needs --azure-endpoint: it would send a fake token to Azure");
      return PlanCommand.INVALID_INPUT;
    }
    if (operationPollInterval.toMillis() < MIN_POLL_MS) {
      System.err.println("--operation-poll-interval must be at least " + MIN_POLL_MS + "ms, was " + operationPollInterval);
      return PlanCommand.INVALID_INPUT;
    }
    if (!(armRequestShare > 0 && armRequestShare <= 1)) {
      System.err.println("--arm-request-share must be above 0 and at most 1, was " + armRequestShare);
      return PlanCommand.INVALID_INPUT;
    }
    LeaderElection election;
    try {
      election = LeaderElection.forRun(leaderElection, leaderElectionNamespace, LeaderElection.SERVICE_ACCOUNT_NAMESPACE);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return PlanCommand.INVALID_INPUT;
    }
    ArmEndpoint endpoint = azureEndpoint == null ? ArmEndpoint.AZURE_PUBLIC : new ArmEndpoint(azureEndpoint, azureCa);
    OperatorSettings settings = settings(endpoint, election);
    PrometheusMeterRegistry metrics = OperationsPort.registry();
    KubernetesClient client = new KubernetesClientBuilder().build();
    try (StopSignal stop = StopSignal.install(Duration.ofSeconds(25));
        AmlnetOperator operator = new AmlnetOperator(client, settings, Clock.systemUTC(), metrics);
        var server = OperationsPort.serve(healthPort, operator, metrics, System.out)) {
      operator.start();
      System.out.println("amlnet operator running against " + client.getMasterUrl() + "; ARM at " + endpoint.baseUrl());
      stop.await();
    } finally {
      client.close();
    }
    return 0;
  }

  /** The operator's settings from the command line. */
  OperatorSettings settings(ArmEndpoint endpoint, LeaderElection election) {
    return OperatorSettings.defaults()
        .withNamespaces(new HashSet<>(namespaces))
        .withResync(resync, serviceTagRefresh)
        .withArm(endpoint, credential)
        .withConcurrency(concurrency)
        .withBudget(RequestBudget.Limits.ARM.share(armRequestShare))
        .withPolling(operationPollInterval, OperatorSettings.defaults().retry())
        .withLeaderElection(election)
        .withDefaultTenant(tenantId);
  }

  /** Accepts ISO-8601 (PT15M) and the short forms people type (15m, 24h, 30s, 200ms). */
  static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String v = value.trim().toLowerCase();
      if (v.startsWith("p")) {
        return Duration.parse(value.toUpperCase());
      }
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      }
      long amount = Long.parseLong(v.substring(0, v.length() - 1));
      return switch (v.charAt(v.length() - 1)) {
        case 's' -> Duration.ofSeconds(amount);
        case 'm' -> Duration.ofMinutes(amount);
        case 'h' -> Duration.ofHours(amount);
        default -> throw new IllegalArgumentException("not a duration: " + value + " (use 200ms, 30s, 15m, 24h or PT15M)");
      };
    }
  }
}
