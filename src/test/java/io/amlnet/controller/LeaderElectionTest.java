package io.amlnet.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `amlnet run` elects a leader in a cluster and not on a laptop, unless told otherwise. */
class LeaderElectionTest {
  @TempDir
  Path dir;

  private Path podNamespace(String namespace) throws Exception {
    return Files.writeString(dir.resolve("namespace"), namespace + "\n");
  }

  @Test
  void inAClusterItIsOnWithTheLeaseInThePodsNamespace() throws Exception {
    LeaderElection election = LeaderElection.forRun(null, null, podNamespace("amlnet-system"));
    assertThat(election.enabled()).isTrue();
    assertThat(election.namespace()).isEqualTo("amlnet-system");
    assertThat(election.toJosdk().getLeaseName()).isEqualTo(LeaderElection.LEASE_NAME);
    assertThat(election.toJosdk().getLeaseNamespace()).contains("amlnet-system");
  }

  @Test
  void outsideAClusterItIsOff() {
    assertThat(LeaderElection.forRun(null, null, dir.resolve("absent")).enabled()).isFalse();
  }

  @Test
  void theFlagTurnsItOffInAClusterAndTheNamespaceOptionWins() throws Exception {
    assertThat(LeaderElection.forRun(false, null, podNamespace("amlnet-system")).enabled()).isFalse();
    assertThat(LeaderElection.forRun(null, "ops", podNamespace("amlnet-system")).namespace()).isEqualTo("ops");
  }

  @Test
  void onOutsideAClusterNeedsANamespace() {
    assertThatThrownBy(() -> LeaderElection.forRun(true, null, dir.resolve("absent")))
        .hasMessageContaining("--leader-election-namespace");
    assertThat(LeaderElection.forRun(true, "ops", dir.resolve("absent")).namespace()).isEqualTo("ops");
  }
}
