package io.amlnet.deploy;

import io.amlnet.demo.LocalKubernetes;
import io.amlnet.testing.ControlPlane;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The CLIs that hack/control-plane/install.sh builds (helm, kubeconform, kubectl), run as processes. */
final class Tools {
  static final Path CHART = Path.of("helm/amlnet");

  /** A finished command: its exit code and what it printed. */
  record Result(List<String> command, int exit, String out, String err) {
    Result ok() {
      if (exit != 0) {
        throw new AssertionError(this.toString());
      }
      return this;
    }

    @Override
    public String toString() {
      return String.join(" ", command) + " -> exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  private Tools() {}

  static Path helmBinary() {
    return binary(LocalKubernetes.binaryRoot().resolve("bin/helm"));
  }

  static Path kubeconformBinary() {
    return binary(LocalKubernetes.binaryRoot().resolve("bin/kubeconform"));
  }

  /** helm with the test API server's kubeconfig (only the commands that talk to a cluster use it). */
  static Result helm(String... args) {
    List<String> command = new ArrayList<>(List.of(helmBinary().toString(), "--kubeconfig",
        ControlPlane.kubeconfig().toString()));
    command.addAll(List.of(args));
    return run(null, command);
  }

  /** helm for commands that need no cluster (template, lint, show). */
  static Result helmOffline(String... args) {
    List<String> command = new ArrayList<>(List.of(helmBinary().toString()));
    command.addAll(List.of(args));
    return run(null, command);
  }

  static Result kubectl(String stdin, String... args) {
    List<String> command = new ArrayList<>(List.of(binary(ControlPlane.kubectl()).toString(), "--kubeconfig",
        ControlPlane.kubeconfig().toString()));
    command.addAll(List.of(args));
    return run(stdin, command);
  }

  static Result run(String stdin, List<String> command) {
    try {
      Process process = new ProcessBuilder(command).start();
      CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
      try (var in = process.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!process.waitFor(180, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not finish within 180 s");
      }
      return new Result(command, process.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static String read(java.io.InputStream stream) {
    try {
      return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path binary(Path path) {
    if (!Files.isExecutable(path)) {
      throw new IllegalStateException(path + " is missing: run hack/control-plane/install.sh (mvn verify runs it"
          + " before the integration tests)");
    }
    return path;
  }
}
