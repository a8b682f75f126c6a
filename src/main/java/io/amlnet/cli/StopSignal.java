package io.amlnet.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C or SIGTERM for a command that runs until stopped. The JVM runs shutdown hooks and then
 * halts, so a hook that only woke the command would let the JVM halt while the command is still
 * stopping what it started (etcd, kube-apiserver, temporary directories). This hook interrupts the
 * command (which ends a startup still under way), wakes it, and then holds the JVM until the
 * command has closed everything, or until the grace period is over.
 */
final class StopSignal implements AutoCloseable {
  private final CountDownLatch requested = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);
  private final Thread hook;

  private StopSignal(Thread command, Duration grace) {
    hook = new Thread(() -> {
      command.interrupt(); // before the count-down, so that await() can clear it for good
      requested.countDown();
      try {
        released.await(grace.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "amlnet-stop");
  }

  /** Installs the hook for the calling thread; close this after everything else. */
  static StopSignal install(Duration grace) {
    StopSignal signal = new StopSignal(Thread.currentThread(), grace);
    Runtime.getRuntime().addShutdownHook(signal.hook);
    return signal;
  }

  /** Waits until Ctrl-C or SIGTERM, then clears the hook's interrupt so that closing can wait for processes. */
  void await() {
    while (requested.getCount() > 0) {
      try {
        requested.await();
      } catch (InterruptedException e) {
        // the hook interrupts just before it counts down
      }
    }
    Thread.interrupted();
  }

  /** Everything is closed: the JVM may halt now; without a signal, the hook is no longer needed. */
  @Override
  public void close() {
    released.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running: released above
    }
  }
}
