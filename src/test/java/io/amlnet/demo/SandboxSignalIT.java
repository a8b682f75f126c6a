package io.amlnet.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * `amlnet sandbox --keep-running` as a user runs it, in a session of its own with a temporary
 * directory of its own: once up, its etcd listens on loopback only, and SIGTERM (to the JVM, as
 * `kill` or Kubernetes send it) or Ctrl-C (SIGINT to the whole process group, as a terminal sends
 * it, so etcd and kube-apiserver get it too) leaves no child process and nothing in that directory
 * (etcd's data and WAL, the control plane's certificates, the emulator's certificate, the kubeconfig).
 */
class SandboxSignalIT {
  private static final String UP = "(Ctrl-C stops everything)";

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"SIGTERM to the JVM", "Ctrl-C to the process group"})
  void aSignalStopsEveryChildProcessAndLeavesNoTemporaryDirectory(String signal) throws Exception {
    // A build started as a background job of a shell without job control (`cmd &` in a script) ignores
    // SIGINT, and every process it starts inherits that: no Ctrl-C can reach the sandbox then.
    Assumptions.assumeFalse(signal.startsWith("Ctrl-C") && sigintIgnoredHere(),
        "SIGINT is ignored by this build's processes (started in the background without job control)");
    Path work = Files.createDirectories(Path.of("target", "sandbox-signal", UUID.randomUUID().toString()));
    Path tmp = Files.createDirectories(work.resolve("tmp")).toAbsolutePath();
    Path log = work.resolve("sandbox.log");
    // setsid: its own process group, which Ctrl-C signals as a whole (and SIGINT not ignored, as it
    // would be for a background job of a shell)
    Process sandbox = new ProcessBuilder("setsid", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.io.tmpdir=" + tmp, "-cp", classpath(), "io.amlnet.cli.AmlnetCommand",
        "sandbox", "--keep-running", "--timeout", "150s")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    List<ProcessHandle> children = List.of();
    try {
      awaitLine(sandbox, log, UP, Duration.ofMinutes(6));
      children = sandbox.descendants().toList();
      ProcessHandle etcd = child(children, "/etcd");
      child(children, "/kube-apiserver");
      assertThat(listeningAddresses(etcd.pid())).as("etcd's listening sockets").isNotEmpty()
          .allMatch(address -> address.equals("127.0.0.1"));
      assertThat(entries(tmp)).as("what the running sandbox keeps in its temporary directory").isNotEmpty();

      if (signal.startsWith("SIGTERM")) {
        sandbox.destroy();
      } else {
        assertThat(new ProcessBuilder("kill", "-INT", "--", "-" + sandbox.pid()).start().waitFor()).isZero();
      }
      assertThat(sandbox.waitFor(90, TimeUnit.SECONDS)).as("the sandbox ends after " + signal).isTrue();
    } finally {
      sandbox.destroyForcibly();
      for (ProcessHandle child : children) {
        try {
          child.onExit().get(10, TimeUnit.SECONDS);
        } catch (TimeoutException stillRunning) {
          // asserted below, by name
        }
      }
    }
    List<String> survivors = children.stream().filter(ProcessHandle::isAlive)
        .map(c -> c.info().command().orElse("?")).toList();
    children.forEach(ProcessHandle::destroyForcibly); // a failing run must not leave etcd to others
    assertThat(survivors).as("children still running after the sandbox ended").isEmpty();
    assertThat(entries(tmp)).as("left in the sandbox's temporary directory; its output: " + Files.readString(log))
        .isEmpty();
    assertThat(Files.readString(log)).contains("[sandbox] stopping the operator, the ARM emulator, kube-apiserver and etcd")
        .doesNotContain("amlnet: internal error");
  }

  /** The test's own classpath (failsafe puts it in a manifest-only jar), which holds amlnet and its libraries. */
  private static String classpath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  private static void awaitLine(Process process, Path log, String line, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String out = Files.exists(log) ? Files.readString(log) : "";
      if (out.contains(line)) {
        return;
      }
      if (!process.isAlive()) {
        throw new AssertionError("the sandbox ended (exit " + process.exitValue() + ") before it was up:\n" + out);
      }
      Thread.sleep(500);
    }
    throw new AssertionError("the sandbox was not up within " + timeout + ":\n" + Files.readString(log));
  }

  private static ProcessHandle child(List<ProcessHandle> children, String commandSuffix) {
    return children.stream().filter(c -> c.info().command().orElse("").endsWith(commandSuffix)).findFirst()
        .orElseThrow(() -> new AssertionError("no child process " + commandSuffix + " among "
            + children.stream().map(c -> c.info().command().orElse("?")).toList()));
  }

  /** IPv4/IPv6 addresses that the process's listening TCP sockets are bound to, from /proc. */
  private static Set<String> listeningAddresses(long pid) throws IOException {
    Set<String> inodes;
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      inodes = fds.map(fd -> {
        try {
          return Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
          return "";
        }
      }).filter(link -> link.startsWith("socket:[")).map(link -> link.substring(8, link.length() - 1))
          .collect(Collectors.toSet());
    }
    Set<String> addresses = new java.util.TreeSet<>();
    for (String table : List.of("tcp", "tcp6")) {
      for (String row : Files.readAllLines(Path.of("/proc", Long.toString(pid), "net", table))) {
        String[] f = row.trim().split("\\s+");
        if (f.length > 9 && f[3].equals("0A") && inodes.contains(f[9])) { // 0A: LISTEN
          addresses.add(address(f[1].substring(0, f[1].indexOf(':'))));
        }
      }
    }
    return addresses;
  }

  /** /proc/net's little-endian hex address as text: 0100007F is 127.0.0.1. */
  private static String address(String hex) {
    if (hex.length() == 8) {
      return Integer.parseInt(hex.substring(6, 8), 16) + "." + Integer.parseInt(hex.substring(4, 6), 16) + "."
          + Integer.parseInt(hex.substring(2, 4), 16) + "." + Integer.parseInt(hex.substring(0, 2), 16);
    }
    return hex.equals("00000000000000000000000001000000") ? "::1" : hex;
  }

  private static List<String> entries(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      List<String> found = new ArrayList<>();
      walk.filter(p -> !p.equals(dir)).forEach(p -> found.add(dir.relativize(p).toString()));
      return found;
    }
  }

  /** Whether this process ignores SIGINT (bit 1 of SigIgn in /proc/self/status), as its children then do. */
  private static boolean sigintIgnoredHere() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("SigIgn:")) {
        return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16) & 0x2) != 0;
      }
    }
    return false;
  }
}
