package io.amlnet.azure;

import io.amlnet.api.AzureOperation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Polls each recorded operation once, at the start of a reconcile: what still runs is kept (with
 * when to look again), what ended is dropped, and a subnet write's end gives its VNet's write slot
 * back. An operation that failed is ARM's error, thrown after the others were looked at.
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
    for (AzureOperation op : recorded == null ? List.<AzureOperation>of() : recorded) {
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
        if (OperationPurpose.SUBNET.equals(op.purpose())) {
          vnetLocks.tryAcquire(op.resourceId(), owner); // e.g. after a restart: the slot is still ours
        }
        Duration after = arm.nextPoll(op, poll.retryAfter());
        next = next == null || after.compareTo(next) < 0 ? after : next;
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
    return new Progress(List.copyOf(running), next);
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
