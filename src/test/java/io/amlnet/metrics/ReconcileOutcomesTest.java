package io.amlnet.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.amlnet.azure.AppliedWrite;
import io.amlnet.plan.Finding;
import io.amlnet.plan.Plan;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Findings count by requirement and severity; a write counts as a creation or as a drift correction. */
class ReconcileOutcomesTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ReconcileOutcomes outcomes = new ReconcileOutcomes(registry);

  @Test
  void eachFindingOfAPlanCountsUnderItsRequirementAndSeverity() {
    outcomes.planned(new Plan(List.of(), List.of(Finding.blocking("R7", "no join permission"),
        Finding.warning("R16", "storage goes through the appliance"), Finding.blocking("R7", "no subnet join")),
        List.of(), List.of(), null));
    assertThat(registry.get("amlnet.preflight.findings").tags("requirement", "R7", "severity", "Blocking")
        .counter().count()).isEqualTo(2);
    assertThat(registry.get("amlnet.preflight.findings").tags("requirement", "R16", "severity", "Warning")
        .counter().count()).isEqualTo(1);
  }

  @Test
  void aWriteOfAnAbsentObjectIsACreationAndAnyOtherADriftCorrection() {
    String type = "Microsoft.Network/routeTables";
    outcomes.applied(new AppliedWrite("PUT", "/rt", type, AppliedWrite.ABSENT));
    outcomes.applied(new AppliedWrite("PUT", "/rt", type, List.of("properties.routes[2].nextHopType")));
    outcomes.applied(new AppliedWrite("PUT", "/rt", type, List.of("tags.amlnet.io/owner")));
    assertThat(registry.get("amlnet.azure.creations").tag("resource_type", type).counter().count()).isEqualTo(1);
    assertThat(registry.get("amlnet.drift.corrections").tag("resource_type", type).counter().count()).isEqualTo(2);
  }
}
