package io.amlnet.azure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One subnet write per VNet at a time, in the order owners asked, without anyone blocking. */
class VirtualNetworkLocksTest {
  private static final String VNET = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v";
  private final List<String> told = new ArrayList<>();
  private final VirtualNetworkLocks locks = new VirtualNetworkLocks();

  {
    locks.onFree(told::add);
  }

  @Test
  void aSecondOwnerOnTheSameVnetIsRefusedAtOnceNotBlocked() {
    assertThat(locks.tryAcquire(VNET + "/subnets/a", "ns/a")).isTrue();
    assertThat(locks.tryAcquire(VNET + "/subnets/b", "ns/b")).isFalse();
    assertThat(locks.mustWait(VNET + "/subnets/b", "ns/b")).as("queued behind the holder").isTrue();
  }

  @Test
  void theHolderMayAskAgainWhileItsOperationRuns() {
    assertThat(locks.tryAcquire(VNET + "/subnets/a", "ns/a")).isTrue();
    assertThat(locks.tryAcquire(VNET + "/subnets/a", "ns/a")).isTrue();
  }

  @Test
  void otherVnetsAreIndependent() {
    assertThat(locks.tryAcquire(VNET + "/subnets/a", "ns/a")).isTrue();
    assertThat(locks.tryAcquire(VNET + "2/subnets/b", "ns/b")).isTrue();
  }

  @Test
  void aReleaseTellsTheFirstInLineAndOnlyItMayTakeTheSlot() {
    locks.tryAcquire(VNET + "/subnets/a", "ns/a");
    locks.tryAcquire(VNET + "/subnets/b", "ns/b");
    locks.tryAcquire(VNET + "/subnets/c", "ns/c");
    locks.release(VNET + "/subnets/a", "ns/a");
    assertThat(told).containsExactly("ns/b");
    assertThat(locks.tryAcquire(VNET + "/subnets/c", "ns/c")).isFalse();
    assertThat(locks.tryAcquire(VNET + "/subnets/b", "ns/b")).isTrue();
    locks.release(VNET + "/subnets/b", "ns/b");
    assertThat(told).containsExactly("ns/b", "ns/c");
    assertThat(locks.tryAcquire(VNET + "/subnets/c", "ns/c")).isTrue();
  }

  @Test
  void aReleaseByAnOwnerThatDoesNotHoldTheSlotChangesNothing() {
    locks.tryAcquire(VNET + "/subnets/a", "ns/a");
    locks.release(VNET + "/subnets/b", "ns/b");
    assertThat(locks.tryAcquire(VNET + "/subnets/b", "ns/b")).isFalse();
    assertThat(told).isEmpty();
  }

  @Test
  void aSlotWhoseHolderNeverComesBackExpires() throws InterruptedException {
    VirtualNetworkLocks quick = new VirtualNetworkLocks(Duration.ofMillis(50));
    quick.tryAcquire(VNET + "/subnets/a", "ns/a");
    Thread.sleep(80);
    assertThat(quick.tryAcquire(VNET + "/subnets/b", "ns/b")).isTrue();
  }

  @Test
  void aQueuedOwnerWaitsWhileAnotherHoldsTheSlotAndWhileAnothersTurnRuns() {
    locks.tryAcquire(VNET + "/subnets/a", "ns/a");
    locks.tryAcquire(VNET + "/subnets/b", "ns/b");
    locks.tryAcquire(VNET + "/subnets/c", "ns/c");
    assertThat(locks.mustWait(VNET + "/subnets/c", "ns/c")).as("a holds the slot").isTrue();
    locks.release(VNET + "/subnets/a", "ns/a");
    assertThat(told).containsExactly("ns/b");
    assertThat(locks.mustWait(VNET + "/subnets/c", "ns/c")).as("b was told and has its turn").isTrue();
    assertThat(locks.mustWait(VNET + "/subnets/b", "ns/b")).as("b's own turn").isFalse();
  }

  @Test
  void anOwnerThatIsNotQueuedNeverWaitsSoThatItsReconcileQueuesIt() {
    locks.tryAcquire(VNET + "/subnets/a", "ns/a");
    assertThat(locks.mustWait(VNET + "/subnets/b", "ns/b")).isFalse();
  }
}
