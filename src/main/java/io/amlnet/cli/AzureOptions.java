package io.amlnet.cli;

import io.amlnet.azure.ArmEndpoint;
import io.amlnet.azure.ServiceTagCache;
import io.amlnet.controller.AzureSessions;
import io.amlnet.controller.OperatorSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ForkJoinPool;
import picocli.CommandLine.Option;

/**
 * Where ARM is and whose token goes to it, for the commands that read Azure (`plan --live`, `diff`):
 * the same session the operator builds from the same settings, so the reads are the operator's.
 */
final class AzureOptions {
  @Option(names = "--azure-endpoint", paramLabel = "URL", defaultValue = "${env:AMLNET_AZURE_ENDPOINT}",
      description = "ARM endpoint (default Azure's public cloud, or $AMLNET_AZURE_ENDPOINT); e.g. the ARM emulator"
          + " of `amlnet sandbox-arm`.")
  String endpoint;

  @Option(names = "--azure-ca", paramLabel = "PEM", defaultValue = "${env:AMLNET_AZURE_CA}",
      description = "Trust exactly the certificates in this PEM for ARM (or $AMLNET_AZURE_CA).")
  Path ca;

  @Option(names = "--azure-credential", defaultValue = "${env:AMLNET_AZURE_CREDENTIAL:-Default}",
      paramLabel = "Default|Sandbox", description = "Default: DefaultAzureCredential (az login, workload identity,"
          + " environment). Sandbox: the ARM emulator's token; only with --azure-endpoint. Or $AMLNET_AZURE_CREDENTIAL.")
  OperatorSettings.CredentialMode credential;

  /** Why these options cannot be used, or null. */
  String problem() {
    return credential == OperatorSettings.CredentialMode.Sandbox && endpoint == null
        ? "--azure-credential Sandbox needs --azure-endpoint: it would send a fake token to Azure" : null;
  }

  AzureSessions.AzureSession session() {
    ArmEndpoint arm = endpoint == null ? ArmEndpoint.AZURE_PUBLIC : new ArmEndpoint(endpoint, ca);
    OperatorSettings settings = OperatorSettings.defaults().withArm(arm, credential);
    // No Kubernetes client: a CLI reads no credential Secret; the service-tag list is read once per run.
    return new AzureSessions(settings, null, new ServiceTagCache(Duration.ofHours(1), Clock.systemUTC()),
        ForkJoinPool.commonPool(), new SimpleMeterRegistry()).operatorSession();
  }
}
