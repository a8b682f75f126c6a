package io.amlnet.controller;

import io.amlnet.api.TrainingEnvironment;
import io.amlnet.api.TrainingEnvironmentStatus;
import io.amlnet.api.TrainingEnvironmentStatus.Drift;
import io.amlnet.api.TrainingEnvironmentStatus.DriftCorrection;
import io.amlnet.api.TrainingEnvironmentStatus.DriftEntry;
import io.amlnet.azure.AppliedWrite;
import io.amlnet.azure.PendingWrites;
import io.amlnet.plan.AzureFacts;
import io.amlnet.plan.Plan;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * What a reconcile read of Azure says against the plan, in status: the InSync condition and
 * status.drift (the first {@link Drift#MAX_ENTRIES} fields and the total), the same under Manage and
 * Observe; and under Manage, status.lastDriftCorrection when a write corrected an existing object.
 * Computes are the compute reconciler's business and are left out.
 */
final class DriftReport {
  static final String IN_SYNC = "InSync";
  private static final int MAX_VALUE = 256;
  /** Judged on the reconcile's facts alone: a status costs no extra ARM read. */
  private static final PendingWrites PENDING = new PendingWrites((id, apiVersion) -> java.util.Optional.empty());

  private final Clock clock;

  DriftReport(Clock clock) {
    this.clock = clock;
  }

  /** The network writes of the plan that Azure does not satisfy, as the reconcile's facts show it. */
  static List<PendingWrites.PendingWrite> pending(Plan plan, AzureFacts facts, String owner) {
    return PENDING.of(plan, facts, owner).stream()
        .filter(p -> !p.write().resourceType().startsWith("Microsoft.MachineLearningServices")).toList();
  }

  /** The status with InSync and drift set from what differs; the other fields as given. */
  TrainingEnvironmentStatus withDrift(TrainingEnvironment env, TrainingEnvironmentStatus status,
      List<PendingWrites.PendingWrite> pending) {
    List<DriftEntry> entries = new ArrayList<>();
    for (PendingWrites.PendingWrite write : pending) {
      write.differences().forEach(d -> entries.add(new DriftEntry(write.write().id(), d.field(),
          Conditions.bounded(d.expected(), MAX_VALUE), Conditions.bounded(d.actual(), MAX_VALUE))));
    }
    Conditions c = new Conditions(status.getConditions(), env.getMetadata().getGeneration(), clock);
    if (entries.isEmpty()) {
      c.set(IN_SYNC, true, "InSync", "Azure holds the plan for this generation");
      status.setDrift(null);
    } else {
      c.set(IN_SYNC, false, "Drifted", entries.size() + " field(s) of " + pending.size()
          + " Azure object(s) differ from the plan (status.drift)");
      status.setDrift(new Drift(entries.subList(0, Math.min(Drift.MAX_ENTRIES, entries.size())), entries.size()));
    }
    status.setConditions(c.result(List.of()));
    return status;
  }

  /** Under Manage: when this reconcile rewrote existing objects, the time and a one-line summary. */
  TrainingEnvironmentStatus withCorrections(TrainingEnvironmentStatus status, List<AppliedWrite> writes) {
    List<AppliedWrite> corrections = writes.stream().filter(w -> !w.created() && !w.method().equals("DELETE")).toList();
    if (!corrections.isEmpty()) {
      List<String> parts = corrections.stream().map(w -> w.id().substring(w.id().lastIndexOf('/') + 1) + " ("
          + String.join(", ", w.differences()) + ")").toList();
      status.setLastDriftCorrection(new DriftCorrection(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString(),
          Conditions.bounded("corrected " + corrections.size() + " object(s): " + String.join("; ", parts), 512)));
    }
    return status;
  }
}
