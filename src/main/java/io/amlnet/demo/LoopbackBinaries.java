package io.amlnet.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A private kube-api-test directory for one control plane. kube-api-test 7.5.2 starts etcd with
 * {@code --listen-client-urls http://0.0.0.0:PORT} and has no setting for it, so etcd here is a
 * small wrapper that turns 0.0.0.0 into 127.0.0.1 and execs the real etcd (same process, so
 * kube-api-test's kill reaches etcd itself). kube-apiserver and kubectl are links to the built
 * binaries; kube-api-test writes its certificates here too. Closing deletes the directory.
 */
final class LoopbackBinaries implements AutoCloseable {
  private final Path testDir;

  private LoopbackBinaries(Path testDir) {
    this.testDir = testDir;
  }

  /** {@code binaries} is {@code <root>/k8s/<version>-<platform>} with kube-apiserver, etcd and kubectl. */
  static LoopbackBinaries create(Path binaries) {
    try {
      Path testDir = Files.createTempDirectory("amlnet-control-plane-");
      Path dir = Files.createDirectories(testDir.resolve("k8s").resolve(binaries.getFileName()));
      Files.createSymbolicLink(dir.resolve("kube-apiserver"), binaries.resolve("kube-apiserver").toAbsolutePath());
      Files.createSymbolicLink(dir.resolve("kubectl"), binaries.resolve("kubectl").toAbsolutePath());
      Path etcd = dir.resolve("etcd");
      Files.writeString(etcd, wrapper(binaries.resolve("etcd").toAbsolutePath()));
      Files.setPosixFilePermissions(etcd, PosixFilePermissions.fromString("rwx------"));
      return new LoopbackBinaries(testDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the control plane's directory", e);
    }
  }

  private static String wrapper(Path realEtcd) {
    return """
        #!/bin/sh
        # kube-api-test asks etcd to listen on 0.0.0.0; amlnet's local control plane listens on loopback only.
        for arg do
          shift
          case "$arg" in
            http://0.0.0.0:*) arg="http://127.0.0.1:${arg#http://0.0.0.0:}" ;;
          esac
          set -- "$@" "$arg"
        done
        exec '%s' "$@"
        """.formatted(realEtcd.toString().replace("'", "'\\''"));
  }

  /** The directory to give kube-api-test as its test dir. */
  Path testDir() {
    return testDir;
  }

  @Override
  public void close() {
    try {
      Files.walkFileTree(testDir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file); // links are deleted, never followed
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
          Files.delete(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + testDir, e);
    }
  }
}
