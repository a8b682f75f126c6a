package io.amlnet.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.amlnet.api.TrainingEnvironment;
import io.amlnet.api.TrainingEnvironmentStatus;
import io.amlnet.azure.AppliedWrite;
import io.amlnet.azure.PendingWrites.PendingWrite;
import io.amlnet.plan.ArmWrite;
import io.amlnet.plan.FieldDifference;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** InSync, status.drift and status.lastDriftCorrection from what a reconcile read and wrote. */
class DriftReportTest {
  private static final String NSG = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/n";
  private final DriftReport report = new DriftReport(Clock.fixed(Instant.parse("2026-11-30T08:00:00Z"), ZoneOffset.UTC));

  private static TrainingEnvironment environment() {
    TrainingEnvironment env = new TrainingEnvironment();
    env.setMetadata(new ObjectMetaBuilder().withName("e").withNamespace("ns").withGeneration(3L).build());
    return env;
  }

  private static PendingWrite nsgWith(List<FieldDifference> differences) {
    return new PendingWrite(ArmWrite.put(NSG, "2024-05-01", JsonNodeFactory.instance.objectNode()), differences, false);
  }

  @Test
  void nothingPendingIsInSyncWithoutDrift() {
    TrainingEnvironmentStatus status = report.withDrift(environment(), new TrainingEnvironmentStatus(), List.of());
    assertThat(Conditions.isTrue(status.getConditions(), DriftReport.IN_SYNC)).isTrue();
    assertThat(status.getDrift()).isNull();
  }

  @Test
  void eachDifferingFieldIsAnEntryWithExpectedAndActual() {
    TrainingEnvironmentStatus status = report.withDrift(environment(), new TrainingEnvironmentStatus(), List.of(nsgWith(
        List.of(new FieldDifference("properties.securityRules[amlnet-in-ssh].properties.destinationPortRange", "22", "2222"),
            FieldDifference.missing("properties.securityRules[amlnet-out-virtualnetwork]")))));
    assertThat(Conditions.isTrue(status.getConditions(), DriftReport.IN_SYNC)).isFalse();
    assertThat(status.getDrift().entries()).containsExactly(
        new TrainingEnvironmentStatus.DriftEntry(NSG, "properties.securityRules[amlnet-in-ssh].properties.destinationPortRange",
            "22", "2222"),
        new TrainingEnvironmentStatus.DriftEntry(NSG, "properties.securityRules[amlnet-out-virtualnetwork]",
            FieldDifference.PRESENT, FieldDifference.ABSENT));
    assertThat(status.getDrift().total()).isEqualTo(2);
  }

  @Test
  void atMostTwentyEntriesAreKeptAndTheTotalCountsAll() {
    List<FieldDifference> many = IntStream.range(0, 45).mapToObj(i -> FieldDifference.missing("properties.routes[r" + i + "]"))
        .toList();
    TrainingEnvironmentStatus status = report.withDrift(environment(), new TrainingEnvironmentStatus(),
        List.of(nsgWith(many)));
    assertThat(status.getDrift().entries()).hasSize(TrainingEnvironmentStatus.Drift.MAX_ENTRIES);
    assertThat(status.getDrift().total()).isEqualTo(45);
  }

  @Test
  void onlyARewriteOfAnExistingObjectIsADriftCorrection() {
    TrainingEnvironmentStatus created = report.withCorrections(new TrainingEnvironmentStatus(),
        List.of(new AppliedWrite("PUT", NSG, "Microsoft.Network/networkSecurityGroups", AppliedWrite.ABSENT)));
    assertThat(created.getLastDriftCorrection()).isNull();
    TrainingEnvironmentStatus corrected = report.withCorrections(new TrainingEnvironmentStatus(),
        List.of(new AppliedWrite("PUT", NSG, "Microsoft.Network/networkSecurityGroups",
            List.of("properties.securityRules[amlnet-in-ssh].properties.destinationPortRange"))));
    assertThat(corrected.getLastDriftCorrection()).isEqualTo(new TrainingEnvironmentStatus.DriftCorrection(
        "2026-11-30T08:00:00Z", "corrected 1 object(s): n (properties.securityRules[amlnet-in-ssh].properties.destinationPortRange)"));
  }
}
