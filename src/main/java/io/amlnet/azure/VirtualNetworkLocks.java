package io.amlnet.azure;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * ARM rejects a second write to one VNet's subnets while one is in flight (AnotherOperationInProgress),
 * so amlnet orders its subnet writes per VNet. Nothing blocks: an owner (an environment) takes the
 * VNet's write slot when it starts a subnet write and gives it back when a later reconcile sees the
 * operation end; an owner that finds the slot taken is queued, and the first in the queue is told
 * (through {@link #onFree}) when the slot is given back. A slot whose holder never comes back expires
 * after the operation timeout, and a queued owner that does not come back within {@link #QUEUE_TURN}
 * of being told loses its turn. Within one operator; across replicas ARM's 409 is the guard.
 */
public final class VirtualNetworkLocks {
  /** How long the first queued owner has to take a freed slot before the next one is told. */
  static final Duration QUEUE_TURN = Duration.ofSeconds(30);

  private record Holder(String owner, long sinceNanos) {}

  private record Waiter(String owner, long toldNanos) {}

  private final Map<String, Holder> holders = new HashMap<>();
  private final Map<String, Deque<Waiter>> queues = new HashMap<>();
  private final Duration expiry;
  private volatile Consumer<String> onFree = owner -> { };

  public VirtualNetworkLocks() {
    this(Duration.ofMinutes(30));
  }

  public VirtualNetworkLocks(Duration expiry) {
    this.expiry = expiry;
  }

  /** Who to tell, by owner ({@code namespace/name}), that it may take the slot it waits for. */
  public void onFree(Consumer<String> listener) {
    this.onFree = listener;
  }

  /** Takes the slot of the subnet's VNet for {@code owner}, or queues it and says false. */
  public boolean tryAcquire(String subnetId, String owner) {
    String vnet = vnetOf(subnetId);
    String tell = null;
    boolean acquired;
    synchronized (this) {
      long now = System.nanoTime();
      Holder holder = holders.get(vnet);
      if (holder != null && !holder.owner.equals(owner) && now - holder.sinceNanos > expiry.toNanos()) {
        holders.remove(vnet);
        holder = null;
      }
      Deque<Waiter> queue = queues.computeIfAbsent(vnet, k -> new ArrayDeque<>());
      dropStaleHead(queue, now);
      boolean myTurn = queue.isEmpty() || queue.peekFirst().owner.equals(owner);
      if (holder == null && myTurn || holder != null && holder.owner.equals(owner)) {
        queue.removeIf(w -> w.owner.equals(owner));
        holders.put(vnet, new Holder(owner, holder != null ? holder.sinceNanos : now));
        acquired = true;
      } else {
        if (queue.stream().noneMatch(w -> w.owner.equals(owner))) {
          queue.addLast(new Waiter(owner, Long.MAX_VALUE));
        }
        acquired = false;
        if (holder == null && !queue.isEmpty() && queue.peekFirst().toldNanos == Long.MAX_VALUE) {
          tell = tellHead(queue, now); // the slot is free but its turn belongs to someone not yet told
        }
      }
      if (queue.isEmpty()) {
        queues.remove(vnet);
      }
    }
    if (tell != null) {
      onFree.accept(tell);
    }
    return acquired;
  }

  /** Gives back the slot {@code owner} holds for the subnet's VNet (if it holds it) and tells the next in line. */
  public void release(String subnetId, String owner) {
    String vnet = vnetOf(subnetId);
    String tell = null;
    synchronized (this) {
      Holder holder = holders.get(vnet);
      if (holder == null || !holder.owner.equals(owner)) {
        return;
      }
      holders.remove(vnet);
      Deque<Waiter> queue = queues.get(vnet);
      if (queue != null && !queue.isEmpty()) {
        tell = tellHead(queue, System.nanoTime());
      }
    }
    if (tell != null) {
      onFree.accept(tell);
    }
  }

  /**
   * Whether {@code owner}, queued for the slot, has nothing to look at yet: another holds the slot, or
   * it is another queued owner's turn to take it. An owner not in the queue never waits here (its
   * reconcile queues it), and a free slot whose next owner was not yet told is offered to it now.
   */
  public boolean mustWait(String subnetId, String owner) {
    String vnet = vnetOf(subnetId);
    String tell = null;
    boolean wait;
    synchronized (this) {
      long now = System.nanoTime();
      Deque<Waiter> queue = queues.get(vnet);
      Holder holder = holders.get(vnet);
      if (queue == null || queue.stream().noneMatch(w -> w.owner.equals(owner))) {
        wait = false;
      } else if (holder != null) {
        wait = !holder.owner.equals(owner) && now - holder.sinceNanos <= expiry.toNanos();
      } else {
        dropStaleHead(queue, now);
        wait = !queue.isEmpty() && !queue.peekFirst().owner.equals(owner);
        if (wait && queue.peekFirst().toldNanos == Long.MAX_VALUE) {
          tell = tellHead(queue, now);
        }
      }
    }
    if (tell != null) {
      onFree.accept(tell);
    }
    return wait;
  }

  private static String tellHead(Deque<Waiter> queue, long now) {
    Waiter head = queue.pollFirst();
    queue.addFirst(new Waiter(head.owner, now));
    return head.owner;
  }

  private static void dropStaleHead(Deque<Waiter> queue, long now) {
    while (!queue.isEmpty() && queue.peekFirst().toldNanos != Long.MAX_VALUE
        && now - queue.peekFirst().toldNanos > QUEUE_TURN.toNanos()) {
      queue.pollFirst();
    }
  }

  static String vnetOf(String subnetId) {
    String lower = subnetId.toLowerCase(Locale.ROOT);
    int at = lower.indexOf("/subnets/");
    return at < 0 ? lower : lower.substring(0, at);
  }
}
