package io.amlnet.azure;

import io.amlnet.api.AzureOperation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one non-blocking apply did: the writes it made or started, the operations it started (to
 * record in status and poll later), and what it waits for before the rest can be written (an
 * operation in flight, the VNet's write slot, a refused precondition). Nothing in flight and nothing
 * written means Azure already matched the plan.
 */
public final class ApplyResult {
  private final List<AppliedWrite> writes = Collections.synchronizedList(new ArrayList<>());
  private final List<AzureOperation> operations = Collections.synchronizedList(new ArrayList<>());
  private final Set<String> waitingFor = Collections.synchronizedSet(new LinkedHashSet<>());
  private volatile Duration retryAfter;

  void wrote(AppliedWrite write, ArmClient.Accepted accepted) {
    writes.add(write);
    accepted.operation().ifPresent(op -> {
      operations.add(op);
      waitingFor.add(op.purpose());
    });
    if (accepted.retryAfter() != null) {
      retryAfter = retryAfter == null || accepted.retryAfter().compareTo(retryAfter) < 0 ? accepted.retryAfter() : retryAfter;
    }
  }

  /** Something this apply must not write past yet, by purpose (e.g. NatGateway, VirtualNetwork). */
  void waitFor(String purpose) {
    waitingFor.add(purpose);
  }

  /** True when a later phase must wait: an operation runs or a precondition is not met. */
  boolean busy() {
    return !waitingFor.isEmpty();
  }

  public List<AppliedWrite> writes() {
    return List.copyOf(writes);
  }

  public List<AzureOperation> operations() {
    return List.copyOf(operations);
  }

  public List<String> waitingFor() {
    synchronized (waitingFor) {
      return List.copyOf(waitingFor);
    }
  }

  /** The shortest Retry-After ARM sent with a started operation, or null. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** Azure matched the plan: nothing written, nothing started, nothing waited for. */
  public boolean inSync() {
    return writes.isEmpty() && operations.isEmpty() && waitingFor.isEmpty();
  }
}
