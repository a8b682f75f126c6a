package io.amlnet.azure;

import io.amlnet.api.AzureOperation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Polls the recorded operations at the start of a reconcile, one after another until one still runs:
 * a reconcile goes on only once all have ended, so polling the rest of them then would spend the
 * subscription's read budget on an answer that changes nothing (they are polled when their turn
 * comes, a poll interval later). What still runs is kept (with when to look again), what ended is
 * dropped, and a subnet write's end gives its VNet's write slot back; subnet writes are polled first,
 * so the slot other environments wait for is never held up behind another operation. An operation
 * that failed is ARM's error, thrown after the others were looked at.
 */
public final class OperationPoller {
  private final ArmClient arm;
  private final VirtualNetworkLocks vnetLocks;

  public OperationPoller(ArmClient arm, VirtualNetworkLocks vnetLocks) {
    this.arm = arm;
    this.vnetLocks = vnetLocks;
  }

  /** What is still running after one poll each, and the soonest time to poll again (null: nothing runs). */
  public record Progress(List<AzureOperation> running, Duration pollAgainAfter) {
    public boolean done() {
      return running.isEmpty();
    }

    public List<String> purposes() {
      return running.stream().map(AzureOperation::purpose).distinct().toList();
    }
  }

  /**
   * @param owner whose operations they are ({@code namespace/name}), for the VNet's write slot
   * @throws ArmException the first failed operation's error
   */
  public Progress pollOnce(List<AzureOperation> recorded, String owner) {
    return poll(recorded, owner, true);
  }

  /**
   * As {@link #pollOnce}, but an operation that ended Failed only counts as ended: a teardown reads
   * Azure again and deletes what is still there. Thrown, the failure would be polled again forever,
   * since a failed cleanup writes no status that drops the record.
   */
  public Progress pollOnceForTeardown(List<AzureOperation> recorded, String owner) {
    return poll(recorded, owner, false);
  }

  private Progress poll(List<AzureOperation> recorded, String owner, boolean failuresThrow) {
    List<AzureOperation> running = new ArrayList<>();
    Duration next = null;
    ArmException failure = null;
    for (AzureOperation op : subnetWritesFirst(recorded)) {
      if (next != null) {
        running.add(op); // not polled: another is still running, so this reconcile waits anyway
        holdSlot(op, owner);
        continue;
      }
      ArmClient.Poll poll;
      try {
        poll = arm.poll(op);
      } catch (ArmException e) {
        if (e.status() == 404) {
          slotFreed(op, owner); // ARM no longer knows the operation: it ended long ago
          continue;
        }
        if (!e.retryable()) {
          throw e;
        }
        // A poll that was throttled, failed with 5xx or lost its connection says nothing about the
        // operation: it stays recorded and is polled again, rather than being lost with the error.
        poll = ArmClient.Poll.running(null);
      }
      if (poll.running()) {
        running.add(op);
        holdSlot(op, owner);
        next = arm.nextPoll(op, poll.retryAfter());
        continue;
      }
      slotFreed(op, owner);
      if (poll.failure() != null && failure == null) {
        failure = poll.failure();
      }
    }
    if (failure != null && failuresThrow) {
      throw failure;
    }
    // In the recorded order, so an unchanged set of running operations leaves status unchanged.
    return new Progress(recorded == null ? List.of() : recorded.stream().filter(running::contains).toList(), next);
  }

  private static List<AzureOperation> subnetWritesFirst(List<AzureOperation> recorded) {
    return recorded == null ? List.of() : recorded.stream()
        .sorted(java.util.Comparator.comparing(op -> !OperationPurpose.SUBNET.equals(op.purpose()))).toList();
  }

  /** A subnet write still running keeps its VNet's slot (e.g. after a restart: the slot is still ours). */
  private void holdSlot(AzureOperation op, String owner) {
    if (OperationPurpose.SUBNET.equals(op.purpose())) {
      vnetLocks.tryAcquire(op.resourceId(), owner);
    }
  }

  /** When to poll operations this reconcile just started (ARM's Retry-After, else the pacing). */
  public Duration firstPoll(List<AzureOperation> started, Duration retryAfter) {
    Duration next = null;
    for (AzureOperation op : started) {
      Duration after = arm.nextPoll(op, retryAfter);
      next = next == null || after.compareTo(next) < 0 ? after : next;
    }
    return next;
  }

  private void slotFreed(AzureOperation op, String owner) {
    if (OperationPurpose.SUBNET.equals(op.purpose())) {
      vnetLocks.release(op.resourceId(), owner);
    }
  }
}
