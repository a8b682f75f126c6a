package io.amlnet.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlnet.api.TrainingCompute;
import io.amlnet.sandbox.ArmRequest;
import io.amlnet.sandbox.RequestLog;
import io.amlnet.testing.ControlPlane;
import io.fabric8.kubernetes.api.model.Condition;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Attaching a VM, HDInsight cluster or Databricks workspace with the credentials its Secret holds:
 * what reaches AML, what a missing Secret does, and that no value shows anywhere but in the PUT.
 */
@ExtendWith(ControlPlane.class)
class AttachCredentialsIT {
  private static final Duration READY = OperatorIT.READY;
  private static final String EXAMPLE_PASSWORD = "sandbox-only-not-a-secret";
  private static final String VM_COMPUTE = "/computes/ubuntu-vm";

  /** The VM example with its Secret's password replaced, so a search for it finds only real leaks. */
  private static String withPassword(String yaml, String password) {
    return yaml.replace(EXAMPLE_PASSWORD, password);
  }

  private static boolean computeWrites(OperatorSandbox sandbox) {
    return sandbox.arm.requests().entries().stream().anyMatch(e -> e.kind() == ArmRequest.Kind.WRITE
        && e.path().endsWith(VM_COMPUTE));
  }

  /** What the operator showed: its log, the events and the TrainingComputes with their status. */
  private static String shown(OperatorSandbox sandbox, StderrCapture log) {
    return log.text() + sandbox.kube.resources(io.fabric8.kubernetes.api.model.events.v1.Event.class)
        .inNamespace(sandbox.namespace).list().getItems()
        + sandbox.kube.resources(TrainingCompute.class).inNamespace(sandbox.namespace).list().getItems();
  }

  /** Copies stderr, where the operator logs, for as long as it is open. */
  private static final class StderrCapture implements AutoCloseable {
    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    StderrCapture() {
      System.setErr(new PrintStream(new OperatorIT.TeeStream(original, captured), true));
    }

    String text() {
      return captured.toString();
    }

    @Override
    public void close() {
      System.setErr(original);
    }
  }

  @Test
  void aVirtualMachineIsAttachedWithTheLoginFromItsSecret() throws Exception {
    String password = "pw-" + UUID.randomUUID();
    try (OperatorSandbox sandbox = OperatorSandbox.start(OperatorIT.NEVER, o -> { })) {
      sandbox.apply("open-outbound.yaml");
      sandbox.apply("compute-vm.yaml", yaml -> withPassword(yaml, password));
      sandbox.awaitCompute("ubuntu-vm", Conditions.READY, "True", READY);
      String id = sandbox.compute("ubuntu-vm").getStatus().getComputeId();
      JsonNode account = sandbox.arm.computeCredentials(id).orElseThrow().path("administratorAccount");
      assertThat(account.path("username").asText()).isEqualTo("azureuser");
      assertThat(account.path("password").asText()).isEqualTo(password);
      assertThat(sandbox.armResource(id).toString()).as("what AML's GET returns").doesNotContain(password);
    }
  }

  @Test
  void anAttachedComputeInSteadyStateMakesNoWrite() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(OperatorIT.FAST_RESYNC, o -> { })) {
      sandbox.apply("open-outbound.yaml");
      sandbox.apply("compute-databricks.yaml");
      sandbox.apply("compute-vm.yaml");
      sandbox.awaitCompute("ubuntu-vm", Conditions.READY, "True", READY);
      sandbox.awaitCompute("databricks", Conditions.READY, "True", READY);
      sandbox.awaitCompute("cpu-cluster", Conditions.READY, "True", READY);
      sandbox.arm.requests().reset();
      sandbox.awaitArm("the computes are read again", arm -> arm.requests().entries().stream()
          .filter(e -> e.path().endsWith(VM_COMPUTE) || e.path().endsWith("/computes/databricks")).count() >= 4, READY);
      assertThat(sandbox.arm.requests().entries()).filteredOn(e -> e.kind() == ArmRequest.Kind.WRITE)
          .extracting(RequestLog.Entry::path).filteredOn(path -> path.contains("/computes/"))
          .as("AML's GET lacks the credentials, which is no drift").isEmpty();
    }
  }

  @Test
  void aMissingSecretStallsTheComputeWithoutAWrite() throws Exception {
    try (OperatorSandbox sandbox = OperatorSandbox.start(OperatorIT.NEVER, o -> { })) {
      sandbox.apply("open-outbound.yaml");
      sandbox.apply("compute-vm.yaml", yaml -> yaml.replace("credentialsSecret: ubuntu-vm-admin",
          "credentialsSecret: not-there"));
      Condition stalled = sandbox.awaitCompute("ubuntu-vm", Conditions.STALLED, "True", READY);
      assertThat(stalled.getReason()).isEqualTo("CredentialSecretNotFound");
      assertThat(stalled.getMessage()).contains("not-there", sandbox.namespace);
      assertThat(computeWrites(sandbox)).isFalse();
    }
  }

  @Test
  void aSecretWithoutPasswordOrPrivateKeyStallsNamingTheKeysNeverTheValues() throws Exception {
    String misfiled = "pw-" + UUID.randomUUID();
    try (StderrCapture log = new StderrCapture();
        OperatorSandbox sandbox = OperatorSandbox.start(OperatorIT.NEVER, o -> { })) {
      sandbox.apply("open-outbound.yaml");
      // The value is there, under a key AML's login has no place for: it must not be shown anywhere.
      sandbox.apply("compute-vm.yaml", yaml -> yaml.replace("password: " + EXAMPLE_PASSWORD, "passwd: " + misfiled));
      Condition stalled = sandbox.awaitCompute("ubuntu-vm", Conditions.STALLED, "True", READY);
      assertThat(stalled.getReason()).isEqualTo("CredentialSecretInvalid");
      assertThat(stalled.getMessage()).contains("ubuntu-vm-admin", "password", "privateKey");
      assertThat(computeWrites(sandbox)).isFalse();
      assertThat(shown(sandbox, log)).contains("CredentialSecretInvalid").doesNotContain(misfiled);
    }
  }

  @Test
  void anAttachedComputesPasswordNeverReachesALogAnEventOrAStatus() throws Exception {
    String password = "pw-" + UUID.randomUUID();
    try (StderrCapture log = new StderrCapture();
        OperatorSandbox sandbox = OperatorSandbox.start(OperatorIT.NEVER, o -> { })) {
      sandbox.apply("open-outbound.yaml");
      sandbox.apply("compute-vm.yaml", yaml -> withPassword(yaml, password));
      sandbox.awaitCompute("ubuntu-vm", Conditions.READY, "True", READY);
      assertThat(shown(sandbox, log) + sandbox.arm.requests().toJson()).contains("AzureWrite").doesNotContain(password);
    }
  }
}
