package io.amlnet.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.amlnet.api.TrainingEnvironment;
import io.amlnet.testing.ControlPlane;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A restarted operator and the environments it finds Ready: their next read of Azure is spread over
 * the resync period rather than made by all at once, and a change made since is acted on at once.
 */
@ExtendWith(ControlPlane.class)
class OperatorRestartIT {

  @Test
  void aRestartedOperatorLeavesAReadyEnvironmentReadyWithoutReadingAzureAtOnce() throws Exception {
    try (OperatorSandbox sandbox = readyThenStopped()) {
      sandbox.arm.requests().reset();

      sandbox.startAnotherOperator(settings -> settings);
      Thread.sleep(5_000); // the first reconcile runs once the informers have synced, well within this

      assertThat(sandbox.arm.requests().entries()).as("no read before a tenth of the (1 h) resync period").isEmpty();
      assertThat(Conditions.isTrue(sandbox.environment("restricted-outbound").getStatus().getConditions(),
          Conditions.READY)).isTrue();
    }
  }

  @Test
  void aSpecChangedWhileNoOperatorRanIsReadAndPlannedAtOnceAfterTheRestart() throws Exception {
    try (OperatorSandbox sandbox = readyThenStopped()) {
      sandbox.kube.resources(TrainingEnvironment.class).inNamespace(sandbox.namespace).withName("restricted-outbound")
          .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"managementPolicy\":\"Observe\"}}");
      sandbox.arm.requests().reset();

      sandbox.startAnotherOperator(settings -> settings);
      sandbox.awaitArm("the changed environment is read again", arm -> {
        TrainingEnvironment env = sandbox.environment("restricted-outbound");
        return env.getStatus().getObservedGeneration().equals(env.getMetadata().getGeneration());
      }, OperatorIT.READY);
      assertThat(sandbox.arm.requests().entries()).isNotEmpty();
    }
  }

  @Test
  void routesByServiceTagPrefixesAreLeftAloneAtRestartWhenTheRegionsTagListIsUnchanged() throws Exception {
    try (OperatorSandbox sandbox = readyThenStopped("udr-ip-prefixes")) {
      sandbox.arm.requests().reset();

      sandbox.startAnotherOperator(settings -> settings);
      Thread.sleep(5_000);

      assertThat(sandbox.arm.requests().entries()).as("only the region's tag list, to compare its changeNumber")
          .singleElement().satisfies(e -> assertThat(e.path()).endsWith("/serviceTags"));
      assertThat(Conditions.isTrue(sandbox.environment("udr-ip-prefixes").getStatus().getConditions(),
          Conditions.READY)).isTrue();
    }
  }

  @Test
  void routesByServiceTagPrefixesAreReplannedAtOnceAfterARestartWhenTheTagsChangedMeanwhile() throws Exception {
    try (OperatorSandbox sandbox = readyThenStopped("udr-ip-prefixes")) {
      String before = sandbox.environment("udr-ip-prefixes").getStatus().getServiceTagsChangeNumber();
      sandbox.arm.bumpServiceTag("BatchNodeManagement.EastUS2", List.of("198.51.100.0/24", "203.0.113.0/25"));

      sandbox.startAnotherOperator(settings -> settings);
      sandbox.awaitArm("the status names the new changeNumber", arm -> !before.equals(
          sandbox.environment("udr-ip-prefixes").getStatus().getServiceTagsChangeNumber()), OperatorIT.READY);
    }
  }

  private static OperatorSandbox readyThenStopped() throws Exception {
    return readyThenStopped("restricted-outbound");
  }

  /** An environment made Ready by the sandbox's operator, which is then stopped (a 1 h resync period). */
  private static OperatorSandbox readyThenStopped(String example) throws Exception {
    OperatorSandbox sandbox = OperatorSandbox.start(OperatorIT.NEVER, o -> { });
    sandbox.apply(example + ".yaml", OperatorIT::environmentOnly);
    sandbox.awaitEnvironment(example, Conditions.READY, "True", OperatorIT.READY);
    sandbox.stopOperator();
    return sandbox;
  }
}
