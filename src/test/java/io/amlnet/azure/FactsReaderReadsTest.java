package io.amlnet.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.credential.AccessToken;
import io.amlnet.api.ManifestReader;
import io.amlnet.api.TrainingEnvironment;
import io.amlnet.testing.MovableClock;
import io.amlnet.sandbox.ArmEmulator;
import io.amlnet.sandbox.EmulatorOptions;
import io.amlnet.sandbox.RequestLog;
import io.amlnet.sandbox.WorldSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Mono;

/**
 * What one environment's facts cost in ARM reads: shared prerequisites (workspace, storage account,
 * permissions, locks, policy) are read once per keep period for every environment, and a reconcile
 * whose status is current looks only for what its spec declares and status recorded.
 */
class FactsReaderReadsTest {
  private ArmEmulator emulator;

  private FactsReader reader(SharedFacts shared) throws IOException {
    emulator = ArmEmulator.start(WorldSpec.load(Path.of("examples/sandbox-world.yaml")), EmulatorOptions.defaults().port(0));
    ArmEndpoint endpoint = new ArmEndpoint(emulator.baseUrl(), emulator.certificatePath());
    ArmClient arm = new ArmClient(ArmPipelines.build(request -> Mono.just(new AccessToken("t",
        OffsetDateTime.now().plusHours(1))), endpoint, new RequestBudget(RequestBudget.Limits.DEFAULT),
        ArmPipelines.RetrySettings.DEFAULT), endpoint, Duration.ofMillis(50), Duration.ofMinutes(1));
    return new FactsReader(arm, new ServiceTagCache(Duration.ofHours(1), Clock.systemUTC()), shared);
  }

  @AfterEach
  void stop() {
    if (emulator != null) {
      emulator.close();
    }
  }

  private static TrainingEnvironment example(String file) throws IOException {
    return ManifestReader.read(file, Files.readString(Path.of("examples", file))).environments().get(0);
  }

  private static void read(FactsReader reader, TrainingEnvironment env, List<String> recorded,
      FactsReader.Candidates candidates) {
    reader.read(env.getMetadata().getNamespace(), env.getMetadata().getName(), env.getSpec(), List.of(), recorded,
        candidates);
  }

  private List<String> readPaths() {
    return emulator.requests().entries().stream().map(RequestLog.Entry::path)
        .map(p -> p.replaceAll("\\?.*$", "")).toList();
  }

  @Test
  void aSecondReadWithinTheKeepPeriodReadsNoWorkspaceStoragePermissionsOrLocksAgain() throws Exception {
    FactsReader reader = reader(new SharedFacts(Duration.ofMinutes(1), Clock.systemUTC()));
    TrainingEnvironment env = example("udr-ip-prefixes.yaml");
    read(reader, env, List.of(), FactsReader.Candidates.EVERY);
    assertThat(readPaths()).anyMatch(p -> p.contains("/workspaces/")).anyMatch(p -> p.endsWith("/locks"))
        .anyMatch(p -> p.endsWith("/permissions")).anyMatch(p -> p.contains("/storageAccounts/"));
    emulator.requests().reset();
    read(reader, env, List.of(), FactsReader.Candidates.EVERY);
    assertThat(readPaths()).noneMatch(p -> p.contains("/workspaces/") || p.endsWith("/locks")
        || p.endsWith("/permissions") || p.contains("/storageAccounts/"));
    assertThat(readPaths()).anyMatch(p -> p.contains("/virtualNetworks/"));
  }

  @Test
  void aSharedFactIsReadAgainOnceItsKeepPeriodHasPassed() throws Exception {
    MovableClock clock = new MovableClock(Instant.parse("2026-11-30T10:00:00Z"));
    FactsReader reader = reader(new SharedFacts(Duration.ofMinutes(1), clock));
    TrainingEnvironment env = example("udr-ip-prefixes.yaml");
    read(reader, env, List.of(), FactsReader.Candidates.EVERY);
    clock.advance(Duration.ofSeconds(61));
    emulator.requests().reset();
    read(reader, env, List.of(), FactsReader.Candidates.EVERY);
    assertThat(readPaths()).anyMatch(p -> p.contains("/workspaces/")).anyMatch(p -> p.endsWith("/locks"));
  }

  /** ARM's refusals a role, a lock or a policy explains forget the kept facts; a transient error keeps them. */
  @ParameterizedTest(name = "{1} ({0}) forgets kept facts: {2}")
  @CsvSource({"409, ScopeLocked, true", "403, AuthorizationFailed, true", "403, LinkedAuthorizationFailed, true",
      "403, RequestDisallowedByPolicy, true", "503, ServiceUnavailable, false", "409, AnotherOperationInProgress, false"})
  void aRefusalForARoleALockOrAPolicyForgetsEveryKeptFact(int status, String code, boolean forgets) throws Exception {
    SharedFacts shared = new SharedFacts(Duration.ofMinutes(1), Clock.systemUTC());
    FactsReader reader = reader(shared);
    TrainingEnvironment env = example("udr-ip-prefixes.yaml");
    read(reader, env, List.of(), FactsReader.Candidates.EVERY);
    shared.forgetAfter(new ArmException(status, code, "refused"));
    emulator.requests().reset();
    read(reader, env, List.of(), FactsReader.Candidates.EVERY);
    assertThat(readPaths().stream().anyMatch(p -> p.endsWith("/locks"))).isEqualTo(forgets);
  }

  @Test
  void aReconcileWithCurrentStatusLooksOnlyForTheDeclaredAndRecordedObjects() throws Exception {
    FactsReader reader = reader(SharedFacts.none());
    TrainingEnvironment env = example("udr-ip-prefixes.yaml");
    String leftover = "/subscriptions/6f1e6c2a-9d2b-4a43-8c1e-2a6f9d3b7c10/resourceGroups/rg-aml-network/providers"
        + "/Microsoft.Network/natGateways/left-by-an-earlier-spec";
    read(reader, env, List.of(leftover), FactsReader.Candidates.DECLARED);
    List<String> paths = readPaths();
    assertThat(paths).anyMatch(p -> p.contains("/networkSecurityGroups/")).anyMatch(p -> p.contains("/routeTables/"))
        .as("what status recorded is still read").anyMatch(p -> p.endsWith("/natGateways/left-by-an-earlier-spec"))
        .as("amlnet's NAT gateway and public IP names, which this spec does not declare, are not")
        .noneMatch(p -> p.contains("/publicIPAddresses/"))
        .filteredOn(p -> p.contains("/natGateways/")).hasSize(1);
  }

  @Test
  void aReconcileWithoutCurrentStatusLooksForEveryNameAmlnetMayHaveUsed() throws Exception {
    FactsReader reader = reader(SharedFacts.none());
    read(reader, example("udr-ip-prefixes.yaml"), List.of(), FactsReader.Candidates.EVERY);
    assertThat(readPaths()).anyMatch(p -> p.contains("/natGateways/")).anyMatch(p -> p.contains("/publicIPAddresses/"))
        .anyMatch(p -> p.contains("/routeTables/"));
  }
}
